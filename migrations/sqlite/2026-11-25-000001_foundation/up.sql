-- Accounts, first-run setup, staff invitations, login throttling and the audit log.
-- Keep in step with ../../postgresql/2026-11-25-000001_foundation/up.sql:
-- a test checks that both backends end with the same columns and nullability.

CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'city')),
    language TEXT,
    session_epoch INTEGER NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);

CREATE TABLE setup_tokens (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'city')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT REFERENCES users (id),
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE login_throttle (
    email_key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    actor_email TEXT,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    summary TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
