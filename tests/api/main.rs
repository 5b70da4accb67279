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
mod certificate;
mod delivery;
mod dues;
mod exhibitions;
mod exhibitions_more;
mod i18n;
mod jobs;
mod letters;
mod loan_windows;
mod mail;
mod maps;
mod membership;
mod membership_csv;
mod operations;
mod pages;
mod petitions;
mod public_api;
mod records;
mod roles;
mod schema_parity;
mod secauth;
mod secdata;
mod security;
mod sessions;
