DROP TABLE exhibition_feeds;
CREATE TABLE exhibition_feeds (
    city_id BIGINT PRIMARY KEY REFERENCES member_cities (id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
