-- Nothing to change on PostgreSQL: its WAL records rows, not whole pages, so message_log keeps its
-- (openid, id) index and a follower's history is read from it directly. (SQLite moved that index to a
-- table of its own, filled in the background; this migration keeps the two version lists equal.)
SELECT 1;
