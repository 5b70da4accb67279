ALTER TABLE city_roles DROP CONSTRAINT city_roles_one_president;
DROP TABLE city_role_regions;
