-- The account's staff, who sign in to /admin, and the trail of every change they make.

-- name is stored lower-case so sign-in does not depend on how it was typed.
-- security_stamp changes with the password, the role or the disabled flag, which signs out old cookies.
-- failed_attempts and locked_until live here, not in memory, so a lockout holds on every instance and
-- across restarts. first_owner is 1 only on the owner made by the first-run page: its UNIQUE constraint
-- lets exactly one of two simultaneous setups win.
CREATE TABLE operators (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    password_hash    TEXT NOT NULL,
    security_stamp   TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    first_owner      INTEGER NULL UNIQUE,
    last_sign_in_at  TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Who changed what, when; before and after as JSON. operator_name is copied so the trail reads the
-- same after an operator is renamed or removed.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    operator_id   INTEGER NULL,
    operator_name TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NULL,
    action        TEXT NOT NULL,
    before_json   TEXT NULL,
    after_json    TEXT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX ix_audit_log_operator ON audit_log (operator_id, id);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, id);
CREATE INDEX ix_audit_log_created ON audit_log (created_at);

-- The audit trail names rules by id, so a deleted rule's id must never be given to a new one. SQLite
-- reuses the highest id after a delete unless the key is AUTOINCREMENT, which needs the table rebuilt
-- (PostgreSQL's identity columns never reuse ids).
CREATE TABLE auto_reply_rules_rebuilt (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('exact', 'contains', 'regex', 'follow', 'click', 'default')),
    pattern     TEXT NULL,
    priority    INTEGER NOT NULL DEFAULT 0,
    enabled     INTEGER NOT NULL DEFAULT 1,
    reply_json  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
INSERT INTO auto_reply_rules_rebuilt (id, name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at)
SELECT id, name, trigger, pattern, priority, enabled, reply_json, created_at, updated_at FROM auto_reply_rules;
DROP TABLE auto_reply_rules;
ALTER TABLE auto_reply_rules_rebuilt RENAME TO auto_reply_rules;
CREATE INDEX ix_auto_reply_rules_trigger ON auto_reply_rules (trigger, enabled, priority);
