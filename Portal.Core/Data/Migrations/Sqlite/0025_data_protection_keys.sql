-- The Data Protection key ring: the keys that sign and encrypt every cookie (operators' and members'
-- sign-in, OAuth state, antiforgery). Kept here rather than in Redis or a folder because the database is
-- durable and shared: a Redis restart or a new instance must never leave instances with different rings.
-- One row per XML element the framework stores (a key or a revocation), never changed once written.
CREATE TABLE data_protection_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    xml        TEXT NOT NULL,
    created_at TEXT NOT NULL
);
