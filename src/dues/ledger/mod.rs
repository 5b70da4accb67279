//! The ledger: payments, waivers and reversals, their allocations per fiscal
//! year, and each city's status per year, always derived from them.
//!
//! Entries are only ever added. A wrong payment is corrected by a reversal,
//! which allocates the opposite amounts to the same years, so the history of
//! what was recorded, when and by whom stays readable. Recording them is in
//! [`recording`].

mod recording;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::fiscal::FiscalYear;
use super::models::{Allocation, DuesStatus, EntryKind, LedgerEntry};
use super::settings::DuesSettings;
use crate::db::{DbConn, DbError, DbResult};
use crate::membership::models::{MemberCity, MembershipStatus};
use crate::schema::{dues_allocations, dues_entries, dues_years, member_cities};

pub use recording::{
    allocate, find_entry, record_payment, record_waiver, reverse, NewPayment, ReceivedAmount,
    RecordedPayment, REVERSED_TWICE,
};

// ------------------------------------------------------------ fiscal years

/// The fee of `year`: fixed when the year was first used, so that a later
/// change of the fee never turns a paid year into a partly paid one.
pub fn fee_of(conn: &mut DbConn, year: FiscalYear, settings: &DuesSettings) -> DbResult<i64> {
    Ok(dues_years::table
        .find(year.number())
        .select(dues_years::fee_jpy)
        .first(conn)
        .optional()?
        .unwrap_or(settings.fee_jpy))
}

/// Creates the row of `year` with the current fee if it does not exist yet.
pub fn open_year(conn: &mut DbConn, year: FiscalYear, settings: &DuesSettings) -> DbResult<()> {
    let exists: i64 = dues_years::table
        .filter(dues_years::fiscal_year.eq(year.number()))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(());
    }
    let now = crate::domain::clock::now();
    // A savepoint: when a concurrent transaction opened the year first, the
    // unique violation must not abort ours (PostgreSQL refuses every statement
    // after an error until rollback).
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(dues_years::table)
            .values((
                dues_years::fiscal_year.eq(year.number()),
                dues_years::fee_jpy.eq(settings.fee_jpy),
                dues_years::last_receipt_number.eq(0),
                dues_years::created_at.eq(now),
                dues_years::updated_at.eq(now),
            ))
            .execute(conn)
    });
    match inserted.map_err(DbError::from) {
        Ok(_) => Ok(()),
        Err(e) if e.is_unique_violation() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets the fee of the current and later opened years (past years keep theirs).
pub fn set_fee_from(
    conn: &mut DbConn,
    from: FiscalYear,
    settings: &DuesSettings,
) -> DbResult<usize> {
    open_year(conn, from, settings)?;
    Ok(
        diesel::update(dues_years::table.filter(dues_years::fiscal_year.ge(from.number())))
            .set((
                dues_years::fee_jpy.eq(settings.fee_jpy),
                dues_years::updated_at.eq(crate::domain::clock::now()),
            ))
            .execute(conn)?,
    )
}

// ------------------------------------------------------------ statuses

/// A city's contribution for one fiscal year, as the ledger has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearPosition {
    pub year: FiscalYear,
    pub fee_jpy: i64,
    pub paid_jpy: i64,
    pub waived: bool,
}

impl YearPosition {
    pub fn status(&self) -> DuesStatus {
        if self.paid_jpy > 0 && self.paid_jpy >= self.fee_jpy {
            DuesStatus::Paid
        } else if self.waived {
            DuesStatus::Waived
        } else if self.paid_jpy > 0 {
            DuesStatus::PartlyPaid
        } else {
            DuesStatus::Unpaid
        }
    }

    /// What a reminder may still ask for; nothing for a waived year.
    pub fn outstanding_jpy(&self) -> i64 {
        if self.waived {
            0
        } else {
            (self.fee_jpy - self.paid_jpy).max(0)
        }
    }
}

