-- The directory's search by name (`/members?q=hann`) without scanning every
-- city: each city's search key cut into its three-character pieces (and the
-- shorter pieces at its end), looked up by an index. Kept by a trigger, so
-- every way a city is written (form, import, seed, edit) keeps it right.
-- COLLATE "C": pieces compare by code point, as on SQLite, so a range of
-- pieces (a search of one or two characters) is one index range.

-- Kept for parity with SQLite, whose triggers need it (PostgreSQL has generate_series).
CREATE TABLE member_city_gram_positions (i INTEGER PRIMARY KEY NOT NULL);
INSERT INTO member_city_gram_positions (i) SELECT generate_series(1, 1000);

CREATE TABLE member_city_grams (
    gram TEXT COLLATE "C" NOT NULL,
    city_id BIGINT NOT NULL,
    PRIMARY KEY (gram, city_id)
);
CREATE INDEX member_city_grams_city ON member_city_grams (city_id);

INSERT INTO member_city_grams (gram, city_id)
SELECT DISTINCT substr(c.search_key, p.i, 3), c.id
FROM member_cities c JOIN member_city_gram_positions p ON p.i <= length(c.search_key);

CREATE FUNCTION member_city_grams_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM member_city_grams WHERE city_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO member_city_grams (gram, city_id)
        SELECT DISTINCT substr(NEW.search_key, i, 3), NEW.id
        FROM generate_series(1, length(NEW.search_key)) AS i
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER member_city_grams_write
AFTER INSERT OR DELETE OR UPDATE OF search_key ON member_cities
FOR EACH ROW EXECUTE FUNCTION member_city_grams_write();
