-- Issue #17: the countries or regions a lead city leads, one row each.
CREATE TABLE city_role_regions (
    role_id BIGINT NOT NULL REFERENCES city_roles (id) ON DELETE CASCADE,
    country_code TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (role_id, country_code)
);
CREATE INDEX city_role_regions_country ON city_role_regions (country_code);
-- One president at a time: the operations check it and name the clash; this
-- is the backstop for two staff adding presidents at the same moment.
ALTER TABLE city_roles ADD CONSTRAINT city_roles_one_president
    EXCLUDE USING gist (daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (role = 'president');
