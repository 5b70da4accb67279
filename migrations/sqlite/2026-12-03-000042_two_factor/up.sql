-- Second factor (TOTP, RFC 6238): the shared secret (base32) of each enrolled
-- account, and the last time step used, so that a code works only once.
CREATE TABLE two_factor (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    secret TEXT NOT NULL,
    last_step BIGINT NOT NULL,
    enabled_at TIMESTAMP NOT NULL
);

-- Ten single-use recovery codes per enrolment, kept as SHA-256 only.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);

CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
