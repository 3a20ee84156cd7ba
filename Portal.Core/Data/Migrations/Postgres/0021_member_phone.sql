-- A member's verified mobile number; one member per number.
ALTER TABLE members ADD COLUMN phone TEXT NULL;
CREATE UNIQUE INDEX ux_members_phone ON members (phone);