/// Sums allocations into paid amounts and waivers: payments and reversals add
/// their (possibly negative) yen; a waiver counts unless it was reversed.
#[derive(Debug, Default)]
struct Tally {
    paid_jpy: HashMap<(i64, FiscalYear), i64>,
    waivers: HashMap<(i64, FiscalYear), Vec<i64>>,
    reversed: HashSet<i64>,
}

impl Tally {
    fn add(&mut self, row: &AllocationRow) {
        let key = (row.city_id, FiscalYear::new(row.fiscal_year));
        match row.kind {
            EntryKind::Payment | EntryKind::Reversal => {
                *self.paid_jpy.entry(key).or_default() += row.amount_jpy;
            }
            EntryKind::Waiver => self.waivers.entry(key).or_default().push(row.entry_id),
        }
        if let Some(original) = row.reverses_id {
            self.reversed.insert(original);
        }
    }

    fn position(&self, city_id: i64, year: FiscalYear, fee_jpy: i64) -> YearPosition {
        let key = (city_id, year);
        YearPosition {
            year,
            fee_jpy,
            paid_jpy: self.paid_jpy.get(&key).copied().unwrap_or(0),
            waived: self
                .waivers
                .get(&key)
                .is_some_and(|ids| ids.iter().any(|id| !self.reversed.contains(id))),
        }
    }
}

/// An allocation with what the tally needs of its entry.
#[derive(Debug, Clone, Queryable)]
struct AllocationRow {
    city_id: i64,
    fiscal_year: i32,
    amount_jpy: i64,
    entry_id: i64,
    #[diesel(deserialize_as = String)]
    kind: EntryKind,
    reverses_id: Option<i64>,
}

type AllocationColumns = (
    dues_allocations::city_id,
    dues_allocations::fiscal_year,
    dues_allocations::amount_jpy,
    dues_allocations::entry_id,
    dues_entries::kind,
    dues_entries::reverses_id,
);

const ALLOCATION_COLUMNS: AllocationColumns = (
    dues_allocations::city_id,
    dues_allocations::fiscal_year,
    dues_allocations::amount_jpy,
    dues_allocations::entry_id,
    dues_entries::kind,
    dues_entries::reverses_id,
);

fn tally(rows: &[AllocationRow]) -> Tally {
    let mut tally = Tally::default();
    rows.iter().for_each(|row| tally.add(row));
    tally
}

/// Every city's position in one fiscal year.
pub struct YearLedger {
    pub year: FiscalYear,
    pub fee_jpy: i64,
    tally: Tally,
}

impl YearLedger {
    pub fn load(conn: &mut DbConn, year: FiscalYear, settings: &DuesSettings) -> DbResult<Self> {
        let rows: Vec<AllocationRow> = dues_allocations::table
            .inner_join(dues_entries::table)
            .filter(dues_allocations::fiscal_year.eq(year.number()))
            .select(ALLOCATION_COLUMNS)
            .load(conn)?;
        Ok(YearLedger {
            year,
            fee_jpy: fee_of(conn, year, settings)?,
            tally: tally(&rows),
        })
    }

    pub fn position(&self, city_id: i64) -> YearPosition {
        self.tally.position(city_id, self.year, self.fee_jpy)
    }

    /// Yen allocated to this year by all cities, withdrawn ones included.
    pub fn total_jpy(&self) -> i64 {
        self.tally.paid_jpy.values().sum()
    }
}

/// Cities asked to contribute for `year`: active members who had joined by its end.
/// Withdrawn cities are not asked; what they paid still counts in the totals.
pub fn expected_cities(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
) -> DbResult<Vec<MemberCity>> {
    Ok(member_cities::table
        .filter(member_cities::status.eq(MembershipStatus::Active.as_str()))
        .filter(member_cities::join_date.le(settings.calendar.ends_on(year)))
        .order(member_cities::member_number.asc())
        .select(MemberCity::as_select())
        .load(conn)?)
}

