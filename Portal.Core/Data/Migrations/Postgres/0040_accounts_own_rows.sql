-- Rows that belong to an Official Account say which (wechat_accounts.id); everything written before belongs to
-- the default account, 1. Keys and unique constraints that were Portal-wide and must now hold per account (an
-- OpenID, a tag id, a menu draft's slot, a page's slug, the site profile, an uploaded image, a setting) take the
-- account as their first column.

-- settings: the membership levels and check-in rules are each account's; the follower-index watermark is
-- Portal-wide and lives under account 0, which is no account.
ALTER TABLE settings ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
UPDATE settings SET account_id = 0 WHERE key = 'message_log.follower_index_through';
ALTER TABLE settings DROP CONSTRAINT settings_pkey;
ALTER TABLE settings ADD PRIMARY KEY (account_id, key);

-- followers: an OpenID is the follower's id within one account.
ALTER TABLE followers ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE followers DROP CONSTRAINT followers_pkey;
ALTER TABLE followers ADD PRIMARY KEY (account_id, openid);
DROP INDEX ix_followers_listed;
DROP INDEX ix_followers_subscribed_listed;
DROP INDEX ix_followers_scene_listed;
DROP INDEX ix_followers_remark;
CREATE INDEX ix_followers_listed ON followers (account_id, listed_at, openid);
CREATE INDEX ix_followers_subscribed_listed ON followers (account_id, subscribed, listed_at, openid);
CREATE INDEX ix_followers_scene_listed ON followers (account_id, qr_scene, listed_at, openid) WHERE qr_scene IS NOT NULL;
CREATE INDEX ix_followers_remark ON followers (account_id, (remark COLLATE "C")) WHERE remark IS NOT NULL;

-- tags: the platform numbers tags per account, so two accounts may both have tag 100.
ALTER TABLE tags ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tags DROP CONSTRAINT tags_pkey;
ALTER TABLE tags ADD PRIMARY KEY (account_id, id);

ALTER TABLE follower_tags ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE follower_tags DROP CONSTRAINT follower_tags_pkey;
ALTER TABLE follower_tags ADD PRIMARY KEY (account_id, openid, tag_id);
DROP INDEX ix_follower_tags_listed;
CREATE INDEX ix_follower_tags_listed ON follower_tags (account_id, tag_id, listed_at, openid);

ALTER TABLE follower_syncs ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_follower_syncs_account ON follower_syncs (account_id, id);

-- message_log_by_follower keeps (openid, id): the id is a message_log row, which carries the account.

-- The log's lists (inbox, dashboard) read one account's rows.
CREATE INDEX ix_message_log_account_created ON message_log (account_id, created_at);

ALTER TABLE auto_reply_rules ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
DROP INDEX ix_auto_reply_rules_trigger;
CREATE INDEX ix_auto_reply_rules_trigger ON auto_reply_rules (account_id, trigger, enabled, priority);

-- menu_drafts: each account has its own default draft and conditional drafts.
ALTER TABLE menu_drafts ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE menu_drafts DROP CONSTRAINT menu_drafts_pkey;
ALTER TABLE menu_drafts ADD PRIMARY KEY (account_id, slot);

ALTER TABLE menu_versions ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_menu_versions_account ON menu_versions (account_id, id);

-- members: one member per OpenID, code and phone number within an account. Ids stay Portal-wide (the
-- ledger, check-ins and coupons refer to them).
ALTER TABLE members ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE members DROP CONSTRAINT members_openid_key;
ALTER TABLE members ADD CONSTRAINT members_account_openid_key UNIQUE (account_id, openid);
DROP INDEX ux_members_code;
DROP INDEX ux_members_phone;
DROP INDEX ix_members_phone_last4;
CREATE UNIQUE INDEX ux_members_code ON members (account_id, member_code);
CREATE UNIQUE INDEX ux_members_phone ON members (account_id, phone);
CREATE INDEX ix_members_phone_last4 ON members (account_id, phone_last4) WHERE phone_last4 IS NOT NULL;

ALTER TABLE points_ledger ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE check_ins ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE coupon_templates ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_coupon_templates_account ON coupon_templates (account_id, id);
ALTER TABLE member_coupons ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;

ALTER TABLE site_categories ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_site_categories_account ON site_categories (account_id, sort_order);
ALTER TABLE site_articles ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
DROP INDEX ix_site_articles_published;
DROP INDEX ix_site_articles_category;
CREATE INDEX ix_site_articles_published ON site_articles (account_id, published, published_at);
CREATE INDEX ix_site_articles_category ON site_articles (account_id, category_id, published, published_at);
ALTER TABLE site_banners ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_site_banners_account ON site_banners (account_id, sort_order);
ALTER TABLE site_nav_items ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_site_nav_items_account ON site_nav_items (account_id, sort_order);

-- site_pages: a slug names a page within an account's site.
ALTER TABLE site_pages ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site_pages DROP CONSTRAINT site_pages_slug_key;
ALTER TABLE site_pages ADD CONSTRAINT site_pages_account_slug_key UNIQUE (account_id, slug);

-- site_profile: one row per account instead of the single row 1.
ALTER TABLE site_profile ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site_profile DROP CONSTRAINT site_profile_pkey;
ALTER TABLE site_profile DROP COLUMN id;
ALTER TABLE site_profile ADD PRIMARY KEY (account_id);

-- site_media: each account has its own library. An image is still named by the hash of its bytes.
ALTER TABLE site_media ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site_media DROP CONSTRAINT site_media_pkey;
ALTER TABLE site_media ADD PRIMARY KEY (account_id, hash);
CREATE INDEX ix_site_media_hash ON site_media (hash);

-- audit_log: the account a change was made on; NULL for Portal-wide changes (operators, sign-in).
ALTER TABLE audit_log ADD COLUMN account_id INTEGER NULL;
UPDATE audit_log SET account_id = 1 WHERE entity_type <> 'operator';
CREATE INDEX ix_audit_log_account ON audit_log (account_id, id);

-- The accounts an operator may work on; none listed means every account (as before accounts).
CREATE TABLE operator_accounts (
    operator_id BIGINT NOT NULL REFERENCES operators (id),
    account_id  INTEGER NOT NULL,
    PRIMARY KEY (operator_id, account_id)
);
