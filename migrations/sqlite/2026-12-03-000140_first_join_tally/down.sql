DROP TABLE membership_tallies;
CREATE TABLE membership_tallies (
    kind TEXT NOT NULL CHECK (kind IN ('active_by_country', 'active_by_join_year', 'any_by_join_year')),
    item TEXT NOT NULL,
    cities BIGINT NOT NULL,
    PRIMARY KEY (kind, item)
);
