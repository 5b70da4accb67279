-- Letters of protest (and statements, resolutions, appeals): drafts with every
-- version kept, officer review by personal links, sending through the outbox,
-- and the public archive beside the historical tally.

CREATE TABLE letters (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('letter', 'statement', 'resolution', 'appeal')),
    target_country TEXT REFERENCES countries (code),
    occasion TEXT NOT NULL,
    occasion_on DATE,
    addressee_name TEXT NOT NULL,
    addressee_title TEXT NOT NULL,
    addressee_emails TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    signatories TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final', 'sent')),
    version INTEGER NOT NULL,
    approval_rule TEXT NOT NULL CHECK (approval_rule IN ('president_and_majority', 'majority', 'all', 'deadline')),
    review_deadline DATE,
    running_count INTEGER,
    sent_on DATE,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX letters_archive ON letters (status, sent_on);

-- Every saved state of a letter's text: the history and its differences.
CREATE TABLE letter_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    letter_id BIGINT NOT NULL REFERENCES letters (id),
    version INTEGER NOT NULL,
    subject TEXT NOT NULL,
    addressee TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    signatories TEXT NOT NULL,
    edited_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (letter_id, version)
);

-- One officer asked to review one version. The personal link is an HMAC of this
-- row's id, letter, version and city: nothing secret is stored.
CREATE TABLE letter_reviews (
    id INTEGER PRIMARY KEY NOT NULL,
    letter_id BIGINT NOT NULL REFERENCES letters (id),
    version INTEGER NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    answer TEXT CHECK (answer IN ('approve', 'comment')),
    comment TEXT,
    answered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (letter_id, version, city_id)
);

-- Letters sent before the system, by addressee state, with where the figure comes from.
CREATE TABLE letter_tallies (
    country_code TEXT PRIMARY KEY NOT NULL,
    letters INTEGER NOT NULL,
    as_of_year INTEGER NOT NULL,
    source TEXT NOT NULL
);
INSERT INTO letter_tallies (country_code, letters, as_of_year, source) VALUES
    ('US', 36, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('KP', 7, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('FR', 7, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('RU', 6, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('CN', 3, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('PK', 2, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)'),
    ('IN', 2, 2019, 'Letters of protest sent by 2019, as counted in "Peace-building through inter-regional solidarity: discourse and practice", section IV (Mayors for Peace)');

-- Letter campaigns to member cities.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    essential BOOLEAN NOT NULL,
    continent TEXT,
    country_code TEXT,
    role TEXT,
    dues_unpaid BOOLEAN NOT NULL,
    pasted_list TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'awaiting_approval', 'sending', 'paused', 'cancelled')),
    recipient_count INTEGER NOT NULL,
    created_by BIGINT REFERENCES users (id),
    requested_by BIGINT REFERENCES users (id),
    approved_by BIGINT REFERENCES users (id),
    started_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Cities that asked for no more non-essential campaigns.
CREATE TABLE campaign_unsubscribes (
    city_id BIGINT PRIMARY KEY NOT NULL REFERENCES member_cities (id),
    campaign_id BIGINT REFERENCES campaigns (id),
    created_at TIMESTAMP NOT NULL
);

-- RFC 8058 one-click unsubscribe: the https URL for List-Unsubscribe, when a
-- message carries one.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
