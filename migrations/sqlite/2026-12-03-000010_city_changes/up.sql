-- A member city's history field by field: who changed what, from what to
-- what, and how (the staff form, the city's own user, a CSV update import).
-- The city's page reads it to say "Mayor changed from … to … on …".
CREATE TABLE city_changes (
    id INTEGER PRIMARY KEY NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    source TEXT NOT NULL CHECK (source IN ('staff', 'city', 'import')),
    actor_id BIGINT REFERENCES users (id),
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX city_changes_city ON city_changes (city_id, changed_at);
