-- Retention of mail: the clearing of sent messages' bodies reads only the rows
-- it still has to clear (the query repeats these terms exactly).
CREATE INDEX outbox_sent_with_body ON outbox (sent_at) WHERE status = 'sent' AND text_body <> '';
