DROP INDEX member_cities_name;
DROP TABLE membership_tallies;
