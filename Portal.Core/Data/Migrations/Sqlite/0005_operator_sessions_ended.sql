-- Operator sessions ended by signing out. The cookie carries its session id; a copy of it kept after
-- sign-out is refused on every instance because every instance reads this table. A row is needed only
-- while a copy of the cookie could still be valid (expires_at), and is deleted after that.
CREATE TABLE operator_sessions_ended (
    session_id  TEXT PRIMARY KEY,
    operator_id INTEGER NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX ix_operator_sessions_ended_expires ON operator_sessions_ended (expires_at);
