//! The ledger: payments, waivers and reversals, their allocations per fiscal
//! year, and each city's status per year, always derived from them.
//!
//! Entries are only ever added. A wrong payment is corrected by a reversal,
//! which allocates the opposite amounts to the same years, so the history of
//! what was recorded, when and by whom stays readable.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::error::DuesError;
use super::fiscal::FiscalYear;
use super::models::{Allocation, DuesStatus, EntryKind, LedgerEntry, PaymentMethod};
use super::receipts::{self, ReceiptNumber};
use super::settings::DuesSettings;
use crate::audit::{self, Action, Actor};
use crate::db::{DbConn, DbError, DbResult};
use crate::domain::{Currency, ExchangeRate, FieldError, Money, PlainLine};
use crate::membership::models::{MemberCity, MembershipStatus};
use crate::schema::{dues_allocations, dues_entries, dues_years, member_cities};

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

// ------------------------------------------------------------ recording

/// An amount received, with the exchange rate when it is not in yen: the rate
/// exists exactly when it is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedAmount {
    money: Money,
    rate: Option<ExchangeRate>,
}

impl ReceivedAmount {
    pub fn new(money: Money, rate: Option<ExchangeRate>) -> Result<ReceivedAmount, FieldError> {
        match (money.currency.is_yen(), rate) {
            (true, _) => Ok(ReceivedAmount { money, rate: None }),
            (false, Some(rate)) => Ok(ReceivedAmount {
                money,
                rate: Some(rate),
            }),
            (false, None) => Err(FieldError("error-rate-required")),
        }
    }

    pub fn money(&self) -> Money {
        self.money
    }

    pub fn rate(&self) -> Option<ExchangeRate> {
        self.rate
    }

    /// Whole yen: the amount itself, or its equivalent at the rate used.
    pub fn yen(&self) -> i64 {
        match self.rate {
            Some(rate) => rate.to_yen(self.money),
            None => self.money.minor_units,
        }
    }
}

/// A payment as staff enter it (or as a bank-statement row is posted).
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub city_id: i64,
    pub received_on: NaiveDate,
    pub amount: ReceivedAmount,
    pub method: PaymentMethod,
    pub reference: Option<PlainLine>,
    pub note: Option<PlainLine>,
    /// The years it covers, in the order they are filled.
    pub years: Vec<FiscalYear>,
}

#[derive(Debug, Clone)]
pub struct RecordedPayment {
    pub entry_id: i64,
    pub receipt_number: ReceiptNumber,
    pub allocations: Vec<(FiscalYear, i64)>,
}

/// Splits `amount_jpy` over years in order, each year up to what it still
/// lacks; whatever is left goes to the last year. Years that get nothing are
/// left out.
pub fn allocate(amount_jpy: i64, outstanding: &[(FiscalYear, i64)]) -> Vec<(FiscalYear, i64)> {
    let mut left = amount_jpy;
    let mut shares: Vec<(FiscalYear, i64)> = Vec::new();
    for (year, lacking) in outstanding {
        let share = left.min((*lacking).max(0));
        if share > 0 {
            shares.push((*year, share));
            left -= share;
        }
    }
    if left > 0 {
        if let Some((last_year, _)) = outstanding.last() {
            match shares.last_mut() {
                Some((year, share)) if year == last_year => *share += left,
                _ => shares.push((*last_year, left)),
            }
        }
    }
    shares
}

