-- Every failed sign-in, by the address typed (whether or not an account has
-- it) and the client address: the throttle counts both, on every instance.
-- Rows older than a week are purged. Replaces the lockout table.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY NOT NULL,
    email_key TEXT NOT NULL,
    client_ip TEXT,
    failed_at TIMESTAMP NOT NULL
);

CREATE INDEX login_failures_email ON login_failures (email_key, failed_at);
CREATE INDEX login_failures_ip ON login_failures (client_ip, failed_at);
CREATE INDEX login_failures_at ON login_failures (failed_at);

DROP TABLE login_throttle;
