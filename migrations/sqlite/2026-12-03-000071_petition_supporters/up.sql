-- Writing to the supporters who asked to be kept informed (issue #19, item 4):
-- milestones the recount records once each, and the updates sent (each one
-- message per supporter in the outbox).
CREATE TABLE petition_milestones (
    id INTEGER PRIMARY KEY NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    signatures BIGINT NOT NULL,
    reached_at TIMESTAMP NOT NULL,
    -- Set when staff announced it to the supporters.
    announced_at TIMESTAMP,
    UNIQUE (petition_id, signatures)
);

CREATE TABLE petition_updates (
    id INTEGER PRIMARY KEY NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    -- The milestone it announces, if it is an announcement.
    milestone_id BIGINT REFERENCES petition_milestones (id),
    -- In the petition's original language, for the staff page.
    subject TEXT NOT NULL,
    recipients BIGINT NOT NULL,
    sent_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX petition_updates_petition ON petition_updates (petition_id);
