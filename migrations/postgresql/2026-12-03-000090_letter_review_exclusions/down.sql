DROP TABLE letter_exclusions;
