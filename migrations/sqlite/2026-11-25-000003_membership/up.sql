-- Membership: countries and regions, applications, member cities, roles,
-- status history, sister-city invitations, settings and rate limits.

CREATE TABLE countries (
    code TEXT PRIMARY KEY NOT NULL,
    name_en TEXT NOT NULL,
    name_ja TEXT,
    name_ko TEXT,
    continent TEXT NOT NULL CHECK (continent IN ('asia', 'oceania', 'africa', 'europe', 'north_america', 'latin_america')),
    iso BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE member_cities (
    id INTEGER PRIMARY KEY NOT NULL,
    member_number INTEGER NOT NULL UNIQUE,
    name_latin TEXT NOT NULL,
    name_native TEXT,
    search_key TEXT NOT NULL,
    duplicate_key TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries (code),
    province TEXT,
    mayor_name TEXT,
    mayor_title TEXT,
    contact_name TEXT,
    email TEXT,
    phone TEXT,
    postal_address TEXT,
    website TEXT,
    population BIGINT,
    language TEXT NOT NULL,
    join_date DATE NOT NULL,
    join_precision TEXT NOT NULL CHECK (join_precision IN ('day', 'month', 'year')),
    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    withdrawn_on DATE,
    withdrawal_reason TEXT,
    application_id BIGINT,
    demo BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX member_cities_country ON member_cities (country_code);
CREATE INDEX member_cities_duplicate_key ON member_cities (duplicate_key, country_code);
CREATE INDEX member_cities_join_date ON member_cities (join_date);

CREATE TABLE membership_events (
    id INTEGER PRIMARY KEY NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    kind TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    note TEXT,
    actor_id BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX membership_events_city ON membership_events (city_id);

CREATE TABLE city_roles (
    id INTEGER PRIMARY KEY NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    role TEXT NOT NULL CHECK (role IN ('president', 'vice_president', 'executive', 'lead')),
    starts_on DATE NOT NULL,
    ends_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX city_roles_city ON city_roles (city_id);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    status_token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'info_requested', 'approved', 'rejected', 'registered')),
    name_latin TEXT NOT NULL,
    name_native TEXT,
    duplicate_key TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries (code),
    province TEXT,
    mayor_name TEXT NOT NULL,
    mayor_title TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    postal_address TEXT NOT NULL,
    website TEXT,
    population BIGINT,
    message TEXT,
    language TEXT NOT NULL,
    duplicate_city_id BIGINT REFERENCES member_cities (id),
    duplicate_application_id BIGINT REFERENCES applications (id),
    invitation_id BIGINT,
    decision_reason TEXT,
    decided_at TIMESTAMP,
    decided_by BIGINT REFERENCES users (id),
    city_id BIGINT REFERENCES member_cities (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_status ON applications (status);
CREATE INDEX applications_duplicate_key ON applications (duplicate_key, country_code);

CREATE TABLE application_files (
    id INTEGER PRIMARY KEY NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE application_messages (
    id INTEGER PRIMARY KEY NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    from_applicant BOOLEAN NOT NULL,
    author_id BIGINT REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE registration_runs (
    id INTEGER PRIMARY KEY NOT NULL,
    run_on DATE NOT NULL,
    membership_starts_on DATE NOT NULL,
    registered INTEGER NOT NULL,
    started_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE sister_invitations (
    id INTEGER PRIMARY KEY NOT NULL,
    inviting_city_id BIGINT REFERENCES member_cities (id),
    invited_by BIGINT REFERENCES users (id),
    city_name TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries (code),
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    application_id BIGINT REFERENCES applications (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sister_invitations_city ON sister_invitations (inviting_city_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

ALTER TABLE users ADD COLUMN city_id BIGINT REFERENCES member_cities (id);
ALTER TABLE invitations ADD COLUMN city_id BIGINT REFERENCES member_cities (id);
