-- Rows that belong to an Official Account say which (wechat_accounts.id); everything written before belongs to
-- the default account, 1. Where a key or a unique constraint was Portal-wide and must now hold per account
-- (an OpenID, a tag id, a menu draft's slot, a page's slug, the site profile, an uploaded image, a setting),
-- SQLite cannot change it in place: the table is rebuilt with the same rows. The runner applies migrations
-- with foreign keys off and checks them before it commits, so parents of foreign keys can be rebuilt too.
-- AUTOINCREMENT tables keep their sequence, so an id is still never given twice.

-- settings: the membership levels and check-in rules are each account's; the follower-index watermark is
-- Portal-wide and lives under account 0, which is no account.
CREATE TABLE settings_rebuilt (
    account_id INTEGER NOT NULL DEFAULT 1,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
);
INSERT INTO settings_rebuilt (account_id, key, value, updated_at)
SELECT CASE WHEN key = 'message_log.follower_index_through' THEN 0 ELSE 1 END, key, value, updated_at FROM settings;
DROP TABLE settings;
ALTER TABLE settings_rebuilt RENAME TO settings;

-- followers: an OpenID is the follower's id within one account.
CREATE TABLE followers_rebuilt (
    account_id          INTEGER NOT NULL DEFAULT 1,
    openid              TEXT NOT NULL,
    subscribed          INTEGER NOT NULL DEFAULT 0,
    subscribed_at       TEXT NULL,
    unsubscribed_at     TEXT NULL,
    qr_scene            TEXT NULL,
    unionid             TEXT NULL,
    remark              TEXT NULL,
    last_interaction_at TEXT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    language            TEXT NULL,
    subscribe_scene     TEXT NULL,
    synced_at           TEXT NULL,
    last_reply_at       TEXT NULL,
    listed_at           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, openid)
);
INSERT INTO followers_rebuilt (account_id, openid, subscribed, subscribed_at, unsubscribed_at, qr_scene, unionid, remark,
                               last_interaction_at, created_at, updated_at, language, subscribe_scene, synced_at, last_reply_at, listed_at)
SELECT 1, openid, subscribed, subscribed_at, unsubscribed_at, qr_scene, unionid, remark,
       last_interaction_at, created_at, updated_at, language, subscribe_scene, synced_at, last_reply_at, listed_at
FROM followers;
DROP TABLE followers;
ALTER TABLE followers_rebuilt RENAME TO followers;
CREATE INDEX ix_followers_listed ON followers (account_id, listed_at, openid);
CREATE INDEX ix_followers_subscribed_listed ON followers (account_id, subscribed, listed_at, openid);
CREATE INDEX ix_followers_scene_listed ON followers (account_id, qr_scene, listed_at, openid) WHERE qr_scene IS NOT NULL;
CREATE INDEX ix_followers_remark ON followers (account_id, remark) WHERE remark IS NOT NULL;

-- tags: the platform numbers tags per account, so two accounts may both have tag 100.
CREATE TABLE tags_rebuilt (
    account_id     INTEGER NOT NULL DEFAULT 1,
    id             INTEGER NOT NULL,
    name           TEXT NOT NULL,
    follower_count INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
);
INSERT INTO tags_rebuilt (account_id, id, name, follower_count, updated_at) SELECT 1, id, name, follower_count, updated_at FROM tags;
DROP TABLE tags;
ALTER TABLE tags_rebuilt RENAME TO tags;

CREATE TABLE follower_tags_rebuilt (
    account_id INTEGER NOT NULL DEFAULT 1,
    tag_id     INTEGER NOT NULL,
    openid     TEXT NOT NULL,
    listed_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, openid, tag_id)
) WITHOUT ROWID;
INSERT INTO follower_tags_rebuilt (account_id, tag_id, openid, listed_at) SELECT 1, tag_id, openid, listed_at FROM follower_tags;
DROP TABLE follower_tags;
ALTER TABLE follower_tags_rebuilt RENAME TO follower_tags;
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
CREATE TABLE menu_drafts_rebuilt (
    account_id      INTEGER NOT NULL DEFAULT 1,
    slot            TEXT NOT NULL,
    menu_json       TEXT NOT NULL,
    match_rule_json TEXT NULL,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (account_id, slot)
);
INSERT INTO menu_drafts_rebuilt (account_id, slot, menu_json, match_rule_json, updated_by, updated_at)
SELECT 1, slot, menu_json, match_rule_json, updated_by, updated_at FROM menu_drafts;
DROP TABLE menu_drafts;
ALTER TABLE menu_drafts_rebuilt RENAME TO menu_drafts;

