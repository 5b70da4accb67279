-- A city's calendar feed token is no longer stored: it is an HMAC of the city
-- and a generation under the app's key, and only its SHA-256 is kept to find the
-- city. Regenerating it raises the generation. Tokens stored in clear before
-- are dropped (cities subscribe again from their exhibitions page).
DROP TABLE exhibition_feeds;
CREATE TABLE exhibition_feeds (
    city_id BIGINT PRIMARY KEY NOT NULL REFERENCES member_cities (id),
    token_hash TEXT NOT NULL UNIQUE,
    generation INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
