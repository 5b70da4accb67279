-- The directory's search by name (`/members?q=hann`) without scanning every
-- city: each city's search key cut into its three-character pieces (and the
-- shorter pieces at its end), looked up by an index. Kept by triggers, so
-- every way a city is written (form, import, seed, edit) keeps it right.

-- Positions 1..1000 for the triggers (a trigger may not use WITH).
CREATE TABLE member_city_gram_positions (i INTEGER PRIMARY KEY NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO member_city_gram_positions (i) SELECT i FROM n;

CREATE TABLE member_city_grams (
    gram TEXT NOT NULL,
    city_id BIGINT NOT NULL,
    PRIMARY KEY (gram, city_id)
) WITHOUT ROWID;
CREATE INDEX member_city_grams_city ON member_city_grams (city_id);

INSERT OR IGNORE INTO member_city_grams (gram, city_id)
SELECT substr(c.search_key, p.i, 3), c.id
FROM member_cities c JOIN member_city_gram_positions p ON p.i <= length(c.search_key);

CREATE TRIGGER member_city_grams_insert AFTER INSERT ON member_cities BEGIN
    INSERT OR IGNORE INTO member_city_grams (gram, city_id)
    SELECT substr(NEW.search_key, i, 3), NEW.id
    FROM member_city_gram_positions WHERE i <= length(NEW.search_key);
END;

CREATE TRIGGER member_city_grams_update AFTER UPDATE OF search_key ON member_cities BEGIN
    DELETE FROM member_city_grams WHERE city_id = OLD.id;
    INSERT OR IGNORE INTO member_city_grams (gram, city_id)
    SELECT substr(NEW.search_key, i, 3), NEW.id
    FROM member_city_gram_positions WHERE i <= length(NEW.search_key);
END;

CREATE TRIGGER member_city_grams_delete AFTER DELETE ON member_cities BEGIN
    DELETE FROM member_city_grams WHERE city_id = OLD.id;
END;
