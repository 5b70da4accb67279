//! Receipts: numbers sequential within each fiscal year ("2026-0001"), the
//! receipt as printed (for staff, and for the city that paid), and the
//! receipt emailed to the city when asked.

use diesel::prelude::*;

use super::emails;
use super::error::DuesError;
use super::fiscal::FiscalYear;
use super::ledger::{self, CityLedger};
use super::models::{EntryKind, LedgerEntry};
use super::settings::{self as dues_settings, DuesSettings};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::i18n::Lang;
use crate::mail;
use crate::membership::countries;
use crate::membership::models::MemberCity;
use crate::schema::{dues_entries, dues_years};

/// A receipt number: the fiscal year it was issued in and its place in that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptNumber {
    pub year: FiscalYear,
    pub sequence: i32,
}

impl std::fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:04}", self.year, self.sequence)
    }
}

/// The next receipt number of `year`, taken inside the caller's write
/// transaction from the year's counter row.
///
/// UPDATE first, then read: on PostgreSQL the UPDATE locks the row until the
/// transaction ends, so a concurrent payment waits and then counts on from our
/// number; on SQLite the immediate transaction is the only writer. A payment
/// that rolls back rolls its number back with it, so numbers are never skipped
/// and never given twice.
pub fn next_number(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
) -> DbResult<ReceiptNumber> {
    ledger::open_year(conn, year, settings)?;
    let counter = dues_years::table.find(year.number());
    diesel::update(counter)
        .set((
            dues_years::last_receipt_number.eq(dues_years::last_receipt_number + 1),
            dues_years::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    let sequence = counter
        .select(dues_years::last_receipt_number)
        .first(conn)?;
    Ok(ReceiptNumber { year, sequence })
}

/// Everything a receipt shows, in the city's language whoever reads it: it
/// is written for the city that paid.
pub struct Receipt {
    /// The language of the receipt: the city's.
    pub lang: Lang,
    pub entry: LedgerEntry,
    pub number: String,
    pub city: MemberCity,
    pub country: String,
    pub amount: String,
    /// For a payment in another currency: the rate and the yen equivalent.
    pub conversion: Option<(String, String)>,
    pub years: Vec<ReceiptYear>,
    pub received_on: String,
    /// Set when the payment was cancelled by a reversal: its date.
    pub reversed_on: Option<String>,
}

impl Receipt {
    /// A text of the receipt, in its language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A text of the receipt with one named argument, in its language.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang.t_with(
            key,
            &[(name, crate::i18n::FluentArg::Str(value.to_string()))],
        )
    }
}

pub struct ReceiptYear {
    pub label: String,
    pub period: String,
    pub amount: String,
}

/// The receipt of a payment entry; not found for a missing entry or one that
/// is not a payment (waivers and reversals have no receipt).
pub fn load(conn: &mut DbConn, entry_id: i64, lang: &Lang) -> Result<Receipt, DuesError> {
    let settings = dues_settings::load(conn)?;
    let entry = ledger::find_entry(conn, entry_id)?.ok_or(DuesError::NotFound)?;
    let (EntryKind::Payment, Some(number)) = (entry.kind, entry.receipt_number.clone()) else {
        return Err(DuesError::NotFound);
    };
    let city = crate::membership::cities::find(conn, entry.city_id)?.ok_or(DuesError::NotFound)?;
    let country = countries::find(conn, &city.country_code)?
        .map(|c| c.name(lang).to_string())
        .unwrap_or_default();
    let city_ledger = CityLedger::load(conn, city.id)?;
    let reversal: Option<LedgerEntry> = dues_entries::table
        .filter(dues_entries::reverses_id.eq(entry.id))
        .select(LedgerEntry::as_select())
        .first(conn)
        .optional()?;
    let money = entry.money();
    let conversion = entry.exchange_rate.as_ref().map(|rate| {
        (
            rate.clone(),
            lang.money(entry.amount_jpy, crate::domain::Currency::JPY.code()),
        )
    });
    let years = city_ledger
        .allocations_of(entry.id)
        .into_iter()
        .map(|(year, yen)| ReceiptYear {
            label: year.label(lang),
            period: settings.calendar.period(year, lang),
            amount: lang.money(yen, "JPY"),
        })
        .collect();
    Ok(Receipt {
        lang: *lang,
        received_on: lang.date(entry.received_on),
        number,
        country,
        amount: lang.money(money.minor_units, money.currency.code()),
        conversion,
        years,
        reversed_on: reversal.map(|r| lang.date(r.received_on)),
        entry,
        city,
    })
}

/// The language of the city an entry is from: the receipt's.
fn city_lang(conn: &mut DbConn, entry_id: i64) -> Result<Lang, DuesError> {
    let entry = ledger::find_entry(conn, entry_id)?.ok_or(DuesError::NotFound)?;
    Ok(crate::membership::cities::find(conn, entry.city_id)?
        .map(|city| city.lang())
        .unwrap_or_default())
}

/// The receipt of an entry, in the city's language; a city (`own_city`) sees
/// only its own.
pub async fn find(db: &Db, entry_id: i64, own_city: Option<i64>) -> Result<Receipt, DuesError> {
    let receipt = db
        .read(move |conn| {
            let lang = city_lang(conn, entry_id)?;
            load(conn, entry_id, &lang)
        })
        .await?;
    if own_city.is_some_and(|own| own != receipt.city.id) {
        return Err(DuesError::NotFound);
    }
    Ok(receipt)
}

/// The request token from the page: hex only, so it is safe in an idempotency key.
pub fn parse_request_id(text: &str) -> Option<&str> {
    let text = text.trim();
    ((16..=64).contains(&text.len()) && text.chars().all(|c| c.is_ascii_hexdigit())).then_some(text)
}

/// Emails the receipt to the city's contact address, in the city's language;
/// returns the address. The same `request_id` (one view of the page) sends one
/// email however often it is posted.
pub async fn email(
    db: &Db,
    actor: &Actor,
    entry_id: i64,
    request_id: &str,
    base_url: &str,
) -> Result<String, DuesError> {
    let actor = actor.clone();
    let key = format!("dues-receipt-{entry_id}-{request_id}");
    let base_url = base_url.to_string();
    db.transaction(move |conn| {
        let lang = city_lang(conn, entry_id)?;
        let receipt = load(conn, entry_id, &lang)?;
        let email = emails::receipt(&receipt, &base_url)
            .ok_or(DuesError::Refused("dues-receipt-no-email"))?;
        let reference = mail::Reference::new("dues_receipt", entry_id);
        let outbox_id = mail::enqueue(conn, &key, &email, Some(reference))?;
        let summary = format!(
            "receipt {} emailed to {} (outbox {outbox_id})",
            receipt.number, email.to
        );
        audit::record(conn, &actor, Action::DuesReceiptEmail, entry_id, summary)?;
        Ok(email.to.to_string())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_numbers_name_the_year_and_count_within_it() {
        let number = ReceiptNumber {
            year: FiscalYear::new(2026),
            sequence: 7,
        };
        assert_eq!(number.to_string(), "2026-0007");
        let many = ReceiptNumber {
            year: FiscalYear::new(2026),
            sequence: 12_345,
        };
        assert_eq!(many.to_string(), "2026-12345");
    }

    #[test]
    fn request_ids_are_hex_tokens() {
        assert!(parse_request_id("0123456789abcdef01234567").is_some());
        assert!(parse_request_id("short").is_none());
        assert!(parse_request_id("0123456789abcdef-1234567").is_none());
    }
}