/// Records a payment with its receipt number and allocations, audited, inside
/// the caller's write transaction.
pub fn record_payment(
    conn: &mut DbConn,
    payment: &NewPayment,
    settings: &DuesSettings,
    by: &Actor,
) -> DbResult<RecordedPayment> {
    let receipt_year = settings.calendar.year_of(payment.received_on);
    // Years are opened in ascending order before any counter is touched, so two
    // concurrent payments on PostgreSQL wait for each other in the same order
    // and cannot deadlock on years that both create.
    let mut years_used: Vec<FiscalYear> = payment.years.clone();
    years_used.push(receipt_year);
    years_used.sort();
    years_used.dedup();
    for year in &years_used {
        open_year(conn, *year, settings)?;
    }
    // Then the receipt number: on PostgreSQL its counter row stays locked until
    // commit, so concurrent payments queue here and each then reads the ledger
    // with the payments before it (SQLite's single writer does the same).
    let receipt_number = receipts::next_number(conn, receipt_year, settings)?;
    let ledger = CityLedger::load(conn, payment.city_id)?;
    let mut outstanding = Vec::with_capacity(payment.years.len());
    for year in &payment.years {
        let fee = fee_of(conn, *year, settings)?;
        let position = ledger.position(payment.city_id, *year, fee);
        outstanding.push((*year, position.outstanding_jpy()));
    }
    let amount_jpy = payment.amount.yen();
    let shares = allocate(amount_jpy, &outstanding);
    let money = payment.amount.money();
    let entry_id: i64 = diesel::insert_into(dues_entries::table)
        .values((
            dues_entries::city_id.eq(payment.city_id),
            dues_entries::kind.eq(EntryKind::Payment.as_str()),
            dues_entries::received_on.eq(payment.received_on),
            dues_entries::amount_minor.eq(money.minor_units),
            dues_entries::currency.eq(money.currency.code()),
            dues_entries::exchange_rate.eq(payment.amount.rate().map(|r| r.to_string())),
            dues_entries::amount_jpy.eq(amount_jpy),
            dues_entries::method.eq(Some(payment.method.as_str())),
            dues_entries::reference.eq(payment.reference.as_ref().map(PlainLine::as_str)),
            dues_entries::note.eq(payment.note.as_ref().map(PlainLine::as_str)),
            dues_entries::receipt_number.eq(Some(receipt_number.to_string())),
            dues_entries::recorded_by.eq(by.user_id),
            dues_entries::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(dues_entries::id)
        .get_result(conn)?;
    insert_allocations(conn, entry_id, payment.city_id, &shares)?;
    let rate = payment
        .amount
        .rate()
        .map(|r| format!(" at {r} = {amount_jpy} JPY"))
        .unwrap_or_default();
    audit::record(
        conn,
        by,
        Action::DuesPayment,
        entry_id,
        format!(
            "city {}: {} {} received {} by {}{rate}; receipt {receipt_number}; {}",
            payment.city_id,
            money.plain(),
            money.currency,
            payment.received_on,
            payment.method.as_str(),
            allocation_summary(&shares),
        ),
    )?;
    Ok(RecordedPayment {
        entry_id,
        receipt_number,
        allocations: shares,
    })
}

fn insert_allocations(
    conn: &mut DbConn,
    entry_id: i64,
    city_id: i64,
    shares: &[(FiscalYear, i64)],
) -> DbResult<()> {
    for (year, amount_jpy) in shares {
        diesel::insert_into(dues_allocations::table)
            .values((
                dues_allocations::entry_id.eq(entry_id),
                dues_allocations::city_id.eq(city_id),
                dues_allocations::fiscal_year.eq(year.number()),
                dues_allocations::amount_jpy.eq(amount_jpy),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// "FY2025 2000 JPY, FY2026 1000 JPY" for the audit log.
fn allocation_summary(shares: &[(FiscalYear, i64)]) -> String {
    shares
        .iter()
        .map(|(year, yen)| format!("FY{year} {yen} JPY"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Records that the association does not ask a city for these years (a
/// disaster, a war): a ledger entry like any other, and reversible.
pub fn record_waiver(
    conn: &mut DbConn,
    city_id: i64,
    years: &[FiscalYear],
    reason: &PlainLine,
    on: NaiveDate,
    settings: &DuesSettings,
    by: &Actor,
) -> DbResult<i64> {
    for year in years {
        open_year(conn, *year, settings)?;
    }
    let entry_id: i64 = diesel::insert_into(dues_entries::table)
        .values((
            dues_entries::city_id.eq(city_id),
            dues_entries::kind.eq(EntryKind::Waiver.as_str()),
            dues_entries::received_on.eq(on),
            dues_entries::amount_minor.eq(0),
            dues_entries::currency.eq(Currency::JPY.code()),
            dues_entries::amount_jpy.eq(0),
            dues_entries::note.eq(Some(reason.as_str())),
            dues_entries::recorded_by.eq(by.user_id),
            dues_entries::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(dues_entries::id)
        .get_result(conn)?;
    let shares: Vec<(FiscalYear, i64)> = years.iter().map(|year| (*year, 0)).collect();
    insert_allocations(conn, entry_id, city_id, &shares)?;
    audit::record(
        conn,
        by,
        Action::DuesWaiver,
        entry_id,
        format!(
            "city {city_id}: waived {} ({})",
            super::fiscal::years_text(years),
            reason.as_str()
        ),
    )?;
    Ok(entry_id)
}

/// The refusal of a second reversal of one entry.
pub const REVERSED_TWICE: &str = "dues-reverse-refused-twice";

pub fn find_entry(conn: &mut DbConn, entry_id: i64) -> DbResult<Option<LedgerEntry>> {
    Ok(dues_entries::table
        .find(entry_id)
        .select(LedgerEntry::as_select())
        .first(conn)
        .optional()?)
}

/// Cancels an entry by adding its opposite: the same years, the negated
/// amounts. The original stays as it was, marked by the reversal pointing at it.
/// A second reversal of the same entry is refused (and, if two race, the
/// unique index on `reverses_id` refuses the later one).
pub fn reverse(
    conn: &mut DbConn,
    entry_id: i64,
    reason: &PlainLine,
    on: NaiveDate,
    by: &Actor,
) -> Result<i64, DuesError> {
    let original = find_entry(conn, entry_id)?.ok_or(DuesError::NotFound)?;
    if original.kind == EntryKind::Reversal {
        return Err(DuesError::Refused("dues-reverse-refused-reversal"));
    }
    let already: i64 = dues_entries::table
        .filter(dues_entries::reverses_id.eq(entry_id))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(DuesError::Refused(REVERSED_TWICE));
    }
    let reversal_id: i64 = diesel::insert_into(dues_entries::table)
        .values((
            dues_entries::city_id.eq(original.city_id),
            dues_entries::kind.eq(EntryKind::Reversal.as_str()),
            dues_entries::received_on.eq(on),
            dues_entries::amount_minor.eq(-original.amount_minor),
            dues_entries::currency.eq(&original.currency),
            dues_entries::exchange_rate.eq(&original.exchange_rate),
            dues_entries::amount_jpy.eq(-original.amount_jpy),
            dues_entries::method.eq(&original.method),
            dues_entries::reference.eq(&original.receipt_number),
            dues_entries::note.eq(Some(reason.as_str())),
            dues_entries::reverses_id.eq(Some(entry_id)),
            dues_entries::recorded_by.eq(by.user_id),
            dues_entries::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(dues_entries::id)
        .get_result(conn)?;
    let negated: Vec<(FiscalYear, i64)> = dues_allocations::table
        .filter(dues_allocations::entry_id.eq(entry_id))
        .select(Allocation::as_select())
        .load(conn)?
        .iter()
        .map(|a| (a.year(), -a.amount_jpy))
        .collect();
    insert_allocations(conn, reversal_id, original.city_id, &negated)?;
    audit::record(
        conn,
        by,
        Action::DuesReverse,
        reversal_id,
        format!(
            "city {}: reversed {} entry {entry_id}{} of {} {} ({})",
            original.city_id,
            original.kind.as_str(),
            original
                .receipt_number
                .as_deref()
                .map(|n| format!(" (receipt {n})"))
                .unwrap_or_default(),
            original.money().plain(),
            original.currency,
            reason.as_str()
        ),
    )?;
    Ok(reversal_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(year: i32) -> FiscalYear {
        FiscalYear::new(year)
    }

    #[test]
    fn a_payment_fills_years_in_order_and_the_rest_goes_to_the_last() {
        assert_eq!(
            allocate(
                6000,
                &[(fy(2024), 2000), (fy(2025), 2000), (fy(2026), 2000)]
            ),
            vec![(fy(2024), 2000), (fy(2025), 2000), (fy(2026), 2000)]
        );
        assert_eq!(allocate(1000, &[(fy(2026), 2000)]), vec![(fy(2026), 1000)]);
        assert_eq!(
            allocate(3000, &[(fy(2025), 2000), (fy(2026), 2000)]),
            vec![(fy(2025), 2000), (fy(2026), 1000)]
        );
        assert_eq!(
            allocate(2500, &[(fy(2026), 1000)]),
            vec![(fy(2026), 2500)],
            "an overpayment stays with the year"
        );
        assert_eq!(
            allocate(2000, &[(fy(2025), 0), (fy(2026), 2000)]),
            vec![(fy(2026), 2000)],
            "a waived or paid year takes nothing"
        );
        assert_eq!(
            allocate(500, &[(fy(2025), 0), (fy(2026), 0)]),
            vec![(fy(2026), 500)]
        );
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

    #[test]
    fn a_foreign_amount_needs_its_rate() {
        let usd = Currency::parse("USD").unwrap();
        let dollars = Money::parse("15.50", usd).unwrap();
        assert_eq!(
            ReceivedAmount::new(dollars, None),
            Err(FieldError("error-rate-required"))
        );
        let rate = ExchangeRate::parse("150.25").unwrap();
        assert_eq!(
            ReceivedAmount::new(dollars, Some(rate)).unwrap().yen(),
            2329
        );
        let yen = ReceivedAmount::new(Money::jpy(2000), Some(rate)).unwrap();
        assert_eq!((yen.yen(), yen.rate()), (2000, None));
    }
}
