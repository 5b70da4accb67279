//! The pages that gather several areas: the public home page, the staff
//! dashboard and a member city's page; and the health check.
//!
//! `dashboard` and `city` read what those pages show (each an `async fn` over
//! the database); the routes are in `handlers`.

pub mod city;
pub mod dashboard;
mod handlers;
pub mod metrics;

pub use handlers::configure;
