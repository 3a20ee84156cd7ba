-- What the platform's user info tells that the webhook never does, the account's tags, sync runs, and the
-- indexes that keep the followers list fast at a million rows (keyset paging, never OFFSET).

ALTER TABLE followers ADD COLUMN language TEXT NULL;
-- How they came: ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE… (only user info says; the follow event does not).
ALTER TABLE followers ADD COLUMN subscribe_scene TEXT NULL;
-- When the latest sync from the platform last saw them.
ALTER TABLE followers ADD COLUMN synced_at TEXT NULL;
-- When an operator last queued a customer-service reply: messages before it count as answered.
ALTER TABLE followers ADD COLUMN last_reply_at TEXT NULL;
-- The list's order: when they last followed, else when Portal first heard of them. Never null, so keyset
-- paging needs no NULL rules (SQLite and PostgreSQL sort NULLs at opposite ends). SQLite cannot add a
-- NOT NULL column without a default; the stores always write it.
ALTER TABLE followers ADD COLUMN listed_at TEXT NOT NULL DEFAULT '';
UPDATE followers SET listed_at = COALESCE(subscribed_at, created_at);

CREATE INDEX ix_followers_listed ON followers (listed_at, openid);
CREATE INDEX ix_followers_subscribed_listed ON followers (subscribed, listed_at, openid);
CREATE INDEX ix_followers_scene_listed ON followers (qr_scene, listed_at, openid) WHERE qr_scene IS NOT NULL;
-- Remark prefix search compares bytes (SQLite's BINARY collation), so a prefix is a plain range.
CREATE INDEX ix_followers_remark ON followers (remark) WHERE remark IS NOT NULL;
DROP INDEX ix_followers_subscribed;

-- The account's tags as the platform has them; follower_count is the platform's figure, adjusted as
-- Portal tags and untags.
CREATE TABLE tags (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    follower_count INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);

-- Who carries which tag. listed_at repeats the follower's, so a tag's page is read from this index alone.
CREATE TABLE follower_tags (
    tag_id    INTEGER NOT NULL,
    openid    TEXT NOT NULL,
    listed_at TEXT NOT NULL,
    PRIMARY KEY (openid, tag_id)
) WITHOUT ROWID;
CREATE INDEX ix_follower_tags_listed ON follower_tags (tag_id, listed_at, openid);

-- One sync from the platform: started by an operator, worked through a page of user/get per outbox row.
CREATE TABLE follower_syncs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'finished')),
    started_by   TEXT NOT NULL,
    total        INTEGER NULL,
    pages        INTEGER NOT NULL DEFAULT 0,
    followers    INTEGER NOT NULL DEFAULT 0,
    next_openid  TEXT NULL,
    started_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    finished_at  TEXT NULL
);

-- Operators' replies are the log's rare outgoing rows: the inbox lists the latest without walking every
-- message in.
CREATE INDEX ix_message_log_out ON message_log (id) WHERE direction = 'out';
