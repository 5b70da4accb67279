-- Campaigns in several languages (issue #19 item 2): the campaign's own subject
-- and body are its default version, in `language`; each translation is a row of
-- campaign_versions. A city gets the version in its language, or the default.
ALTER TABLE campaigns ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

CREATE TABLE campaign_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, language)
);
