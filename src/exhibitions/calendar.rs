//! The staff month view: which month a query asks for, and its days as weeks
//! (Monday first), each day with the exhibitions open on it.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::models::Exhibition;
use crate::domain::clock::today;

/// One day cell of the month view.
pub struct Day {
    pub date: Option<NaiveDate>,
    pub exhibitions: Vec<(i64, String)>,
}

impl Day {
    fn empty() -> Day {
        Day {
            date: None,
            exhibitions: vec![],
        }
    }
}

/// The first day of the month written `2031-08`; this month's when unreadable.
pub fn first_of_month(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
        .unwrap_or_else(|_| today().with_day(1).unwrap_or_else(today))
}

pub fn add_months(first: NaiveDate, months: i32) -> NaiveDate {
    let index = first.year() * 12 + first.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(first)
}

/// The last day of the month that starts on `first`.
pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    add_months(first, 1) - Duration::days(1)
}

/// The month as weeks of seven days (Monday first), each day with the
/// exhibitions open on it.
pub fn month_grid(
    first: NaiveDate,
    exhibitions: &[Exhibition],
    holders: &BTreeMap<i64, String>,
) -> Vec<Vec<Day>> {
    let last = last_of_month(first);
    let mut days: Vec<Day> = (0..first.weekday().num_days_from_monday())
        .map(|_| Day::empty())
        .collect();
    let mut day = first;
    while day <= last {
        let open = exhibitions
            .iter()
            .filter(|e| e.starts_on <= day && day <= e.ends_on)
            .map(|e| {
                (
                    e.id,
                    format!(
                        "{} · {}",
                        holders.get(&e.id).cloned().unwrap_or_default(),
                        e.title
                    ),
                )
            })
            .collect();
        days.push(Day {
            date: Some(day),
            exhibitions: open,
        });
        day += Duration::days(1);
    }
    while !days.len().is_multiple_of(7) {
        days.push(Day::empty());
    }
    let mut weeks = Vec::new();
    let mut iter = days.into_iter().peekable();
    while iter.peek().is_some() {
        weeks.push(iter.by_ref().take(7).collect());
    }
    weeks
}
