//! The A-bomb Poster Exhibition: member cities (and non-member organisations)
//! register exhibitions; staff lend physical poster sets without double
//! bookings and move each exhibition through its workflow, emailing the holder
//! at each step; calendars and iCalendar feeds; the digital poster library;
//! reports and statistics.

pub mod city;
pub mod demo;
pub mod emails;
pub mod forms;
pub mod ical;
pub mod library;
pub mod loans;
pub mod models;
pub mod public;
pub mod queries;
pub mod settings;
pub mod staff;
pub mod workflow;
pub mod zones;

pub use queries::cities_with_exhibition_held;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    // Fixed paths before `{id}` patterns that would swallow them.
    staff::configure(cfg);
    library::configure(cfg);
    public::configure(cfg);
    city::configure(cfg);
}
