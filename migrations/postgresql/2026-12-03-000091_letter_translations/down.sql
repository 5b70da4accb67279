DROP TABLE letter_translation_versions;
DROP TABLE letter_translations;
