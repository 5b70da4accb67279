DROP TRIGGER member_city_grams_write ON member_cities;
DROP FUNCTION member_city_grams_write();
DROP TABLE member_city_grams;
DROP TABLE member_city_gram_positions;
