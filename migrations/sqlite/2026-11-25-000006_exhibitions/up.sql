-- The A-bomb Poster Exhibition: exhibitions (by member cities, or applications
-- of non-member organisations), the physical poster sets and their loans, the
-- digital poster library with its downloads, and the photos of the reports.

CREATE TABLE exhibitions (
    id INTEGER PRIMARY KEY NOT NULL,
    -- NULL for a non-member organisation's application.
    city_id BIGINT REFERENCES member_cities (id),
    organisation_name TEXT,
    organisation_contact TEXT,
    organisation_email TEXT,
    event_plan TEXT,
    -- The language of the emails about this exhibition.
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    venue TEXT NOT NULL,
    address TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries (code),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    -- Local opening hours, "HH:MM", both or neither.
    opens_at TEXT,
    closes_at TEXT,
    time_zone TEXT NOT NULL,
    expected_visitors INTEGER,
    poster_language TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('print', 'loan')),
    status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'shipped', 'on_display',
        'returned', 'finished', 'cancelled', 'declined')),
    publish BOOLEAN NOT NULL,
    decision_reason TEXT,
    actual_visitors INTEGER,
    report_comments TEXT,
    reported_at TIMESTAMP,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_on >= starts_on),
    CHECK (city_id IS NOT NULL OR organisation_name IS NOT NULL)
);
CREATE INDEX exhibitions_city ON exhibitions (city_id);
CREATE INDEX exhibitions_dates ON exhibitions (starts_on, ends_on);

CREATE TABLE poster_sets (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    language TEXT NOT NULL,
    size TEXT NOT NULL,
    panels INTEGER NOT NULL CHECK (panels > 0),
    condition TEXT NOT NULL,
    location TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_service', 'under_repair', 'retired')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A set is reserved from ships_on to returns_on inclusive: the exhibition's
-- dates widened by the shipping buffers of its continent. Two loans of one set
-- that are not cancelled never overlap.
CREATE TABLE exhibition_loans (
    id INTEGER PRIMARY KEY NOT NULL,
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id),
    poster_set_id BIGINT NOT NULL REFERENCES poster_sets (id),
    ships_on DATE NOT NULL,
    returns_on DATE NOT NULL,
    cancelled_at TIMESTAMP,
    return_condition TEXT,
    returned_at TIMESTAMP,
    booked_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CHECK (returns_on >= ships_on)
);
CREATE INDEX exhibition_loans_set ON exhibition_loans (poster_set_id, ships_on);
CREATE INDEX exhibition_loans_exhibition ON exhibition_loans (exhibition_id);

CREATE TABLE exhibition_photos (
    id INTEGER PRIMARY KEY NOT NULL,
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX exhibition_photos_exhibition ON exhibition_photos (exhibition_id);

CREATE TABLE poster_files (
    id INTEGER PRIMARY KEY NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE poster_downloads (
    id INTEGER PRIMARY KEY NOT NULL,
    file_id BIGINT NOT NULL REFERENCES poster_files (id),
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    user_id BIGINT REFERENCES users (id),
    downloaded_at TIMESTAMP NOT NULL
);
CREATE INDEX poster_downloads_file ON poster_downloads (file_id, city_id);

-- The secret of a city's own calendar feed (its URL is the capability).
CREATE TABLE exhibition_feeds (
    city_id BIGINT PRIMARY KEY NOT NULL REFERENCES member_cities (id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
