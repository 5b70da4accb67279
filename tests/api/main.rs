//! Black-box tests: the application runs on a random port with a fresh database
//! (SQLite, or PostgreSQL when TEST_DATABASE_URL is set) and is driven over HTTP.

mod fixtures;
mod helpers;
mod smtp;
mod statistics;
mod transactions;

mod accounts;
mod browser;
mod campaigns;
mod campaigns_lang;
mod certificate;
mod delivery;
mod dues;
mod exhibitions;
mod exhibitions_more;
mod group_commit;
mod i18n;
mod jobs;
mod letters;
mod letters_review;
mod loan_windows;
mod mail;
mod maps;
mod meetings;
mod membership;
mod membership_csv;
mod navigation;
mod operations;
mod pages;
mod perf_pages;
mod petitions;
mod petitions_lang;
mod public_api;
mod records;
mod roles;
mod schema_parity;
mod secauth;
mod secdata;
mod secretariat;
mod security;
mod sessions;
mod times_languages;
