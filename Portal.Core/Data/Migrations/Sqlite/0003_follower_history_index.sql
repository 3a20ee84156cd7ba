-- A follower's history was indexed on message_log (openid, id). Every message then rewrote a random
-- index page, and in WAL mode a commit writes each page it touched in full: under load that was most of
-- the webhook's cost. The index now lives in its own table, filled in sorted bulk by a background task
-- (FollowerHistoryIndexer); the few rows it has not reached yet are found by a short scan of the log's tail.
DROP INDEX ix_message_log_openid;

CREATE TABLE message_log_by_follower (
    openid TEXT NOT NULL,
    id     INTEGER NOT NULL,
    PRIMARY KEY (openid, id)
) WITHOUT ROWID;

INSERT INTO message_log_by_follower (openid, id) SELECT openid, id FROM message_log;

INSERT INTO settings (key, value, updated_at)
VALUES ('message_log.follower_index_through', (SELECT COALESCE(MAX(id), 0) FROM message_log), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
