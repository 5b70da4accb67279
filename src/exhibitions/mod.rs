//! The A-bomb Poster Exhibition: member cities (and non-member organisations)
//! register exhibitions; staff lend physical poster sets without double
//! bookings and move each exhibition through its workflow, emailing the holder
//! at each step; calendars and iCalendar feeds; the digital poster library;
//! reports and statistics.

pub mod emails;
pub mod forms;
pub mod ical;
pub mod loans;
pub mod models;
pub mod queries;
pub mod settings;
pub mod zones;

use chrono::{NaiveDate, Utc};

pub use queries::cities_with_exhibition_held;

pub fn configure(_cfg: &mut actix_web::web::ServiceConfig) {}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}
