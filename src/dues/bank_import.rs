//! Bulk entry from a bank statement: staff upload a CSV file (date, amount,
//! currency, reference or description), each row is matched to a city by the
//! member number in its text, by a reference the city used before, or by its
//! name; staff review the matches and post the rows they choose. Rows that
//! match no city, or cannot be read, stay listed with the reason.

use std::collections::{HashMap, HashSet};

use actix_multipart::form::{bytes::Bytes as Upload, MultipartForm};
use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::fiscal::parse_years;
use super::forms::{optional_line, parse_member_number, MAX_REFERENCE_CHARS};
use super::ledger::{self, NewPayment, ReceivedAmount, Recorder};
use super::models::{BankImport, EntryKind, ImportRow, PaymentMethod};
use super::settings::{self as dues_settings, DuesSettings};
use crate::audit;
use crate::db::{DbConn, DbResult};
use crate::domain::{Currency, ExchangeRate, Money};
use crate::i18n::Lang;
use crate::membership::{cities, names};
use crate::schema::{dues_entries, dues_import_rows, dues_imports, member_cities};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(import_page)
        .service(upload_statement)
        .service(review_page)
        .service(post_rows);
}

/// A statement of a few thousand transfers is already a large one.
const MAX_ROWS: usize = 5_000;
const MAX_DESCRIPTION_CHARS: usize = 500;
/// Names shorter than this ("Ur") would match inside ordinary words.
const MIN_NAME_KEY_CHARS: usize = 3;

// ------------------------------------------------------------ reading the file

/// One row of the statement, read or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    pub line_number: i32,
    pub description: String,
    pub reading: Result<Transfer, &'static str>,
}

/// A transfer read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub received_on: NaiveDate,
    pub money: Money,
}

/// Why a whole file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRefused(pub &'static str);

fn parse_date(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
}

/// Control characters become spaces; the text is cut to `max_chars`.
fn clean_text(text: &str, max_chars: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_row(fields: &[&str]) -> Result<Transfer, &'static str> {
    let [date, amount, currency, ..] = fields else {
        return Err("dues-import-problem-columns");
    };
    let received_on = parse_date(date).ok_or("dues-import-problem-date")?;
    let currency = Currency::parse(currency).map_err(|_| "dues-import-problem-currency")?;
    let money = Money::parse(amount, currency).map_err(|_| "dues-import-problem-amount")?;
    Ok(Transfer { received_on, money })
}

/// Reads a CSV statement (UTF-8, or a bank's Shift_JIS: see
/// `decode_spreadsheet`). A first row whose date cannot be read is taken as a
/// header and skipped; fields after the currency form the description.
pub fn read_statement(bytes: &[u8]) -> Result<Vec<StatementRow>, FileRefused> {
    let text =
        crate::domain::decode_spreadsheet(bytes).ok_or(FileRefused("dues-import-not-text"))?;
    let text = text.as_ref();
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.contains('\t') && !l.contains(','))
    {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| FileRefused("dues-import-unreadable"))?;
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if index == 0 && fields.first().and_then(|f| parse_date(f)).is_none() {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(FileRefused("dues-import-too-many-rows"));
        }
        let description = fields
            .get(3..)
            .map(|rest| rest.join(" "))
            .unwrap_or_default();
        rows.push(StatementRow {
            line_number: i32::try_from(index + 1).unwrap_or(i32::MAX),
            description: clean_text(&description, MAX_DESCRIPTION_CHARS),
            reading: read_row(&fields),
        });
    }
    if rows.is_empty() {
        return Err(FileRefused("dues-import-empty"));
    }
    Ok(rows)
}

// ------------------------------------------------------------ matching

/// How a row was matched to a city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    MemberNumber,
    Reference,
    Name,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::MemberNumber => "member_number",
            MatchedBy::Reference => "reference",
            MatchedBy::Name => "name",
        }
    }

    pub fn label_key(text: &str) -> &'static str {
        match text {
            "member_number" => "dues-import-matched-number",
            "reference" => "dues-import-matched-reference",
            "name" => "dues-import-matched-name",
            _ => "dues-import-matched-staff",
        }
    }
}

/// Finds the city a bank text speaks of.
pub struct Matcher {
    by_number: HashMap<i32, i64>,
    /// Folded references of earlier payments, when only one city used them.
    by_reference: HashMap<String, Option<i64>>,
    /// City names as word lists, indexed by their first word.
    by_first_word: HashMap<String, Vec<(Vec<String>, i64)>>,
}

