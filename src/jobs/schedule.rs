//! When a job is due: once a month on a day at a time, or every day at a time.
//! Times are UTC: the secretariat's records keep no time zone of their own, and
//! the pages say "UTC" beside every time.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::FieldError;

/// The most a day of the month may be, so that every month has it.
pub const MAX_DAY_OF_MONTH: u32 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// On `day` (1 to 28) of every month, at `at` UTC.
    Monthly { day: u32, at: NaiveTime },
    /// Every day at `at` UTC.
    Daily { at: NaiveTime },
}

impl Schedule {
    /// The first moment strictly after `after` at which the job is due.
    pub fn next_after(self, after: NaiveDateTime) -> NaiveDateTime {
        match self {
            Schedule::Daily { at } => {
                let today = after.date().and_time(at);
                if today > after {
                    today
                } else {
                    today + Duration::days(1)
                }
            }
            Schedule::Monthly { day, at } => {
                let day = day.clamp(1, MAX_DAY_OF_MONTH);
                let (mut year, mut month) = (after.year(), after.month());
                loop {
                    // Days 1 to 28 exist in every month.
                    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                        let candidate = date.and_time(at);
                        if candidate > after {
                            return candidate;
                        }
                    }
                    (year, month) = if month == 12 {
                        (year + 1, 1)
                    } else {
                        (year, month + 1)
                    };
                }
            }
        }
    }

    /// The time of day it runs at, as minutes after midnight.
    pub fn minute_of_day(self) -> i32 {
        let at = match self {
            Schedule::Monthly { at, .. } | Schedule::Daily { at } => at,
        };
        let minutes = at.signed_duration_since(NaiveTime::MIN).num_minutes();
        i32::try_from(minutes).unwrap_or(0)
    }
}

/// A time of day as typed (`09:30`, as a browser's time input sends it).
pub fn parse_time(text: &str) -> Result<NaiveTime, FieldError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| FieldError("job-time-invalid"))
}

/// A day of the month, 1 to 28 (every month has it).
pub fn parse_day(text: &str) -> Result<u32, FieldError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|day| (1..=MAX_DAY_OF_MONTH).contains(day))
        .ok_or(FieldError("job-day-invalid"))
}

/// A time of day from minutes after midnight (out-of-range values wrap).
pub fn time_of_minutes(minutes: i32) -> NaiveTime {
    let minutes = u32::try_from(minutes.rem_euclid(24 * 60)).unwrap_or(0);
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a date and time")
    }

    #[test]
    fn a_monthly_job_is_due_on_its_day_this_month_or_next() {
        let schedule = Schedule::Monthly {
            day: 20,
            at: time_of_minutes(7 * 60),
        };
        assert_eq!(
            schedule.next_after(utc("2026-12-03 12:00")),
            utc("2026-12-20 07:00")
        );
        assert_eq!(
            schedule.next_after(utc("2026-12-20 07:00")),
            utc("2027-01-20 07:00"),
            "the moment it ran is not due again"
        );
        assert_eq!(
            schedule.next_after(utc("2026-12-25 00:00")),
            utc("2027-01-20 07:00")
        );
    }

    #[test]
    fn a_daily_job_is_due_today_or_tomorrow() {
        let schedule = Schedule::Daily {
            at: time_of_minutes(3 * 60),
        };
        assert_eq!(
            schedule.next_after(utc("2026-02-28 02:59")),
            utc("2026-02-28 03:00")
        );
        assert_eq!(
            schedule.next_after(utc("2026-02-28 03:00")),
            utc("2026-03-01 03:00")
        );
    }

    #[test]
    fn typed_times_and_days_are_checked() {
        assert_eq!(
            parse_time(" 10:30 ").map(|t| t.to_string()),
            Ok("10:30:00".into())
        );
        assert!(parse_time("25:00").is_err() && parse_time("noon").is_err());
        assert_eq!(parse_day("28"), Ok(28));
        assert!(parse_day("29").is_err() && parse_day("0").is_err() && parse_day("").is_err());
    }

    #[test]
    fn minutes_and_times_of_day_round_trip() {
        let schedule = Schedule::Daily {
            at: time_of_minutes(9 * 60 + 30),
        };
        assert_eq!(schedule.minute_of_day(), 570);
        assert_eq!(time_of_minutes(570).format("%H:%M").to_string(), "09:30");
    }
}
