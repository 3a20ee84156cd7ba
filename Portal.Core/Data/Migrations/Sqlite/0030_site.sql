-- The micro-site: articles in categories, standalone pages, the home page's banners and navigation grid,
-- the site's profile (name, contact details, the home page's share card) and uploaded images.
-- Body HTML is stored already sanitized: what is in the table is what followers' browsers get.
-- AUTOINCREMENT so a deleted row's id is never reused: the audit trail names rows by id.
CREATE TABLE site_categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE site_articles (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id       INTEGER NULL REFERENCES site_categories (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    body_html         TEXT NOT NULL DEFAULT '',
    cover_image       TEXT NULL,
    featured          INTEGER NOT NULL DEFAULT 0,
    published         INTEGER NOT NULL DEFAULT 0,
    published_at      TEXT NULL,
    read_count        INTEGER NOT NULL DEFAULT 0,
    share_title       TEXT NOT NULL DEFAULT '',
    share_description TEXT NOT NULL DEFAULT '',
    share_image       TEXT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX ix_site_articles_published ON site_articles (published, published_at);
CREATE INDEX ix_site_articles_category ON site_articles (category_id, published, published_at);

CREATE TABLE site_pages (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    slug              TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    body_html         TEXT NOT NULL DEFAULT '',
    share_title       TEXT NOT NULL DEFAULT '',
    share_description TEXT NOT NULL DEFAULT '',
    share_image       TEXT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE site_banners (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL DEFAULT '',
    image_url   TEXT NOT NULL,
    link        TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE site_nav_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    label       TEXT NOT NULL,
    image_url   TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One row (id = 1), written with an upsert.
CREATE TABLE site_profile (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
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

-- Uploaded images, named by the SHA-256 of their bytes (the bytes are in the content column, 0031).
CREATE TABLE site_media (
    hash          TEXT PRIMARY KEY,
    extension     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
