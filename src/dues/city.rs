//! One city's dues: its position per fiscal year and its ledger, shown on the
//! staff city page and to the city itself at /city/dues.

use super::error::DuesError;
use super::fiscal::years_text;
use super::ledger::{self, CityLedger};
use super::models::{DuesStatus, EntryKind};
use super::reminders;
use super::settings::{self as dues_settings};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::i18n::Lang;
use crate::membership::models::MemberCity;

/// A fiscal year's line in a city's history.
pub struct YearRow {
    pub year: i32,
    pub label: String,
    pub period: String,
    pub status: DuesStatus,
    pub fee: String,
    pub paid: String,
    /// How much more than the fee arrived, said plainly ("¥4,000 more than the fee").
    pub overpaid: Option<String>,
}

/// A ledger entry as a city's history lists it.
pub struct EntryRow {
    pub id: i64,
    pub kind: EntryKind,
    pub date: String,
    pub amount: String,
    /// The yen equivalent of an amount in another currency.
    pub yen: Option<String>,
    pub years: String,
    pub method_key: &'static str,
    pub receipt_number: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub reversed: bool,
    pub can_reverse: bool,
}

/// Everything the dues section of a city's page shows.
pub struct CityDues {
    pub city_id: i64,
    pub years: Vec<YearRow>,
    pub entries: Vec<EntryRow>,
    pub reminders_off: bool,
    pub last_reminded: Option<String>,
    /// The current fiscal year, the default of the forms.
    pub current_year: i32,
    /// Staff see the forms that change the ledger; the city sees its history.
    pub staff_view: bool,
    /// Where receipts open: the staff page or the city's own.
    pub receipt_base: &'static str,
}

/// The dues section of `city`'s page, in `lang`.
pub fn city_section(
    conn: &mut DbConn,
    city: &MemberCity,
    lang: &Lang,
    staff_view: bool,
) -> DbResult<CityDues> {
    let settings = dues_settings::load(conn)?;
    let today = today();
    let city_ledger = CityLedger::load(conn, city.id)?;
    let positions = ledger::city_positions(conn, city, &city_ledger, &settings, today)?;
    let years = positions
        .iter()
        .map(|p| YearRow {
            year: p.year.number(),
            label: p.year.label(lang),
            period: settings.calendar.period(p.year, lang),
            status: p.status(),
            fee: lang.money(p.fee_jpy, "JPY"),
            paid: lang.money(p.paid_jpy, "JPY"),
            overpaid: (p.paid_jpy > p.fee_jpy).then(|| lang.money(p.paid_jpy - p.fee_jpy, "JPY")),
        })
        .collect();
    let entries = city_ledger
        .entries
        .iter()
        .map(|entry| {
            let money = entry.money();
            let covered: Vec<_> = city_ledger
                .allocations_of(entry.id)
                .into_iter()
                .map(|(year, _)| year)
                .collect();
            let reversed = city_ledger.is_reversed(entry.id);
            EntryRow {
                id: entry.id,
                kind: entry.kind,
                date: lang.date(entry.received_on),
                amount: lang.money(money.minor_units, money.currency.code()),
                yen: entry
                    .is_foreign_currency()
                    .then(|| lang.money(entry.amount_jpy, "JPY")),
                years: years_text(&covered),
                method_key: entry.method_label(),
                receipt_number: entry.receipt_number.clone(),
                reference: entry.reference.clone(),
                note: entry.note.clone(),
                reversed,
                can_reverse: entry.can_be_reversed() && !reversed,
            }
        })
        .collect();
    Ok(CityDues {
        city_id: city.id,
        years,
        entries,
        reminders_off: reminders::is_opted_out(conn, city.id)?,
        last_reminded: reminders::last_reminded(conn, city.id)?.map(|at| lang.date(at.date())),
        current_year: settings.calendar.year_of(today).number(),
        staff_view,
        receipt_base: if staff_view {
            "/staff/dues/receipts/"
        } else {
            "/city/dues/receipts/"
        },
    })
}

/// A city's own page of contributions: the city and its dues section as the
/// city sees it (no staff forms).
pub async fn own(db: &Db, city_id: i64, lang: Lang) -> Result<(MemberCity, CityDues), DuesError> {
    db.read(move |conn| {
        let city = crate::membership::cities::find(conn, city_id)?.ok_or(DuesError::NotFound)?;
        let dues = city_section(conn, &city, &lang, false)?;
        Ok((city, dues))
    })
    .await
}
