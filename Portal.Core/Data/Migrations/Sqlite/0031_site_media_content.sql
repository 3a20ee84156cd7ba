-- Uploaded images kept in the database, so every instance serves every image (a local folder would
-- only be seen by the instance that received the upload).
ALTER TABLE site_media ADD COLUMN content BLOB NULL;