fn words(text: &str) -> Vec<String> {
    names::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Matcher {
    pub fn new(cities: &[(i64, i32, String)], references: &[(String, i64)]) -> Matcher {
        let mut by_first_word: HashMap<String, Vec<(Vec<String>, i64)>> = HashMap::new();
        for (id, _, name) in cities {
            let key = names::duplicate_key(name);
            let key_words: Vec<String> = key.split(' ').map(str::to_string).collect();
            if key.chars().count() < MIN_NAME_KEY_CHARS {
                continue;
            }
            if let Some(first) = key_words.first().cloned() {
                by_first_word
                    .entry(first)
                    .or_default()
                    .push((key_words, *id));
            }
        }
        let mut by_reference: HashMap<String, Option<i64>> = HashMap::new();
        for (reference, city_id) in references {
            let key = words(reference).join(" ");
            if key.is_empty() {
                continue;
            }
            let entry = by_reference.entry(key).or_insert(Some(*city_id));
            if *entry != Some(*city_id) {
                *entry = None;
            }
        }
        Matcher {
            by_number: cities
                .iter()
                .map(|(id, number, _)| (*number, *id))
                .collect(),
            by_reference,
            by_first_word,
        }
    }

    pub fn load(conn: &mut DbConn) -> DbResult<Matcher> {
        let cities: Vec<(i64, i32, String)> = member_cities::table
            .select((
                member_cities::id,
                member_cities::member_number,
                member_cities::name_latin,
            ))
            .load(conn)?;
        let references: Vec<(String, i64)> = dues_entries::table
            .filter(dues_entries::kind.eq(EntryKind::Payment.as_str()))
            .filter(dues_entries::reference.is_not_null())
            .select((
                dues_entries::reference.assume_not_null(),
                dues_entries::city_id,
            ))
            .load(conn)?;
        Ok(Matcher::new(&cities, &references))
    }

    /// The city of `text`, when exactly one fits: first a member number as
    /// printed (five digits, "00042"), then a reference the city used before,
    /// then the city's name among the words.
    pub fn find(&self, text: &str) -> Option<(i64, MatchedBy)> {
        self.by_member_number(text)
            .map(|id| (id, MatchedBy::MemberNumber))
            .or_else(|| self.by_reference(text).map(|id| (id, MatchedBy::Reference)))
            .or_else(|| self.by_name(text).map(|id| (id, MatchedBy::Name)))
    }

    fn by_member_number(&self, text: &str) -> Option<i64> {
        let found: HashSet<i64> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|token| token.len() == 5)
            .filter_map(|token| token.parse::<i32>().ok())
            .filter_map(|number| self.by_number.get(&number).copied())
            .collect();
        single(found)
    }

    fn by_reference(&self, text: &str) -> Option<i64> {
        self.by_reference
            .get(&words(text).join(" "))
            .copied()
            .flatten()
    }

    fn by_name(&self, text: &str) -> Option<i64> {
        let text_words = words(text);
        let mut found = HashSet::new();
        for (start, word) in text_words.iter().enumerate() {
            for (key_words, city_id) in self.by_first_word.get(word).into_iter().flatten() {
                if text_words[start..].starts_with(key_words) {
                    found.insert(*city_id);
                }
            }
        }
        single(found)
    }
}

fn single(found: HashSet<i64>) -> Option<i64> {
    let mut ids = found.into_iter();
    match (ids.next(), ids.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    }
}

// ------------------------------------------------------------ storing and posting

