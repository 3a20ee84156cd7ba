-- The message server's first tables. Times are UTC ISO-8601 text (see DapperSetup).

-- Key/value settings an operator can change at run time.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Everyone who has followed the account, with how they came.
CREATE TABLE followers (
    openid            TEXT PRIMARY KEY,
    subscribed        INTEGER NOT NULL DEFAULT 0,
    subscribed_at     TEXT NULL,
    unsubscribed_at   TEXT NULL,
    qr_scene          TEXT NULL,
    unionid           TEXT NULL,
    remark            TEXT NULL,
    last_interaction_at TEXT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX ix_followers_subscribed ON followers (subscribed, openid);

-- Every message and event in, every reply out.
CREATE TABLE message_log (
    id          INTEGER PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    openid      TEXT NOT NULL,
    msg_type    TEXT NOT NULL,
    event       TEXT NULL,
    event_key   TEXT NULL,
    msg_id      TEXT NULL,
    dedup_key   TEXT NULL,
    content     TEXT NULL,
    reply_type  TEXT NULL,
    reply_body  TEXT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_message_log_openid ON message_log (openid, id);
CREATE INDEX ix_message_log_created ON message_log (created_at);

-- Keyword replies, follow greetings, menu click replies and the default reply.
CREATE TABLE auto_reply_rules (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('exact', 'contains', 'regex', 'follow', 'click', 'default')),
    pattern     TEXT NULL,
    priority    INTEGER NOT NULL DEFAULT 0,
    enabled     INTEGER NOT NULL DEFAULT 1,
    reply_json  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX ix_auto_reply_rules_trigger ON auto_reply_rules (trigger, enabled, priority);
