//! Recording in the ledger: payments (with their receipt number and their
//! allocation over years), waivers and reversals, each audited in the
//! caller's transaction.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{fee_of, open_year, CityLedger};
use crate::audit::{self, Action, Actor};
use crate::db::{DbConn, DbResult};
use crate::domain::{Currency, ExchangeRate, FieldError, Money, PlainLine};
use crate::dues::error::DuesError;
use crate::dues::fiscal::FiscalYear;
use crate::dues::models::{Allocation, EntryKind, LedgerEntry, PaymentMethod};
use crate::dues::receipts::{self, ReceiptNumber};
use crate::dues::settings::DuesSettings;
use crate::schema::{dues_allocations, dues_entries};

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
            crate::dues::fiscal::years_text(years),
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
