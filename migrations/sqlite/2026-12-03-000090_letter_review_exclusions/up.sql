-- Officers staff decided to leave out of a letter's review (an officer city
-- that cannot be reached, a mayor on leave), with the reason. The approval
-- rule counts every current officer but these.
CREATE TABLE letter_exclusions (
    id INTEGER PRIMARY KEY NOT NULL,
    letter_id BIGINT NOT NULL REFERENCES letters (id),
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    reason TEXT NOT NULL,
    excluded_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (letter_id, city_id)
);
