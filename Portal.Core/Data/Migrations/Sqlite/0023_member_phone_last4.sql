-- Staff find a member by "the number ending 8000": the last four digits, kept beside the number and
-- indexed, so the search does not read every member. Set wherever the number is bound.
ALTER TABLE members ADD COLUMN phone_last4 TEXT NULL;
UPDATE members SET phone_last4 = substr(phone, -4) WHERE phone IS NOT NULL;
CREATE INDEX ix_members_phone_last4 ON members (phone_last4) WHERE phone_last4 IS NOT NULL;
