ALTER TABLE campaigns DROP COLUMN no_exhibition_held;
