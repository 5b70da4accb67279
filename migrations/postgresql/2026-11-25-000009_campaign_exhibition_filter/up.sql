-- The campaign audience filter "no exhibition held yet" (issue #9), which
-- needed the exhibitions tables of migration 000006.
ALTER TABLE campaigns ADD COLUMN no_exhibition_held BOOLEAN NOT NULL DEFAULT FALSE;