/// Stores the rows of an uploaded statement with their matches; returns the import's id.
pub fn store(
    conn: &mut DbConn,
    file_name: &str,
    rows: &[StatementRow],
    recorder: &Recorder<'_>,
) -> DbResult<i64> {
    let matcher = Matcher::load(conn)?;
    let import_id: i64 = diesel::insert_into(dues_imports::table)
        .values((
            dues_imports::file_name.eq(file_name),
            dues_imports::row_count.eq(i32::try_from(rows.len()).unwrap_or(i32::MAX)),
            dues_imports::uploaded_by.eq(Some(recorder.actor.id)),
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
    audit::record_entry(
        conn,
        audit::Entry {
            actor: Some(recorder.actor),
            action: "dues.import",
            entity_type: "dues_import",
            entity_id: Some(import_id.to_string()),
            summary: format!(
                "{file_name}: {} rows, {matched} matched to a city",
                rows.len()
            ),
            ip: recorder.ip.clone(),
        },
    )?;
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
) -> DbResult<Result<NewPayment, &'static str>> {
    let (Some(received_on), Some(money)) = (row.received_on, row.money()) else {
        return Ok(Err(row
            .problem
            .as_deref()
            .map_or("dues-import-problem-amount", problem_key)));
    };
    let Ok(number) = parse_member_number(&choice.member_number) else {
        return Ok(Err("dues-import-choose-city"));
    };
    let Some(city) = cities::find_by_number(conn, number)? else {
        return Ok(Err("error-member-number-unknown"));
    };
    let Ok(years) = parse_years(&choice.years) else {
        return Ok(Err("error-fiscal-years-invalid"));
    };
    let rate = if money.currency.is_yen() {
        None
    } else {
        match ExchangeRate::parse(&choice.rate) {
            Ok(rate) => Some(rate),
            Err(_) => return Ok(Err("error-rate-required")),
        }
    };
    let Ok(amount) = ReceivedAmount::new(money, rate) else {
        return Ok(Err("error-rate-required"));
    };
    Ok(Ok(NewPayment {
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
    }))
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
    recorder: &Recorder<'_>,
) -> DbResult<Posted> {
    let mut posted = Posted::default();
    for (row_id, choice) in choices {
        let Some(row) = find_row(conn, import_id, *row_id)? else {
            continue;
        };
        let payment = match payment_for(conn, &row, choice)? {
            Ok(payment) => payment,
            Err(reason) => {
                posted.refused.push((row.line_number, reason));
                continue;
            }
        };
        if !claim_row(conn, row.id)? {
            continue;
        }
        let recorded = ledger::record_payment(conn, &payment, settings, recorder)?;
        diesel::update(dues_import_rows::table.find(row.id))
            .set((
                dues_import_rows::entry_id.eq(Some(recorded.entry_id)),
                dues_import_rows::city_id.eq(Some(payment.city_id)),
            ))
            .execute(conn)?;
        posted.receipts.push(recorded.receipt_number.to_string());
    }
    if !posted.receipts.is_empty() {
        audit::record_entry(
            conn,
            audit::Entry {
                actor: Some(recorder.actor),
                action: "dues.import_post",
                entity_type: "dues_import",
                entity_id: Some(import_id.to_string()),
                summary: format!(
                    "{} rows posted, receipts {}",
                    posted.receipts.len(),
                    posted.receipts.join(", ")
                ),
                ip: recorder.ip.clone(),
            },
        )?;
    }
    Ok(posted)
}

// ------------------------------------------------------------ pages

/// An import in the list of recent ones.
struct ImportLine {
    import: BankImport,
    posted: i64,
    /// Readable rows still waiting for a city.
    unmatched: i64,
}

#[derive(Template)]
#[template(path = "dues/import.html")]
struct ImportPage {
    ctx: PageCtx,
    imports: Vec<ImportLine>,
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

#[get("/staff/dues/import")]
async fn import_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let imports = state.db.run(recent_imports).await?;
    render(&ImportPage {
        ctx: staff.ctx,
        imports,
    })
}

#[derive(MultipartForm)]
struct StatementUpload {
    #[multipart(limit = "2MB")]
    statement: Option<Upload>,
}

#[post("/staff/dues/import")]
async fn upload_statement(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    upload: MultipartForm<StatementUpload>,
) -> Result<HttpResponse, AppError> {
    let Some(file) = upload.into_inner().statement else {
        flash::push(&session, Level::Error, staff.ctx.t("dues-import-no-file"));
        return Ok(see_other("/staff/dues/import"));
    };
    let file_name = clean_text(file.file_name.as_deref().unwrap_or("statement.csv"), 200);
    let rows = match read_statement(&file.data) {
        Ok(rows) => rows,
        Err(FileRefused(key)) => {
            flash::push(&session, Level::Error, staff.ctx.t(key));
            return Ok(see_other("/staff/dues/import"));
        }
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let import_id = state
        .db
        .write(move |conn| store(conn, &file_name, &rows, &Recorder { actor: &actor, ip }))
        .await?;
    Ok(see_other(&format!("/staff/dues/import/{import_id}")))
}

/// A row as the review page shows it.
struct RowView {
    row: ImportRow,
    date: String,
    amount: String,
    member_number: String,
    city_name: Option<String>,
    matched_by_key: Option<&'static str>,
    years: String,
    needs_rate: bool,
    /// A payment with the same city, date and amount is in the ledger already.
    possible_duplicate: bool,
    receipt: Option<(i64, String)>,
    ticked: bool,
}

#[derive(Template)]
#[template(path = "dues/import_review.html")]
struct ReviewPage {
    ctx: PageCtx,
    import: BankImport,
    rows: Vec<RowView>,
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

#[get("/staff/dues/import/{id}")]
async fn review_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let import_id = id.into_inner();
    let lang = staff.ctx.lang;
    let (import, rows) = state
        .db
        .run(move |conn| {
            let Some(import) = dues_imports::table
                .find(import_id)
                .select(BankImport::as_select())
                .first(conn)
                .optional()?
            else {
                return Ok(None);
            };
            let settings = dues_settings::load(conn)?;
            let rows: Vec<ImportRow> = dues_import_rows::table
                .filter(dues_import_rows::import_id.eq(import_id))
                .order(dues_import_rows::line_number.asc())
                .select(ImportRow::as_select())
                .load(conn)?;
            Ok(Some((import, row_views(conn, rows, &settings, &lang)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    render(&ReviewPage {
        ctx: staff.ctx,
        import,
        rows,
    })
}

#[post("/staff/dues/import/{id}/post")]
async fn post_rows(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let import_id = id.into_inner();
    let choices = chosen_rows(&form);
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let posted = state
        .db
        .write(move |conn| {
            let settings = dues_settings::load(conn)?;
            post(
                conn,
                import_id,
                &choices,
                &settings,
                &Recorder { actor: &actor, ip },
            )
        })
        .await?;
    let ctx = &staff.ctx;
    if !posted.receipts.is_empty() {
        let count = i64::try_from(posted.receipts.len()).unwrap_or(i64::MAX);
        let message = super::counted(&ctx.lang, "dues-import-posted", count);
        flash::push(&session, Level::Success, message);
    }
    for (line, reason) in posted.refused {
        flash::push(
            &session,
            Level::Error,
            ctx.t2(
                "dues-import-line-refused",
                "line",
                line,
                "reason",
                ctx.t(reason),
            ),
        );
    }
    Ok(see_other(&format!("/staff/dues/import/{import_id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_keeps_those_it_cannot_read() {
        let csv = "date,amount,currency,description\n\
                   2026-05-10,\"2,000\",JPY,MEMBER 00001 YPRES\n\
                   2026/06/01,15.50,USD,STADT HANNOVER, PEACE\n\
                   yesterday,2000,JPY,???\n\
                   2026-06-02,-500,JPY,FEE\n";
        let rows = read_statement(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 4, "the header is skipped");
        assert_eq!(rows[0].line_number, 2);
        assert_eq!(rows[0].reading.as_ref().unwrap().money, Money::jpy(2000));
        assert_eq!(rows[1].description, "STADT HANNOVER PEACE");
        assert_eq!(rows[1].reading.as_ref().unwrap().money.minor_units, 1550);
        assert_eq!(rows[2].reading, Err("dues-import-problem-date"));
        assert_eq!(rows[3].reading, Err("dues-import-problem-amount"));
        assert_eq!(
            read_statement(b"%PDF-1.7\n\x00\xff\xfe\x81 binary"),
            Err(FileRefused("dues-import-not-text"))
        );
        let (shift_jis, _, _) =
            encoding_rs::SHIFT_JIS.encode("2026-05-10,2000,JPY,ヒロシマシ ヘイワスイシン\n");
        let rows = read_statement(&shift_jis).unwrap();
        assert_eq!(
            rows[0].description, "ヒロシマシ ヘイワスイシン",
            "a Japanese bank's file"
        );
        assert_eq!(
            read_statement(b"date,amount\n"),
            Err(FileRefused("dues-import-empty"))
        );
    }

    fn matcher() -> Matcher {
        Matcher::new(
            &[
                (1, 1, "Ypres".into()),
                (2, 2, "Hannover".into()),
                (3, 3, "Des Moines".into()),
                (4, 4, "Hanover Park".into()),
            ],
            &[("CITY TREASURY 4471".into(), 2)],
        )
    }

    #[test]
    fn matches_by_member_number_reference_or_name() {
        let m = matcher();
        assert_eq!(
            m.find("DUES 00003 FY2026"),
            Some((3, MatchedBy::MemberNumber))
        );
        assert_eq!(
            m.find("City Treasury 4471"),
            Some((2, MatchedBy::Reference))
        );
        assert_eq!(m.find("STADT HANNOVER FRIEDEN"), Some((2, MatchedBy::Name)));
        assert_eq!(m.find("des moines iowa"), Some((3, MatchedBy::Name)));
        assert_eq!(m.find("Ville d'Ypres"), Some((1, MatchedBy::Name)));
        assert_eq!(m.find("2000 JPY"), None, "an amount is not a member number");
        assert_eq!(m.find("HANOVER PARK AND HANNOVER"), None, "ambiguous");
        assert_eq!(m.find("unknown payer"), None);
    }

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
