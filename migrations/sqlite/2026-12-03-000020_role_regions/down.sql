DROP TABLE city_role_regions;
