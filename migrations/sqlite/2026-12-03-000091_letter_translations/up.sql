-- A letter's versions in other languages than its original (e.g. the Japanese
-- original's English and Korean versions), each with its own versions.
CREATE TABLE letter_translations (
    id INTEGER PRIMARY KEY NOT NULL,
    letter_id BIGINT NOT NULL REFERENCES letters (id),
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    signatories TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (letter_id, language)
);

-- Every saved state of a translation: its history and differences.
CREATE TABLE letter_translation_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    translation_id BIGINT NOT NULL REFERENCES letter_translations (id),
    version INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    signatories TEXT NOT NULL,
    edited_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (translation_id, version)
);
