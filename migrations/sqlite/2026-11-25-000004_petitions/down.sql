DROP TABLE petition_blocked_domains;
DROP TABLE petition_tallies;
DROP TABLE petition_paper_batches;
DROP TABLE petition_signatures;
DROP TABLE petition_submissions;
DROP TABLE petitions;
