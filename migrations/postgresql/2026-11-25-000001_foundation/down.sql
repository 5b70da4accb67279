DROP TABLE audit_log;
DROP TABLE login_throttle;
DROP TABLE invitations;
DROP TABLE setup_tokens;
DROP TABLE users;
