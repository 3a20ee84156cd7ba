-- Durable outbound work: late replies now, template sends and syncs later.
-- A row is written before the work is promised, so a crash never loses it.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    openid          TEXT NULL,
    status          TEXT NOT NULL CHECK (status IN ('awaiting_handler', 'ready', 'sending', 'sent', 'failed')),
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_owner     TEXT NULL,
    lease_until     TIMESTAMPTZ NULL,
    last_error      TEXT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
