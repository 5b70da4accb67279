-- Retention of mail: the clearing of sent messages' bodies reads only the rows
-- it still has to clear (its query repeats the condition `text_body <> ''`
-- exactly, so that both databases may use this partial index).
CREATE INDEX outbox_sent_with_body ON outbox (status, sent_at) WHERE text_body <> '';
