-- What a member tells about themselves in the member centre (WeChat's nickname stays separate).
ALTER TABLE members ADD COLUMN real_name TEXT NULL;
ALTER TABLE members ADD COLUMN birthday TEXT NULL;
