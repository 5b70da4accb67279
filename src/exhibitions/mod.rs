//! The A-bomb Poster Exhibition: member cities (and non-member organisations)
//! register exhibitions; staff lend physical poster sets without double
//! bookings and move each exhibition through its workflow, emailing the holder
//! at each step; calendars and iCalendar feeds; the digital poster library;
//! reports and statistics.
//!
//! The operations (`registration`, `workflow`, `loans`, `inventory`,
//! `settings`, `library`, `views`) each own their transaction and answer
//! `Result<T, ExhibitionError>`; `handlers` parse, call one and render.

pub mod calendar;
pub mod demo;
pub mod emails;
pub mod error;
pub mod forms;
mod handlers;
pub mod ical;
pub mod inventory;
pub mod library;
pub mod loans;
pub mod models;
pub mod queries;
pub mod registration;
pub mod settings;
pub mod views;
pub mod workflow;
pub mod zones;

pub use error::ExhibitionError;
pub use handlers::configure;
pub use queries::cities_with_exhibition_held;
