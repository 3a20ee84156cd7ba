-- A reply deferred to the outbox is marked answered in the log once the late reply is queued (and it was
-- an answer, not the default reply). Only deferred rows are ever looked up that way: a partial index keeps
-- the lookup quick without indexing every message.
CREATE INDEX ix_message_log_deferred ON message_log (dedup_key) WHERE reply_type = 'deferred';
