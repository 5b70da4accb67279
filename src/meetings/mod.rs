//! The General Conference and the association's other meetings (issue #20):
//! staff create a meeting and publish it, invite its audience through the
//! outbox (each city in its language, with a personal signed registration
//! link that needs no account), cities register delegates, dates and needs
//! (or decline, or withdraw) within a capacity enforced without races, with a
//! waiting list; staff follow the answers, remind the cities that have not
//! answered (a scheduled job), print badges and a sign-in sheet, export the
//! delegates, issue visa letters, mark attendance on the day, and record the
//! letters the meeting adopted.
//!
//! Operations (one transaction each, refusals as [`MeetingError`]): `manage`
//! (staff), `registration` (a city through its link), `reminders` (the job),
//! `views` (reads). Below them the queries (`store`), the emails and the
//! iCalendar file.

pub mod emails;
pub mod error;
pub mod forms;
mod handlers;
pub mod ical;
pub mod manage;
pub mod models;
pub mod registration;
pub mod reminders;
pub mod store;
pub mod views;

pub use error::MeetingError;
pub use handlers::configure;
pub use views::{of_city, CityMeetings};
