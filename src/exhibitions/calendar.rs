//! The staff month view: which month a query asks for, and its days as weeks
//! (Monday first), each exhibition (and, when asked, each poster set's loan)
//! drawn as one bar over the days it covers in each week.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::models::Exhibition;
use crate::domain::clock::today;

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

/// Something the month view draws as one bar over the days it covers: an
/// exhibition's days, or the days a poster set is away for it (a loan).
pub struct Item {
    pub exhibition_id: i64,
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub loan: bool,
}

impl Item {
    /// An exhibition, labelled with its holder.
    pub fn exhibition(e: &Exhibition, holders: &BTreeMap<i64, String>) -> Item {
        let holder = holders.get(&e.id).cloned().unwrap_or_default();
        Item {
            exhibition_id: e.id,
            label: format!("{holder} · {}", e.title),
            from: e.starts_on,
            to: e.ends_on,
            loan: false,
        }
    }
}

/// One bar within a week: the item and the days of the week it covers.
pub struct Bar {
    pub exhibition_id: i64,
    pub label: String,
    pub loan: bool,
    /// The first and last day it covers within this week (and month).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// It began before this week, or goes on after it.
    pub continues_before: bool,
    pub continues_after: bool,
}

/// A cell of a lane: `span` days, with a bar or empty.
pub struct Slot {
    pub span: usize,
    pub bar: Option<Bar>,
}

/// A week of the month view: its seven days (none outside the month) and
/// lanes of bars, each bar one cell spanning the days it covers.
pub struct Week {
    pub days: Vec<Option<NaiveDate>>,
    pub lanes: Vec<Vec<Slot>>,
}

/// The month as weeks of seven days (Monday first); every item open in the
/// month is one bar per week it touches, not one mark per day.
pub fn month_grid(first: NaiveDate, items: &[Item]) -> Vec<Week> {
    let last = last_of_month(first);
    let mut items: Vec<&Item> = items
        .iter()
        .filter(|i| i.from <= last && i.to >= first && i.from <= i.to)
        .collect();
    items.sort_by_key(|i| (i.from, std::cmp::Reverse(i.to), i.loan, i.exhibition_id));
    let mut monday = first - Duration::days(first.weekday().num_days_from_monday().into());
    let mut weeks = Vec::new();
    while monday <= last {
        let days: Vec<Option<NaiveDate>> = (0..7)
            .map(|n| monday + Duration::days(n))
            .map(|d| (first <= d && d <= last).then_some(d))
            .collect();
        let week_first = monday.max(first);
        let week_last = (monday + Duration::days(6)).min(last);
        let lanes = lanes_of(monday, week_first, week_last, &items);
        weeks.push(Week { days, lanes });
        monday += Duration::days(7);
    }
    weeks
}

/// The bars of one week, packed into as few lanes as they fit in.
fn lanes_of(
    monday: NaiveDate,
    week_first: NaiveDate,
    week_last: NaiveDate,
    items: &[&Item],
) -> Vec<Vec<Slot>> {
    let column = |d: NaiveDate| (d - monday).num_days() as usize;
    // Each lane: its bars in order, and the first column still free.
    let mut lanes: Vec<(Vec<Bar>, usize)> = Vec::new();
    for item in items
        .iter()
        .filter(|i| i.from <= week_last && i.to >= week_first)
    {
        let bar = Bar {
            exhibition_id: item.exhibition_id,
            label: item.label.clone(),
            loan: item.loan,
            from: item.from.max(week_first),
            to: item.to.min(week_last),
            continues_before: item.from < week_first,
            continues_after: item.to > week_last,
        };
        let (start, end) = (column(bar.from), column(bar.to) + 1);
        match lanes.iter_mut().find(|(_, free)| *free <= start) {
            Some((bars, free)) => {
                bars.push(bar);
                *free = end;
            }
            None => lanes.push((vec![bar], end)),
        }
    }
    lanes
        .into_iter()
        .map(|(bars, _)| {
            let mut slots = Vec::new();
            let mut at = 0;
            for bar in bars {
                let (start, end) = (column(bar.from), column(bar.to) + 1);
                if start > at {
                    slots.push(Slot {
                        span: start - at,
                        bar: None,
                    });
                }
                slots.push(Slot {
                    span: end - start,
                    bar: Some(bar),
                });
                at = end;
            }
            if at < 7 {
                slots.push(Slot {
                    span: 7 - at,
                    bar: None,
                });
            }
            slots
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, from: &str, to: &str) -> Item {
        Item {
            exhibition_id: id,
            label: format!("#{id}"),
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            loan: false,
        }
    }

    #[test]
    fn a_multi_day_exhibition_is_one_bar_per_week() {
        // August 2031 starts on a Friday.
        let first: NaiveDate = "2031-08-01".parse().unwrap();
        let items = [
            item(1, "2031-07-30", "2031-08-05"),
            item(2, "2031-08-02", "2031-08-02"),
        ];
        let weeks = month_grid(first, &items);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0].days.iter().flatten().count(), 3);
        // Week one: #1 over Friday to Sunday (3 days), #2 on Saturday in a second lane.
        let spans: Vec<Vec<(usize, Option<i64>)>> = weeks[0]
            .lanes
            .iter()
            .map(|lane| {
                lane.iter()
                    .map(|s| (s.span, s.bar.as_ref().map(|b| b.exhibition_id)))
                    .collect()
            })
            .collect();
        assert_eq!(
            spans,
            vec![
                vec![(4, None), (3, Some(1))],
                vec![(5, None), (1, Some(2)), (1, None)]
            ]
        );
        let bar = weeks[0].lanes[0][1].bar.as_ref().unwrap();
        assert!(bar.continues_before && bar.continues_after);
        // Week two: #1 on Monday and Tuesday, one bar.
        let spans: Vec<(usize, Option<i64>)> = weeks[1].lanes[0]
            .iter()
            .map(|s| (s.span, s.bar.as_ref().map(|b| b.exhibition_id)))
            .collect();
        assert_eq!(spans, vec![(2, Some(1)), (5, None)]);
        assert!(weeks[2].lanes.is_empty());
    }
}
