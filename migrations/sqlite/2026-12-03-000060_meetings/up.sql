-- The General Conference and other meetings (issue #20): a meeting, one
-- invitation per city (its answer, dates and needs), the city's delegates
-- (badges, visa letters, attendance), and the letters a meeting adopted.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY NOT NULL,
    -- 'general_conference', 'executive_conference', 'regional' or 'other'.
    kind TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_ja TEXT,
    title_ko TEXT,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    venue TEXT NOT NULL,
    country_code TEXT NOT NULL,
    -- IANA zone of the venue.
    time_zone TEXT NOT NULL,
    -- Languages of interpretation, comma-separated codes ('en,ja').
    interpretation TEXT NOT NULL,
    registration_opens_on DATE NOT NULL,
    registration_closes_on DATE NOT NULL,
    -- Places are delegates: overall, and per city.
    capacity_total INTEGER NOT NULL,
    capacity_per_city INTEGER NOT NULL,
    -- 'all', 'officers', 'continent', 'countries' or 'list'; the continent,
    -- country codes or pasted member numbers in audience_detail.
    audience TEXT NOT NULL,
    audience_detail TEXT,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    invitations_sent_at TIMESTAMP,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE meeting_invitations (
    id INTEGER PRIMARY KEY NOT NULL,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    -- 'invited' (no answer), 'registered', 'waiting', 'declined' or 'withdrawn'.
    status TEXT NOT NULL,
    arrival_on DATE,
    departure_on DATE,
    interpretation TEXT,
    accessibility TEXT,
    dietary TEXT,
    invited_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    reminded_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, city_id)
);

CREATE INDEX meeting_invitations_by_city ON meeting_invitations (city_id);

CREATE TABLE meeting_delegates (
    id INTEGER PRIMARY KEY NOT NULL,
    invitation_id BIGINT NOT NULL REFERENCES meeting_invitations (id),
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    email TEXT NOT NULL,
    is_mayor BOOLEAN NOT NULL,
    visa_letter BOOLEAN NOT NULL,
    visa_letter_issued_at TIMESTAMP,
    attended_at TIMESTAMP
);

CREATE INDEX meeting_delegates_by_meeting ON meeting_delegates (meeting_id);

CREATE TABLE meeting_outcomes (
    letter_id BIGINT PRIMARY KEY NOT NULL REFERENCES letters (id),
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    created_at TIMESTAMP NOT NULL
);

INSERT INTO jobs (name, schedule_kind, day_of_month, minute_of_day, paused, updated_at) VALUES
    ('meeting_reminders', 'daily', NULL, 480, FALSE, CURRENT_TIMESTAMP);
