-- Petitions: online signatures (verified by email, possibly several signers per
-- submission), paper batches, and the tally the public pages read.

CREATE TABLE petitions (
    id INTEGER PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    addressee TEXT NOT NULL,
    goal BIGINT NOT NULL,
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    retention_days INTEGER NOT NULL,
    anonymised_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One submission: the email address that verifies it and the signers it carries
-- (the submitter, and up to ten people a collector signs for).
CREATE TABLE petition_submissions (
    id INTEGER PRIMARY KEY NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    email TEXT,
    email_key TEXT,
    email_domain TEXT,
    language TEXT NOT NULL,
    keep_informed BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'withdrawn', 'expired', 'invalidated')),
    ip TEXT,
    expires_at TIMESTAMP NOT NULL,
    last_sent_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    verified_at TIMESTAMP,
    closed_at TIMESTAMP
);
-- One live submission per address per petition (a withdrawn one makes room).
CREATE UNIQUE INDEX petition_submissions_one_per_email
    ON petition_submissions (petition_id, email_key) WHERE status IN ('pending', 'verified');
CREATE INDEX petition_submissions_recent ON petition_submissions (petition_id, created_at);

CREATE TABLE petition_signatures (
    id INTEGER PRIMARY KEY NOT NULL,
    submission_id BIGINT NOT NULL REFERENCES petition_submissions (id),
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    name TEXT,
    country_code TEXT NOT NULL REFERENCES countries (code),
    city TEXT,
    is_submitter BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX petition_signatures_submission ON petition_signatures (submission_id);
CREATE INDEX petition_signatures_petition ON petition_signatures (petition_id);

CREATE TABLE petition_paper_batches (
    id INTEGER PRIMARY KEY NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    city_id BIGINT REFERENCES member_cities (id),
    recorded_by BIGINT REFERENCES users (id),
    signatures BIGINT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries (code),
    collected_from DATE NOT NULL,
    collected_to DATE NOT NULL,
    handed_over_on DATE NOT NULL,
    note TEXT,
    scan_name TEXT,
    scan BLOB,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX petition_paper_batches_petition ON petition_paper_batches (petition_id);

-- Counts by country, rewritten by the periodic recount: signing never touches
-- a shared counter row.
CREATE TABLE petition_tallies (
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    country_code TEXT NOT NULL,
    online BIGINT NOT NULL,
    paper BIGINT NOT NULL,
    counted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (petition_id, country_code)
);

CREATE TABLE petition_blocked_domains (
    domain TEXT PRIMARY KEY NOT NULL,
    reason TEXT,
    created_at TIMESTAMP NOT NULL
);
