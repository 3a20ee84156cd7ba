-- The Official Accounts Portal serves, numbered once and for good: rows that belong to an account carry this id.
-- The default account (WeChat:AppId) is always 1; its row is written at start-up from the configuration, since
-- the configuration, not the database, knows its AppId. Further accounts get the next id when first seen.
CREATE TABLE wechat_accounts (
    id          INTEGER PRIMARY KEY,
    app_id      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- The webhook's log and the outbox record which account a message came to and a delivery is for;
-- everything written before belongs to the default account.
ALTER TABLE message_log ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN account_id INTEGER NOT NULL DEFAULT 1;
