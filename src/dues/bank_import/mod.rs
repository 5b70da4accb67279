//! Bulk entry from a bank statement: staff upload a CSV file (date, amount,
//! currency, reference or description), each row is matched to a city by the
//! member number in its text, by a reference the city used before, or by its
//! name; staff review the matches and post the rows they choose. Rows that
//! match no city, or cannot be read, stay listed with the reason.

mod matching;
mod statement;

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::error::DuesError;
use super::fiscal::parse_years;
use super::forms::{optional_line, parse_member_number, MAX_REFERENCE_CHARS};
use super::ledger::{self, NewPayment, ReceivedAmount};
use super::models::{BankImport, EntryKind, ImportRow, PaymentMethod};
use super::settings::{self as dues_settings, DuesSettings};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{ExchangeRate, Money};
use crate::i18n::Lang;
use crate::membership::cities;
use crate::schema::{dues_entries, dues_import_rows, dues_imports, member_cities};

pub use matching::{MatchedBy, Matcher};
pub use statement::{clean_text, read_statement, FileRefused, StatementRow, Transfer};

// ------------------------------------------------------------ storing and posting

/// Stores the rows of an uploaded statement with their matches; returns the import's id.
pub fn store(
    conn: &mut DbConn,
    file_name: &str,
    rows: &[StatementRow],
    actor: &Actor,
) -> DbResult<i64> {
    let matcher = Matcher::load(conn)?;
    let import_id: i64 = diesel::insert_into(dues_imports::table)
        .values((
            dues_imports::file_name.eq(file_name),
            dues_imports::row_count.eq(i32::try_from(rows.len()).unwrap_or(i32::MAX)),
            dues_imports::uploaded_by.eq(actor.user_id),
            dues_imports::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(dues_imports::id)
        .get_result(conn)?;
    let mut matched = 0;
    for row in rows {
        let transfer = row.reading.as_ref().ok();
        let found = transfer.and(matcher.find(&row.description));
        matched += usize::from(found.is_some());
        diesel::insert_into(dues_import_rows::table)
            .values((
                dues_import_rows::import_id.eq(import_id),
                dues_import_rows::line_number.eq(row.line_number),
                dues_import_rows::received_on.eq(transfer.map(|t| t.received_on)),
                dues_import_rows::amount_minor.eq(transfer.map(|t| t.money.minor_units)),
                dues_import_rows::currency.eq(transfer.map(|t| t.money.currency.code())),
                dues_import_rows::description.eq(&row.description),
                dues_import_rows::problem.eq(row.reading.as_ref().err().copied()),
                dues_import_rows::city_id.eq(found.map(|(id, _)| id)),
                dues_import_rows::matched_by.eq(found.map(|(_, by)| by.as_str())),
            ))
            .execute(conn)?;
    }
    let summary = format!(
        "{file_name}: {} rows, {matched} matched to a city",
        rows.len()
    );
    audit::record(conn, actor, Action::DuesImport, import_id, summary)?;
    Ok(import_id)
}

/// What staff chose for one row on the review page.
#[derive(Debug, Clone, Default)]
pub struct RowChoice {
    pub member_number: String,
    pub years: String,
    pub rate: String,
}

/// The chosen rows of the review form: `post=<row id>` for each ticked row,
/// and `number_<id>`, `years_<id>`, `rate_<id>` beside it.
pub fn chosen_rows(fields: &[(String, String)]) -> Vec<(i64, RowChoice)> {
    let value = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "post")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            (
                id,
                RowChoice {
                    member_number: value(format!("number_{id}")),
                    years: value(format!("years_{id}")),
                    rate: value(format!("rate_{id}")),
                },
            )
        })
        .collect()
}

