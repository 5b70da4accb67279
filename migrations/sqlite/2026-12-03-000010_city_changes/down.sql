DROP INDEX city_changes_city;
DROP TABLE city_changes;
