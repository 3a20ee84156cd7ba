-- Durable outbound work: late replies now, template sends and syncs later.
-- A row is written before the work is promised, so a crash never loses it.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    openid          TEXT NULL,
    status          TEXT NOT NULL CHECK (status IN ('awaiting_handler', 'ready', 'sending', 'sent', 'failed')),
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner     TEXT NULL,
    lease_until     TEXT NULL,
    last_error      TEXT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
