-- The zone a user reads times in (an IANA name); none: the secretariat's.
ALTER TABLE users ADD COLUMN time_zone TEXT;
