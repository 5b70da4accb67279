//! The one clock: every "now" and "today" in the application comes from here.

use chrono::{NaiveDate, NaiveDateTime, SubsecRound, Utc};

/// The current time as stored in the database: UTC, microsecond precision
/// (PostgreSQL keeps microseconds, so a value read back compares equal).
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Today's date in UTC, the calendar the secretariat's records are kept in.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}
