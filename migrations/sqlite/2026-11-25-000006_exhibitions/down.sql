DROP TABLE exhibition_feeds;
DROP TABLE poster_downloads;
DROP TABLE poster_files;
DROP TABLE exhibition_photos;
DROP TABLE exhibition_loans;
DROP TABLE poster_sets;
DROP TABLE exhibitions;
