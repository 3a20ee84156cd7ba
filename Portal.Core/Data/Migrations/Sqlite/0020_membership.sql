-- Membership: points as an append-only ledger (the balance is always a sum, never a stored number),
-- daily check-ins (one row per member and day), coupons and the code staff type at the counter.
ALTER TABLE members ADD COLUMN member_code TEXT NULL;
CREATE UNIQUE INDEX ux_members_code ON members (member_code);

CREATE TABLE points_ledger (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members (id),
    delta           INTEGER NOT NULL CHECK (delta <> 0),
    reason          TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    operator        TEXT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_points_ledger_member ON points_ledger (member_id, id);

CREATE TABLE check_ins (
    member_id  INTEGER NOT NULL REFERENCES members (id),
    day        TEXT NOT NULL, -- the member's calendar day, yyyy-MM-dd in the account's time zone
    streak     INTEGER NOT NULL,
    points     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (member_id, day)
);

CREATE TABLE coupon_templates (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    amount_off_cents  INTEGER NOT NULL CHECK (amount_off_cents > 0),
    min_spend_cents   INTEGER NOT NULL DEFAULT 0,
    valid_days        INTEGER NOT NULL CHECK (valid_days > 0),
    total_quantity    INTEGER NULL,
    per_member_limit  INTEGER NOT NULL DEFAULT 1,
    enabled           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL
);

CREATE TABLE member_coupons (
    id           INTEGER PRIMARY KEY,
    template_id  INTEGER NOT NULL REFERENCES coupon_templates (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    code         TEXT NOT NULL UNIQUE,
    claimed_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT NULL,
    used_for     TEXT NULL
);
CREATE INDEX ix_member_coupons_member ON member_coupons (member_id, expires_at);
CREATE INDEX ix_member_coupons_template ON member_coupons (template_id, member_id);
