//! Receipts: numbers sequential within each fiscal year ("2026-0001"), the
//! printable receipt page (for staff, and for the city that paid), and the
//! receipt emailed to the city when asked.

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::emails;
use super::fiscal::FiscalYear;
use super::ledger::{self, CityLedger, Recorder};
use super::models::{EntryKind, LedgerEntry};
use super::settings::{self as dues_settings, DuesSettings};
use crate::db::{DbConn, DbResult};
use crate::i18n::Lang;
use crate::mail;
use crate::membership::countries;
use crate::membership::models::MemberCity;
use crate::schema::{dues_entries, dues_years};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, SignedIn, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(staff_receipt)
        .service(city_receipt)
        .service(email_receipt);
}

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

/// Everything a receipt shows, already in the reader's language.
pub struct Receipt {
    pub entry: LedgerEntry,
    pub number: String,
    pub city: MemberCity,
    pub country: String,
    pub amount: String,
    /// For a payment in another currency: the rate and the yen equivalent.
    pub conversion: Option<(String, String)>,
    pub years: Vec<ReceiptYear>,
    /// Set when the payment was cancelled by a reversal: its date.
    pub reversed_on: Option<String>,
}

pub struct ReceiptYear {
    pub label: String,
    pub period: String,
    pub amount: String,
}

/// The receipt of a payment entry; `None` for a missing entry or one that is
/// not a payment (waivers and reversals have no receipt).
pub fn load(
    conn: &mut DbConn,
    entry_id: i64,
    lang: &Lang,
) -> DbResult<Option<(Receipt, DuesSettings)>> {
    let settings = dues_settings::load(conn)?;
    let Some(entry) = ledger::find_entry(conn, entry_id)? else {
        return Ok(None);
    };
    let (EntryKind::Payment, Some(number)) = (entry.kind, entry.receipt_number.clone()) else {
        return Ok(None);
    };
    let Some(city) = crate::membership::cities::find(conn, entry.city_id)? else {
        return Ok(None);
    };
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
    Ok(Some((
        Receipt {
            number,
            country,
            amount: lang.money(money.minor_units, money.currency.code()),
            conversion,
            years,
            reversed_on: reversal.map(|r| lang.date(r.received_on)),
            entry,
            city,
        },
        settings,
    )))
}

#[derive(Template)]
#[template(path = "dues/receipt.html")]
struct ReceiptPage {
    ctx: PageCtx,
    receipt: Receipt,
    received_on: String,
    staff_view: bool,
    /// A fresh token per page view: sending the form twice (a double click)
    /// sends one email, while asking again from a new view sends another.
    request_id: String,
}

async fn receipt_page(
    ctx: PageCtx,
    state: &AppState,
    entry_id: i64,
    staff_view: bool,
    city_id: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let (receipt, _) = state
        .db
        .run(move |conn| load(conn, entry_id, &lang))
        .await?
        .ok_or(AppError::NotFound)?;
    if city_id.is_some_and(|own| own != receipt.city.id) {
        return Err(AppError::NotFound);
    }
    render(&ReceiptPage {
        received_on: ctx.date(receipt.entry.received_on),
        ctx,
        receipt,
        staff_view,
        request_id: crate::domain::random::random_hex(12),
    })
}

#[get("/staff/dues/receipts/{id}")]
async fn staff_receipt(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    receipt_page(staff.ctx, &state, id.into_inner(), true, None).await
}

/// A city sees the receipts of its own payments only.
#[get("/city/dues/receipts/{id}")]
async fn city_receipt(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    receipt_page(signed_in.ctx, &state, id.into_inner(), false, Some(city_id)).await
}

#[derive(Deserialize)]
struct EmailForm {
    request_id: String,
}

/// The request token from the page: hex only, so it is safe in an idempotency key.
fn parse_request_id(text: &str) -> Option<&str> {
    let text = text.trim();
    ((16..=64).contains(&text.len()) && text.chars().all(|c| c.is_ascii_hexdigit())).then_some(text)
}

/// Emails the receipt to the city's contact address, in the city's language.
#[post("/staff/dues/receipts/{id}/email")]
async fn email_receipt(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let entry_id = id.into_inner();
    let request_id = parse_request_id(&form.request_id)
        .ok_or(AppError::BadRequest("error-bad-form"))?
        .to_string();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let sent_to = state
        .db
        .write(move |conn| {
            let city_lang = match ledger::find_entry(conn, entry_id)? {
                Some(entry) => crate::membership::cities::find(conn, entry.city_id)?
                    .map(|city| city.lang())
                    .unwrap_or_default(),
                None => return Ok(None),
            };
            let Some((receipt, _)) = load(conn, entry_id, &city_lang)? else {
                return Ok(None);
            };
            let Some(email) = emails::receipt(&receipt, &base_url) else {
                return Ok(Some(None));
            };
            let outbox_id = mail::enqueue(
                conn,
                &format!("dues-receipt-{entry_id}-{request_id}"),
                &email,
                Some(mail::Reference::new("dues_receipt", entry_id)),
            )?;
            let by = Recorder { actor: &actor, ip };
            by.audit(
                conn,
                "dues.receipt_email",
                entry_id,
                format!(
                    "receipt {} emailed to {} (outbox {outbox_id})",
                    receipt.number, email.to
                ),
            )?;
            Ok(Some(Some(email.to.to_string())))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    match sent_to {
        Some(address) => flash::push(
            &session,
            Level::Success,
            staff.ctx.t1("dues-receipt-emailed", "email", address),
        ),
        None => flash::push(&session, Level::Error, staff.ctx.t("dues-receipt-no-email")),
    }
    Ok(see_other(&format!("/staff/dues/receipts/{entry_id}")))
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
