DROP INDEX outbox_sent_with_body;
