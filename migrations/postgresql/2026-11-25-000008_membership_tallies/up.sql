-- Figures every visitor sees (the home page's totals, the statistics page, the
-- directory's list of join years), rewritten in the transaction of each change
-- to membership, so that a page reads a few hundred small rows instead of
-- grouping all 8,000 cities on every request.
CREATE TABLE membership_tallies (
    kind TEXT NOT NULL CHECK (kind IN ('active_by_country', 'active_by_join_year', 'any_by_join_year')),
    item TEXT NOT NULL,
    cities BIGINT NOT NULL,
    PRIMARY KEY (kind, item)
);

-- The directory's default order: walked in order, a page stops after 50 rows.
CREATE INDEX member_cities_name ON member_cities (name_latin, member_number);
