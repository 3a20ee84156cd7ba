-- Whether a message's passive reply answered it or was only the default reply ("not understood"), so the
-- inbox can list what still needs a person. New rows get it from the handler; for older rows the best
-- guess is the reply itself: one equal to a default rule's reply was a fallback, any other an answer.
-- Rows with no passive reply (none, deferred to the outbox, a failed handler) stay NULL: unanswered.
ALTER TABLE message_log ADD COLUMN reply_kind TEXT NULL;
UPDATE message_log
SET reply_kind = CASE
        WHEN reply_body IN (SELECT reply_json FROM auto_reply_rules WHERE trigger = 'default') THEN 'fallback'
        ELSE 'answer'
    END
WHERE direction = 'in' AND reply_body IS NOT NULL AND reply_type <> 'deferred';
