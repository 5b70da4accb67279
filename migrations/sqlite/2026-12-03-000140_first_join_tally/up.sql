-- A fourth tally: the year each country's first member joined (the members by
-- country list and the statistics page showed it by grouping every city on
-- each request). The tallies are derived data, rewritten at start-up, so the
-- table is made again with the wider list of kinds rather than altered.
DROP TABLE membership_tallies;
CREATE TABLE membership_tallies (
    kind TEXT NOT NULL CHECK (kind IN ('active_by_country', 'active_by_join_year', 'any_by_join_year', 'first_join_year_by_country')),
    item TEXT NOT NULL,
    cities BIGINT NOT NULL,
    PRIMARY KEY (kind, item)
);
