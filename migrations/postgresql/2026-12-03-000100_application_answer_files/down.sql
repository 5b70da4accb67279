DROP INDEX application_files_message;
DELETE FROM application_files WHERE message_id IS NOT NULL;
ALTER TABLE application_files DROP COLUMN message_id;
