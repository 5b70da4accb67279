-- An applicant's answer may carry a file (the signed letter staff asked for):
-- kept with the letter of intent, tied to the message it came with. The
-- letter of intent itself has no message.
ALTER TABLE application_files ADD COLUMN message_id BIGINT REFERENCES application_messages (id);
CREATE INDEX application_files_message ON application_files (message_id);
