DROP TABLE campaign_versions;
ALTER TABLE campaigns DROP COLUMN language;
