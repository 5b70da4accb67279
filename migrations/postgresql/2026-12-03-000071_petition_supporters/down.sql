DROP TABLE petition_updates;
DROP TABLE petition_milestones;
