-- Members: followers who signed in to the H5 pages through web authorization. The OpenID is the
-- account's, the same as in followers, which is how a member is linked to their follower record.
CREATE TABLE members (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    openid          TEXT NOT NULL UNIQUE,
    unionid         TEXT NULL,
    nickname        TEXT NULL,
    avatar_url      TEXT NULL,
    has_profile     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    last_sign_in_at TIMESTAMPTZ NOT NULL
);