ALTER TABLE menu_versions ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_menu_versions_account ON menu_versions (account_id, id);

-- members: one member per OpenID, code and phone number within an account. Ids stay Portal-wide (the
-- ledger, check-ins and coupons refer to them).
CREATE TABLE members_rebuilt (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL DEFAULT 1,
    openid          TEXT NOT NULL,
    unionid         TEXT NULL,
    nickname        TEXT NULL,
    avatar_url      TEXT NULL,
    has_profile     INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    last_sign_in_at TEXT NOT NULL,
    member_code     TEXT NULL,
    phone           TEXT NULL,
    real_name       TEXT NULL,
    birthday        TEXT NULL,
    phone_last4     TEXT NULL,
    UNIQUE (account_id, openid)
);
INSERT INTO members_rebuilt (id, account_id, openid, unionid, nickname, avatar_url, has_profile, created_at, updated_at, last_sign_in_at,
                             member_code, phone, real_name, birthday, phone_last4)
SELECT id, 1, openid, unionid, nickname, avatar_url, has_profile, created_at, updated_at, last_sign_in_at,
       member_code, phone, real_name, birthday, phone_last4
FROM members;
DROP TABLE members;
ALTER TABLE members_rebuilt RENAME TO members;
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
CREATE TABLE site_pages_rebuilt (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id        INTEGER NOT NULL DEFAULT 1,
    slug              TEXT NOT NULL,
    title             TEXT NOT NULL,
    body_html         TEXT NOT NULL DEFAULT '',
    share_title       TEXT NOT NULL DEFAULT '',
    share_description TEXT NOT NULL DEFAULT '',
    share_image       TEXT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (account_id, slug)
);
INSERT INTO site_pages_rebuilt (id, account_id, slug, title, body_html, share_title, share_description, share_image, created_at, updated_at)
SELECT id, 1, slug, title, body_html, share_title, share_description, share_image, created_at, updated_at FROM site_pages;
-- Keep the old table's sequence: a deleted page's id stays used.
DELETE FROM sqlite_sequence WHERE name = 'site_pages_rebuilt';
UPDATE sqlite_sequence SET name = 'site_pages_rebuilt' WHERE name = 'site_pages';
DROP TABLE site_pages;
ALTER TABLE site_pages_rebuilt RENAME TO site_pages;

-- site_profile: one row per account instead of the single row 1.
CREATE TABLE site_profile_rebuilt (
    account_id        INTEGER PRIMARY KEY,
    site_name         TEXT NOT NULL DEFAULT '',
    intro             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    opening_hours     TEXT NOT NULL DEFAULT '',
    map_link          TEXT NOT NULL DEFAULT '',
    share_title       TEXT NOT NULL DEFAULT '',
    share_description TEXT NOT NULL DEFAULT '',
    share_image       TEXT NULL,
    updated_at        TEXT NOT NULL
);
INSERT INTO site_profile_rebuilt (account_id, site_name, intro, address, phone, opening_hours, map_link, share_title, share_description, share_image, updated_at)
SELECT 1, site_name, intro, address, phone, opening_hours, map_link, share_title, share_description, share_image, updated_at FROM site_profile;
DROP TABLE site_profile;
ALTER TABLE site_profile_rebuilt RENAME TO site_profile;

-- site_media: each account has its own library. An image is still named by the hash of its bytes.
CREATE TABLE site_media_rebuilt (
    account_id    INTEGER NOT NULL DEFAULT 1,
    hash          TEXT NOT NULL,
    extension     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    content       BLOB NULL,
    PRIMARY KEY (account_id, hash)
);
INSERT INTO site_media_rebuilt (account_id, hash, extension, content_type, size_bytes, original_name, created_at, content)
SELECT 1, hash, extension, content_type, size_bytes, original_name, created_at, content FROM site_media;
DROP TABLE site_media;
ALTER TABLE site_media_rebuilt RENAME TO site_media;
CREATE INDEX ix_site_media_hash ON site_media (hash);

-- audit_log: the account a change was made on; NULL for Portal-wide changes (operators, sign-in).
ALTER TABLE audit_log ADD COLUMN account_id INTEGER NULL;
UPDATE audit_log SET account_id = 1 WHERE entity_type <> 'operator';
CREATE INDEX ix_audit_log_account ON audit_log (account_id, id);

-- The accounts an operator may work on; none listed means every account (as before accounts).
CREATE TABLE operator_accounts (
    operator_id INTEGER NOT NULL REFERENCES operators (id),
    account_id  INTEGER NOT NULL,
    PRIMARY KEY (operator_id, account_id)
);
