ALTER TABLE outbox DROP COLUMN list_unsubscribe;
DROP TABLE campaign_unsubscribes;
DROP TABLE campaigns;
DROP TABLE letter_tallies;
DROP TABLE letter_reviews;
DROP TABLE letter_versions;
DROP TABLE letters;
