//! A public petition by its id, and its signature history: confirmed online
//! signatures per hour and per day (UTC, by the time of confirmation), and the
//! paper batches apart, per day of hand-over. The public API reads these. The
//! hours come from the recount's hourly tally, so they lag like the counts.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};

use super::error::PetitionError;
use super::models::Petition;
use super::store::{self, Counts};
use crate::db::Db;

/// Hours the hourly history covers, ending with the last hour that has a signature.
pub const HOURLY_SPAN_HOURS: i64 = 7 * 24;

/// A public petition (not a draft) with its counts as of the last recount.
pub async fn public_petition(db: &Db, id: i64) -> Result<(Petition, Counts), PetitionError> {
    db.read(move |conn| {
        let petition = store::find(conn, id)?
            .filter(Petition::is_public)
            .ok_or(PetitionError::NotFound)?;
        Ok((store::counts(conn, petition.id)?, petition))
    })
    .await
    .map(|(counts, petition)| (petition, counts))
}

/// Signatures over time; every series is oldest first and has no gaps.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Online signatures per UTC hour, the last [`HOURLY_SPAN_HOURS`] hours up to
    /// the latest confirmation.
    pub per_hour: Vec<(NaiveDateTime, i64)>,
    /// Online signatures per UTC day, from the first confirmation to the last.
    pub per_day: Vec<(NaiveDate, i64)>,
    /// Paper signatures per day of hand-over, from the first batch to the last.
    pub paper_per_day: Vec<(NaiveDate, i64)>,
    /// Milestones the recount saw reached: (signatures, when), in order.
    pub milestones: Vec<(i64, NaiveDateTime)>,
}

/// The history of a public petition.
pub async fn signature_history(db: &Db, id: i64) -> Result<(Petition, History), PetitionError> {
    db.read(move |conn| {
        let petition = store::find(conn, id)?
            .filter(Petition::is_public)
            .ok_or(PetitionError::NotFound)?;
        let hourly = store::hourly_counts(conn, id)?;
        let paper: Vec<(NaiveDate, i64)> = store::paper_batches(conn, id, None)?
            .into_iter()
            .map(|b| (b.handed_over_on, b.signatures))
            .collect();
        let mut history = history_of(&hourly, &paper);
        history.milestones = super::milestones::reached(conn, id)?
            .into_iter()
            .map(|m| (m.signatures, m.reached_at))
            .collect();
        Ok((petition, history))
    })
    .await
}

/// Lays the counted hours and the paper batches out as gapless series.
pub fn history_of(hourly: &[(NaiveDateTime, i64)], paper: &[(NaiveDate, i64)]) -> History {
    let mut per_hour = Vec::new();
    let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (hour, n) in hourly {
        *days.entry(hour.date()).or_default() += n;
    }
    if let Some(last) = hourly.iter().map(|(h, _)| *h).max() {
        let last = last
            .with_minute(0)
            .and_then(|h| h.with_second(0))
            .unwrap_or(last);
        let by_hour: BTreeMap<NaiveDateTime, i64> = hourly.iter().copied().collect();
        for back in (0..HOURLY_SPAN_HOURS).rev() {
            let hour = last - Duration::hours(back);
            per_hour.push((hour, by_hour.get(&hour).copied().unwrap_or(0)));
        }
    }
    let mut paper_days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (day, n) in paper {
        *paper_days.entry(*day).or_default() += n;
    }
    History {
        per_hour,
        per_day: gapless(&days),
        paper_per_day: gapless(&paper_days),
        milestones: Vec::new(),
    }
}

fn gapless(days: &BTreeMap<NaiveDate, i64>) -> Vec<(NaiveDate, i64)> {
    let (Some(first), Some(last)) = (days.keys().next(), days.keys().last()) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d <= last)
        .map(|d| (d, days.get(&d).copied().unwrap_or(0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn series_have_no_gaps_and_keep_every_signature() {
        let hourly = [
            (when("2026-11-30 23:00:00"), 2),
            (when("2026-12-02 09:00:00"), 5),
            (when("2026-12-02 10:00:00"), 1),
        ];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let paper = [(day("2026-12-01"), 100), (day("2026-12-01"), 20)];
        let history = history_of(&hourly, &paper);
        assert_eq!(
            history.per_day,
            vec![
                (day("2026-11-30"), 2),
                (day("2026-12-01"), 0),
                (day("2026-12-02"), 6)
            ]
        );
        assert_eq!(history.per_hour.len() as i64, HOURLY_SPAN_HOURS);
        assert_eq!(
            history.per_hour.last(),
            Some(&(when("2026-12-02 10:00:00"), 1))
        );
        assert_eq!(history.per_hour.iter().map(|(_, n)| n).sum::<i64>(), 8);
        assert_eq!(history.paper_per_day, vec![(day("2026-12-01"), 120)]);
        assert!(history_of(&[], &[]).per_hour.is_empty());
    }
}