/// The outcome of posting: receipts given, and lines left with their reason.
#[derive(Debug, Default)]
pub struct Posted {
    pub receipts: Vec<String>,
    pub refused: Vec<(i32, &'static str)>,
}

fn find_row(conn: &mut DbConn, import_id: i64, row_id: i64) -> DbResult<Option<ImportRow>> {
    Ok(dues_import_rows::table
        .filter(dues_import_rows::id.eq(row_id))
        .filter(dues_import_rows::import_id.eq(import_id))
        .select(ImportRow::as_select())
        .first(conn)
        .optional()?)
}

/// Claims a row for posting: only one posting of it can succeed, even when two
/// people post the same statement at once (the second waits for the first's
/// row lock on PostgreSQL, then finds the row taken).
fn claim_row(conn: &mut DbConn, row_id: i64) -> DbResult<bool> {
    let claimed = diesel::update(
        dues_import_rows::table
            .filter(dues_import_rows::id.eq(row_id))
            .filter(dues_import_rows::posted_at.is_null()),
    )
    .set(dues_import_rows::posted_at.eq(Some(crate::domain::clock::now())))
    .execute(conn)?;
    Ok(claimed == 1)
}

/// A payment for one row, or the reason it cannot be posted.
fn payment_for(
    conn: &mut DbConn,
    row: &ImportRow,
    choice: &RowChoice,
) -> Result<NewPayment, DuesError> {
    let (Some(received_on), Some(money)) = (row.received_on, row.money()) else {
        let problem = row.problem.as_deref();
        return Err(DuesError::Refused(
            problem.map_or("dues-import-problem-amount", problem_key),
        ));
    };
    let Ok(number) = parse_member_number(&choice.member_number) else {
        return Err(DuesError::Refused("dues-import-choose-city"));
    };
    let Some(city) = cities::find_by_number(conn, number)? else {
        return Err(DuesError::Refused("error-member-number-unknown"));
    };
    let Ok(years) = parse_years(&choice.years) else {
        return Err(DuesError::Refused("error-fiscal-years-invalid"));
    };
    let rate = if money.currency.is_yen() {
        None
    } else {
        match ExchangeRate::parse(&choice.rate) {
            Ok(rate) => Some(rate),
            Err(_) => return Err(DuesError::Refused("error-rate-required")),
        }
    };
    let Ok(amount) = ReceivedAmount::new(money, rate) else {
        return Err(DuesError::Refused("error-rate-required"));
    };
    Ok(NewPayment {
        city_id: city.id,
        received_on,
        amount,
        method: PaymentMethod::BankTransfer,
        reference: optional_line(
            &clean_text(&row.description, MAX_REFERENCE_CHARS),
            MAX_REFERENCE_CHARS,
        )
        .ok()
        .flatten(),
        note: None,
        years,
    })
}

/// A stored problem's message key, as one of the keys this module writes.
fn problem_key(stored: &str) -> &'static str {
    [
        "dues-import-problem-columns",
        "dues-import-problem-date",
        "dues-import-problem-currency",
        "dues-import-problem-amount",
    ]
    .into_iter()
    .find(|key| *key == stored)
    .unwrap_or("dues-import-problem-amount")
}

/// Posts the chosen rows as payments, each with its receipt, in the caller's
/// write transaction. Rows already posted are skipped.
pub fn post(
    conn: &mut DbConn,
    import_id: i64,
    choices: &[(i64, RowChoice)],
    settings: &DuesSettings,
    actor: &Actor,
) -> Result<Posted, DuesError> {
    let mut posted = Posted::default();
    for (row_id, choice) in choices {
        let Some(row) = find_row(conn, import_id, *row_id)? else {
            continue;
        };
        let payment = match payment_for(conn, &row, choice) {
            Ok(payment) => payment,
            Err(DuesError::Refused(reason)) => {
                posted.refused.push((row.line_number, reason));
                continue;
            }
            Err(other) => return Err(other),
        };
        if !claim_row(conn, row.id)? {
            continue;
        }
        let recorded = ledger::record_payment(conn, &payment, settings, actor)?;
        diesel::update(dues_import_rows::table.find(row.id))
            .set((
                dues_import_rows::entry_id.eq(Some(recorded.entry_id)),
                dues_import_rows::city_id.eq(Some(payment.city_id)),
            ))
            .execute(conn)?;
        posted.receipts.push(recorded.receipt_number.to_string());
    }
    if !posted.receipts.is_empty() {
        let summary = format!(
            "{} rows posted, receipts {}",
            posted.receipts.len(),
            posted.receipts.join(", ")
        );
        audit::record(conn, actor, Action::DuesImportPost, import_id, summary)?;
    }
    Ok(posted)
}

