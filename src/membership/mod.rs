//! Membership: countries and regions, joining requests and their review, the
//! monthly registration run, member cities, roles, the directory, statistics
//! and the cities' own accounts.

pub mod accounts;
pub mod applications;
pub mod cities;
pub mod countries;
pub mod csv_io;
pub mod demo;
pub mod directory;
pub mod emails;
pub mod join;
pub mod models;
pub mod names;
pub mod registration;
pub mod review;
pub mod sister;
pub mod statistics;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    join::configure(cfg);
    review::configure(cfg);
    registration::configure(cfg);
    csv_io::configure(cfg);
    directory::configure(cfg);
    accounts::configure(cfg);
    statistics::configure(cfg);
    sister::configure(cfg);
    countries::admin::configure(cfg);
}
