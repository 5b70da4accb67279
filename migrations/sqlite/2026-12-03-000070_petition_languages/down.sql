DROP TABLE petition_translations;
ALTER TABLE petitions DROP COLUMN summary;
ALTER TABLE petitions DROP COLUMN language;