// ------------------------------------------------------------ review

/// An import in the list of recent ones.
pub struct ImportLine {
    pub import: BankImport,
    pub posted: i64,
    /// Readable rows still waiting for a city.
    pub unmatched: i64,
}

const RECENT_IMPORTS: i64 = 20;

fn recent_imports(conn: &mut DbConn) -> DbResult<Vec<ImportLine>> {
    let imports: Vec<BankImport> = dues_imports::table
        .order(dues_imports::id.desc())
        .limit(RECENT_IMPORTS)
        .select(BankImport::as_select())
        .load(conn)?;
    let ids: Vec<i64> = imports.iter().map(|i| i.id).collect();
    let of_these = dues_import_rows::import_id.eq_any(&ids);
    let posted: HashMap<i64, i64> = dues_import_rows::table
        .filter(of_these.clone())
        .filter(dues_import_rows::posted_at.is_not_null())
        .group_by(dues_import_rows::import_id)
        .select((dues_import_rows::import_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let unmatched: HashMap<i64, i64> = dues_import_rows::table
        .filter(of_these)
        .filter(dues_import_rows::posted_at.is_null())
        .filter(dues_import_rows::city_id.is_null())
        .filter(dues_import_rows::problem.is_null())
        .group_by(dues_import_rows::import_id)
        .select((dues_import_rows::import_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(imports
        .into_iter()
        .map(|import| ImportLine {
            posted: posted.get(&import.id).copied().unwrap_or(0),
            unmatched: unmatched.get(&import.id).copied().unwrap_or(0),
            import,
        })
        .collect())
}

/// A row as the review page shows it.
pub struct RowView {
    pub row: ImportRow,
    pub date: String,
    pub amount: String,
    pub member_number: String,
    pub city_name: Option<String>,
    pub matched_by_key: Option<&'static str>,
    pub years: String,
    pub needs_rate: bool,
    /// A payment with the same city, date and amount is in the ledger already.
    pub possible_duplicate: bool,
    pub receipt: Option<(i64, String)>,
    pub ticked: bool,
}

fn row_views(
    conn: &mut DbConn,
    rows: Vec<ImportRow>,
    settings: &DuesSettings,
    lang: &Lang,
) -> DbResult<Vec<RowView>> {
    let cities: HashMap<i64, (String, String)> = member_cities::table
        .filter(member_cities::id.eq_any(rows.iter().filter_map(|r| r.city_id).collect::<Vec<_>>()))
        .select((
            member_cities::id,
            member_cities::member_number,
            member_cities::name_latin,
        ))
        .load::<(i64, i32, String)>(conn)?
        .into_iter()
        .map(|(id, number, name)| (id, (format!("{number:05}"), name)))
        .collect();
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let city = row.city_id.and_then(|id| cities.get(&id));
        let receipt = match row.entry_id {
            Some(entry_id) => ledger::find_entry(conn, entry_id)?
                .and_then(|e| e.receipt_number.map(|n| (entry_id, n))),
            None => None,
        };
        let possible_duplicate = match (row.city_id, row.received_on, row.money(), &receipt) {
            (Some(city_id), Some(on), Some(money), None) => {
                already_recorded(conn, city_id, on, money)?
            }
            _ => false,
        };
        let money = row.money();
        views.push(RowView {
            date: row.received_on.map(|d| lang.date(d)).unwrap_or_default(),
            amount: money
                .map(|m| lang.money(m.minor_units, m.currency.code()))
                .unwrap_or_default(),
            member_number: city.map(|(n, _)| n.clone()).unwrap_or_default(),
            city_name: city.map(|(_, name)| name.clone()),
            matched_by_key: row.matched_by.as_deref().map(MatchedBy::label_key),
            years: row
                .received_on
                .map(|d| settings.calendar.year_of(d).to_string())
                .unwrap_or_default(),
            needs_rate: money.is_some_and(|m| !m.currency.is_yen()),
            ticked: city.is_some()
                && row.problem.is_none()
                && !row.is_posted()
                && !possible_duplicate,
            possible_duplicate,
            receipt,
            row,
        });
    }
    Ok(views)
}

fn already_recorded(
    conn: &mut DbConn,
    city_id: i64,
    on: NaiveDate,
    money: Money,
) -> DbResult<bool> {
    let found: i64 = dues_entries::table
        .filter(dues_entries::city_id.eq(city_id))
        .filter(dues_entries::kind.eq(EntryKind::Payment.as_str()))
        .filter(dues_entries::received_on.eq(on))
        .filter(dues_entries::amount_minor.eq(money.minor_units))
        .filter(dues_entries::currency.eq(money.currency.code()))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

// ------------------------------------------------------------ operations

/// The latest statements, with what became of their rows.
pub async fn recent(db: &Db) -> Result<Vec<ImportLine>, DuesError> {
    db.read(|conn| Ok(recent_imports(conn)?)).await
}

/// A statement read and stored: its id and its number of rows.
pub struct Stored {
    pub import_id: i64,
    pub rows: usize,
}

/// Reads an uploaded statement and stores its rows with their matches (a
/// file that cannot be read is refused with the reason).
pub async fn upload(
    db: &Db,
    actor: &Actor,
    file_name: Option<&str>,
    bytes: &[u8],
) -> Result<Stored, DuesError> {
    let file_name = clean_text(file_name.unwrap_or("statement.csv"), 200);
    let rows = read_statement(bytes).map_err(|FileRefused(key)| DuesError::Refused(key))?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let import_id = store(conn, &file_name, &rows, &actor)?;
        Ok(Stored {
            import_id,
            rows: rows.len(),
        })
    })
    .await
}

/// An import and its rows as the review page shows them, in `lang`.
pub async fn review(
    db: &Db,
    import_id: i64,
    lang: Lang,
) -> Result<(BankImport, Vec<RowView>), DuesError> {
    db.read(move |conn| {
        let import = dues_imports::table
            .find(import_id)
            .select(BankImport::as_select())
            .first(conn)
            .optional()?
            .ok_or(DuesError::NotFound)?;
        let settings = dues_settings::load(conn)?;
        let rows: Vec<ImportRow> = dues_import_rows::table
            .filter(dues_import_rows::import_id.eq(import_id))
            .order(dues_import_rows::line_number.asc())
            .select(ImportRow::as_select())
            .load(conn)?;
        Ok((import, row_views(conn, rows, &settings, &lang)?))
    })
    .await
}

/// Posts the chosen rows as payments, each with its receipt, in one transaction.
pub async fn post_rows(
    db: &Db,
    actor: &Actor,
    import_id: i64,
    choices: Vec<(i64, RowChoice)>,
) -> Result<Posted, DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let settings = dues_settings::load(conn)?;
        post(conn, import_id, &choices, &settings, &actor)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_form_names_its_rows() {
        let fields: Vec<(String, String)> = [
            ("csrf_token", "x"),
            ("post", "7"),
            ("number_7", "00002"),
            ("years_7", "2026"),
            ("rate_7", ""),
            ("number_8", "00003"),
            ("post", "not a number"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let chosen = chosen_rows(&fields);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].0, 7);
        assert_eq!(chosen[0].1.member_number, "00002");
        assert_eq!(chosen[0].1.years, "2026");
    }
}
