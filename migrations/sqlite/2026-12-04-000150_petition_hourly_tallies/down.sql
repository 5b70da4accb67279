DROP TABLE petition_hourly_tallies;
