//! Letters of protest, statements, resolutions and appeals: drafts with every
//! version kept, officer review through personal links, sending through the
//! outbox with the running count per addressee state, and the public archive
//! beside the historical tally.

pub mod diff;
pub mod manage;
pub mod models;
pub mod public;
pub mod render;
pub mod review;
pub mod store;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    manage::configure(cfg);
    public::configure(cfg);
}
