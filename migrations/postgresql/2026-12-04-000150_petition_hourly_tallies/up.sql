-- Confirmed online signatures per petition and hour of confirmation, rewritten
-- by the periodic recount with petition_tallies. The petition page and the
-- public API's history read these rows instead of grouping every signature of
-- the petition (pending ones included) on each view.
CREATE TABLE petition_hourly_tallies (
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    hour TIMESTAMP NOT NULL,
    signatures BIGINT NOT NULL,
    PRIMARY KEY (petition_id, hour)
);
