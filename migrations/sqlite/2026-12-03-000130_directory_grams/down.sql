DROP TRIGGER member_city_grams_delete;
DROP TRIGGER member_city_grams_update;
DROP TRIGGER member_city_grams_insert;
DROP TABLE member_city_grams;
DROP TABLE member_city_gram_positions;
