-- The account's staff, who sign in to /admin, and the trail of every change they make.

-- name is stored lower-case so sign-in does not depend on how it was typed.
-- security_stamp changes with the password, the role or the disabled flag, which signs out old cookies.
-- failed_attempts and locked_until live here, not in memory, so a lockout holds on every instance and
-- across restarts. first_owner is TRUE only on the owner made by the first-run page: its UNIQUE constraint
-- lets exactly one of two simultaneous setups win.
CREATE TABLE operators (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    password_hash    TEXT NOT NULL,
    security_stamp   TEXT NOT NULL,
    disabled         BOOLEAN NOT NULL DEFAULT FALSE,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMPTZ NULL,
    first_owner      BOOLEAN NULL UNIQUE,
    last_sign_in_at  TIMESTAMPTZ NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- Who changed what, when; before and after as JSON. operator_name is copied so the trail reads the
-- same after an operator is renamed or removed.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator_id   BIGINT NULL,
    operator_name TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NULL,
    action        TEXT NOT NULL,
    before_json   TEXT NULL,
    after_json    TEXT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_audit_log_operator ON audit_log (operator_id, id);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, id);
CREATE INDEX ix_audit_log_created ON audit_log (created_at);
