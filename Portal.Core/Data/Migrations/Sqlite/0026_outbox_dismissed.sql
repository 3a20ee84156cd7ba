-- A failed delivery waits for an operator, on the dashboard and in /healthz, until they retry it or mark it
-- seen (dismissed_at). A retried row clears the mark.
ALTER TABLE outbox ADD COLUMN dismissed_at TEXT NULL;
