-- Sessions the server knows of: the cookie carries a random id, only its
-- SHA-256 is kept here. Signing out deletes the row, so a copied cookie dies
-- with it on every instance; an idle session (last_seen_at too old) ends.
CREATE TABLE user_sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);

CREATE INDEX user_sessions_user ON user_sessions (user_id);
CREATE INDEX user_sessions_last_seen ON user_sessions (last_seen_at);