/// One city's whole ledger.
pub struct CityLedger {
    pub entries: Vec<LedgerEntry>,
    pub allocations: Vec<Allocation>,
    tally: Tally,
}

impl CityLedger {
    pub fn load(conn: &mut DbConn, city_id: i64) -> DbResult<CityLedger> {
        let entries = dues_entries::table
            .filter(dues_entries::city_id.eq(city_id))
            .order((dues_entries::received_on.desc(), dues_entries::id.desc()))
            .select(LedgerEntry::as_select())
            .load(conn)?;
        let allocations = dues_allocations::table
            .filter(dues_allocations::city_id.eq(city_id))
            .order((
                dues_allocations::fiscal_year.asc(),
                dues_allocations::id.asc(),
            ))
            .select(Allocation::as_select())
            .load(conn)?;
        let rows: Vec<AllocationRow> = dues_allocations::table
            .inner_join(dues_entries::table)
            .filter(dues_allocations::city_id.eq(city_id))
            .select(ALLOCATION_COLUMNS)
            .load(conn)?;
        Ok(CityLedger {
            entries,
            allocations,
            tally: tally(&rows),
        })
    }

    pub fn position(&self, city_id: i64, year: FiscalYear, fee_jpy: i64) -> YearPosition {
        self.tally.position(city_id, year, fee_jpy)
    }

    pub fn is_reversed(&self, entry_id: i64) -> bool {
        self.tally.reversed.contains(&entry_id)
    }

    /// The years an entry covers, with the yen each received.
    pub fn allocations_of(&self, entry_id: i64) -> Vec<(FiscalYear, i64)> {
        self.allocations
            .iter()
            .filter(|a| a.entry_id == entry_id)
            .map(|a| (a.year(), a.amount_jpy))
            .collect()
    }

    fn years_with_entries(&self) -> impl Iterator<Item = FiscalYear> + '_ {
        self.allocations.iter().map(Allocation::year)
    }
}

/// How many years a city's history shows without entries of their own.
const HISTORY_YEARS: i32 = 10;

/// A city's position for every year it was a member (the last ten) and every
/// year its ledger mentions, newest first.
pub fn city_positions(
    conn: &mut DbConn,
    city: &MemberCity,
    ledger: &CityLedger,
    settings: &DuesSettings,
    today: NaiveDate,
) -> DbResult<Vec<YearPosition>> {
    let current = settings.calendar.year_of(today);
    let joined = settings.calendar.year_of(city.join_date);
    let first_shown = joined.max(FiscalYear::new(current.number() - HISTORY_YEARS + 1));
    // A city registered in March joins in April: show its first year already.
    let last_shown = current.max(joined);
    let mut years: Vec<FiscalYear> = (first_shown.number()..=last_shown.number())
        .map(FiscalYear::new)
        .chain(ledger.years_with_entries())
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    years
        .into_iter()
        .map(|year| Ok(ledger.position(city.id, year, fee_of(conn, year, settings)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(year: i32) -> FiscalYear {
        FiscalYear::new(year)
    }

    #[test]
    fn statuses_follow_the_amounts_and_waivers() {
        let position = |paid, waived| YearPosition {
            year: fy(2026),
            fee_jpy: 2000,
            paid_jpy: paid,
            waived,
        };
        assert_eq!(position(2000, false).status(), DuesStatus::Paid);
        assert_eq!(position(2329, false).status(), DuesStatus::Paid);
        assert_eq!(position(1000, false).status(), DuesStatus::PartlyPaid);
        assert_eq!(position(0, false).status(), DuesStatus::Unpaid);
        assert_eq!(position(0, true).status(), DuesStatus::Waived);
        assert_eq!(position(0, true).outstanding_jpy(), 0);
        assert_eq!(position(1500, false).outstanding_jpy(), 500);
    }
}
