-- Every menu the account published (or found published on the platform), kept whole and never changed:
-- the history an operator compares and rolls back to. The draft is what an operator is still editing.
CREATE TABLE menu_versions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    menu_json        TEXT NOT NULL,
    match_rule_json  TEXT NULL,
    platform_menu_id BIGINT NULL,
    source           TEXT NOT NULL CHECK (source IN ('publish', 'rollback', 'pull')),
    note             TEXT NULL,
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE TABLE menu_drafts (
    slot       TEXT PRIMARY KEY,
    menu_json  TEXT NOT NULL,
    match_rule_json TEXT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
