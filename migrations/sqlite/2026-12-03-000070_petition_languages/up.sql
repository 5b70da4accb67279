-- A petition in several languages with one counter (issue #19, item 1): the
-- petition row holds the original (its language and summary added here), and
-- each other installed language may have one version of title, summary and text.
-- Signatures, tallies and exports stay the petition's, whatever the version.
ALTER TABLE petitions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE petitions ADD COLUMN summary TEXT NOT NULL DEFAULT '';

CREATE TABLE petition_translations (
    id INTEGER PRIMARY KEY NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (petition_id, language)
);
