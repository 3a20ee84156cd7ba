-- A message is logged once. The key is the backstop of exactly-once handling: when the shared store (Redis)
-- has forgotten a message (a restart, an outage), a retry finds the message here and replays its reply
-- instead of running the handler again. Rows that earlier versions logged twice (a retry after a Redis
-- restart) keep their history but give up the key, so the first handling stays the one that counts.
UPDATE message_log SET dedup_key = NULL
WHERE direction = 'in' AND dedup_key IS NOT NULL
  AND id NOT IN (SELECT MIN(id) FROM message_log WHERE direction = 'in' AND dedup_key IS NOT NULL GROUP BY dedup_key);
CREATE UNIQUE INDEX ux_message_log_in_key ON message_log (dedup_key) WHERE direction = 'in' AND dedup_key IS NOT NULL;
