//! Membership: countries and regions, joining requests and their review, the
//! monthly registration run, member cities, roles, the directory, statistics
//! and the cities' own accounts.
//!
//! The operations are in the files named after what they do (`join`, `review`,
//! `registration`, `directory`, `accounts`, `sister`, `countries`,
//! `statistics`, `csv_io`), each an `async fn` over the database that owns its
//! transaction and answers a [`MembershipError`]; the routes are in `handlers`.

pub mod accounts;
pub mod applications;
pub mod certificate;
pub mod cities;
pub mod countries;
pub mod csv_io;
pub mod demo;
pub mod directory;
pub mod emails;
pub mod error;
mod handlers;
pub mod join;
pub mod models;
pub mod names;
pub mod open_data;
pub mod records;
pub mod registration;
pub mod review;
pub mod roles;
pub mod sister;
pub mod statistics;

pub use error::MembershipError;
pub use handlers::configure;
