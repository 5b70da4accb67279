-- Scheduled work (issue #17, item 5): each job with its schedule, a paused flag
-- and a lease that one instance takes with a conditional UPDATE; one row per run.
-- Times are UTC (the secretariat's records keep no time zone of their own).
CREATE TABLE jobs (
    name TEXT PRIMARY KEY NOT NULL,
    -- 'monthly' (day_of_month at minute_of_day) or 'daily' (at minute_of_day).
    schedule_kind TEXT NOT NULL,
    -- 1 to 28; NULL on the registration job: the registration day setting.
    day_of_month INTEGER,
    -- Minutes after midnight UTC.
    minute_of_day INTEGER NOT NULL,
    paused BOOLEAN NOT NULL DEFAULT FALSE,
    -- NULL until a runner first sees the job (so nothing runs at the first start).
    next_run_at TIMESTAMP,
    lease_holder TEXT,
    lease_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY NOT NULL,
    job TEXT NOT NULL REFERENCES jobs (name),
    -- Started by an admin's "Run now" (started_by) rather than the schedule.
    manual BOOLEAN NOT NULL,
    started_by BIGINT REFERENCES users (id),
    holder TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    -- 'running', 'ok', 'failed' or 'abandoned' (its instance stopped mid-run).
    outcome TEXT NOT NULL,
    items BIGINT,
    detail TEXT,
    error TEXT
);

CREATE INDEX job_runs_by_job ON job_runs (job, started_at);

INSERT INTO jobs (name, schedule_kind, day_of_month, minute_of_day, paused, updated_at) VALUES
    ('registration_preparation', 'monthly', NULL, 420, FALSE, CURRENT_TIMESTAMP),
    ('dues_reminders', 'monthly', 1, 540, FALSE, CURRENT_TIMESTAMP),
    ('petition_anonymisation', 'daily', NULL, 180, FALSE, CURRENT_TIMESTAMP);
