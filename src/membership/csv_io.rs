//! The member list as a CSV file: the staff directory's export, and the import
//! of an existing membership list (the secretariat's spreadsheet of the cities
//! that joined before this system).
//!
//! Export and import share one set of columns, so an exported file imports
//! again unchanged. A cell a spreadsheet would run as a formula is written with
//! a leading `'` and read back without it.

use std::collections::{HashMap, HashSet};

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use csv::StringRecord;
use diesel::{QueryDsl, RunQueryDsl};

use super::cities::{self, DirectoryFilter, NewCity};
use super::models::{JoinPrecision, MemberCity, MembershipStatus};
use crate::audit;
use crate::auth::User;
use crate::db::{self, DbConn, DbResult};
use crate::domain::{
    is_latin_script, optional, parse_population, EmailAddress, FieldError, MultiLine, PhoneNumber,
    PlainLine, WebAddress,
};
use crate::i18n::Lang;
use crate::schema::{countries, member_cities};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render_with_status, see_other, AppError, PageCtx, Staff};

/// The largest file the import reads: a list of 8,000 cities with full contact
/// details is about 2 MB.
const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
const MAX_LINE: usize = 200;
/// Member numbers a file may give; the bound keeps the numbers given after
/// the highest far from overflowing.
const MEMBER_NUMBERS: std::ops::RangeInclusive<i32> = 1..=9_999_999;
const MAX_ADDRESS: usize = 500;
const MAX_REASON: usize = 1000;
/// Excel takes a file without it for the local code page and garbles Japanese
/// and Korean names.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Registered before the directory's routes: `/staff/members/{id}` would take
/// `export.csv` and `import` for ids and answer 404.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(export)
        .service(import_form)
        .service(import_upload);
}

// ------------------------------------------------------------ columns

/// The columns of the file, in the order the export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    MemberNumber,
    NameLatin,
    NameNative,
    CountryCode,
    Province,
    MayorName,
    MayorTitle,
    ContactName,
    Email,
    Phone,
    PostalAddress,
    Website,
    Population,
    Language,
    JoinDate,
    JoinPrecision,
    Status,
    WithdrawnOn,
    WithdrawalReason,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::MemberNumber,
        Column::NameLatin,
        Column::NameNative,
        Column::CountryCode,
        Column::Province,
        Column::MayorName,
        Column::MayorTitle,
        Column::ContactName,
        Column::Email,
        Column::Phone,
        Column::PostalAddress,
        Column::Website,
        Column::Population,
        Column::Language,
        Column::JoinDate,
        Column::JoinPrecision,
        Column::Status,
        Column::WithdrawnOn,
        Column::WithdrawalReason,
    ];

    /// The name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Column::MemberNumber => "member_number",
            Column::NameLatin => "name_latin",
            Column::NameNative => "name_native",
            Column::CountryCode => "country_code",
            Column::Province => "province",
            Column::MayorName => "mayor_name",
            Column::MayorTitle => "mayor_title",
            Column::ContactName => "contact_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::PostalAddress => "postal_address",
            Column::Website => "website",
            Column::Population => "population",
            Column::Language => "language",
            Column::JoinDate => "join_date",
            Column::JoinPrecision => "join_precision",
            Column::Status => "status",
            Column::WithdrawnOn => "withdrawn_on",
            Column::WithdrawalReason => "withdrawal_reason",
        }
    }

    fn parse(name: &str) -> Option<Column> {
        let name = name.trim().to_ascii_lowercase();
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// A file without these columns is refused; the others may be left out.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Column::NameLatin | Column::CountryCode | Column::JoinDate
        )
    }
}

// ------------------------------------------------------------ formula injection

/// Excel, LibreOffice and Google Sheets run a cell starting with one of these
/// as a formula (some skip a leading tab or carriage return first).
fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether the export writes the cell with a leading `'`: it would start a
/// formula, or it already looks like a neutralised one (`'=1`), which the import
/// would otherwise strip. The prefixes stack, so every cell reads back as it was.
fn needs_quote_prefix(cell: &str) -> bool {
    starts_formula(cell) || cell.strip_prefix('\'').is_some_and(needs_quote_prefix)
}

/// The cell as the export writes it: `=1+2` becomes `'=1+2`, which spreadsheets
/// show as text.
pub fn neutralise(cell: String) -> String {
    if needs_quote_prefix(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The cell as it was before [`neutralise`]: a leading `'` is dropped only where
/// the export would have added it, so `'s-Hertogenbosch` keeps its apostrophe.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

// ------------------------------------------------------------ join dates

/// A join date as precisely as the records know it, written `2019-07-01`,
/// `2019-07` or `2019`: historical lists often give the month or year only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct JoinDate {
    date: NaiveDate,
    precision: JoinPrecision,
}

impl JoinDate {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `/` may separate too, as Excel
    /// in Japan writes dates (`2019/7/1`).
    fn parse(text: &str) -> Result<JoinDate, FieldError> {
        let invalid = FieldError("import-error-join-date");
        let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
        let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
            (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
                .ok_or(invalid)
        };
        let year = number(parts[0], 4..=4)?;
        let (month, day, precision) = match parts[1..] {
            [] => (1, 1, JoinPrecision::Year),
            [month] => (number(month, 1..=2)?, 1, JoinPrecision::Month),
            [month, day] => (
                number(month, 1..=2)?,
                number(day, 1..=2)?,
                JoinPrecision::Day,
            ),
            _ => return Err(invalid),
        };
        let year = i32::try_from(year).map_err(|_| invalid)?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(|date| JoinDate { date, precision })
            .ok_or(invalid)
    }

    fn of(city: &MemberCity) -> JoinDate {
        JoinDate {
            date: city.join_date,
            precision: city.join_precision,
        }
    }
}

impl std::fmt::Display for JoinDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pattern = match self.precision {
            JoinPrecision::Day => "%Y-%m-%d",
            JoinPrecision::Month => "%Y-%m",
            JoinPrecision::Year => "%Y",
        };
        write!(f, "{}", self.date.format(pattern))
    }
}

/// A full date, for the withdrawal.
fn parse_day(text: &str) -> Result<NaiveDate, FieldError> {
    match JoinDate::parse(text) {
        Ok(JoinDate {
            date,
            precision: JoinPrecision::Day,
        }) => Ok(date),
        _ => Err(FieldError("import-error-date")),
    }
}

// ------------------------------------------------------------ export

/// One cell of a city's row, before neutralising.
fn export_cell(city: &MemberCity, column: Column) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    match column {
        Column::MemberNumber => city.member_number.to_string(),
        Column::NameLatin => city.name_latin.clone(),
        Column::NameNative => text(&city.name_native),
        Column::CountryCode => city.country_code.clone(),
        Column::Province => text(&city.province),
        Column::MayorName => text(&city.mayor_name),
        Column::MayorTitle => text(&city.mayor_title),
        Column::ContactName => text(&city.contact_name),
        Column::Email => text(&city.email),
        Column::Phone => text(&city.phone),
        Column::PostalAddress => text(&city.postal_address),
        Column::Website => text(&city.website),
        Column::Population => city.population.map(|p| p.to_string()).unwrap_or_default(),
        Column::Language => city.language.clone(),
        Column::JoinDate => JoinDate::of(city).to_string(),
        Column::JoinPrecision => city.join_precision.as_str().to_string(),
        Column::Status => city.status.as_str().to_string(),
        Column::WithdrawnOn => city
            .withdrawn_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Column::WithdrawalReason => text(&city.withdrawal_reason),
    }
}

/// The file: a UTF-8 BOM, the header row, one row per city; CRLF line ends as
/// RFC 4180 and Excel expect.
pub fn export_csv(cities: &[MemberCity]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    writer.write_record(Column::ALL.map(Column::name))?;
    for city in cities {
        writer.write_record(Column::ALL.map(|column| neutralise(export_cell(city, column))))?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// Every city the directory's filter matches (all pages), as a download.
#[get("/staff/members/export.csv")]
async fn export(
    staff: Staff,
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let today = crate::domain::clock::today();
    let actor = staff.user.clone();
    let ip = crate::web::client_ip(&req, state.config.behind_proxy);
    // Every member's contact details leave the system: that is worth a record.
    let members = state
        .db
        .write(move |conn| {
            let members = cities::search_all(conn, &filter, false, today)?;
            crate::audit::record_entry(
                conn,
                crate::audit::Entry {
                    actor: Some(&actor),
                    action: "member.export",
                    entity_type: "member_city",
                    entity_id: None,
                    summary: format!(
                        "{} cities exported as CSV ({})",
                        members.len(),
                        filter.query_without_page()
                    ),
                    ip,
                },
            )?;
            Ok(members)
        })
        .await?;
    // Thousands of rows: written off the request threads.
    let body = web::block(move || export_csv(&members))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"members-{today}.csv\""),
        ))
        // Every member's contact details: kept out of shared caches.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

// ------------------------------------------------------------ reading the file

/// What is wrong on one line of the file: the column (none when it is the line
/// as a whole) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub column: Option<String>,
    pub error: FieldError,
}

/// Why a file is not imported.
#[derive(Debug)]
enum Refusal {
    /// Not a file to look into: not UTF-8, empty, or no rows.
    Unreadable(FieldError),
    /// Some lines have problems; `good_rows` others have none.
    Problems {
        problems: Vec<Problem>,
        good_rows: usize,
    },
}

impl Refusal {
    fn header(problems: Vec<Problem>) -> Refusal {
        Refusal::Problems {
            problems,
            good_rows: 0,
        }
    }
}

/// Where each column is in the file's rows.
#[derive(Debug)]
struct Header {
    positions: HashMap<Column, usize>,
    width: usize,
}

impl Header {
    /// Columns are found by name, in any order. Unnamed columns (the empty cells
    /// some spreadsheets add at the end) are ignored; unknown names are refused,
    /// as they are typos more often than not (`e-mail`).
    fn parse(record: &StringRecord, line: u64) -> Result<Header, Vec<Problem>> {
        let mut positions = HashMap::new();
        let mut problems = Vec::new();
        let mut problem = |name: &str, error| {
            problems.push(Problem {
                line,
                column: Some(name.to_string()),
                error,
            })
        };
        for (position, name) in record.iter().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            match Column::parse(name) {
                None => problem(name, FieldError("import-error-unknown-column")),
                Some(column) => {
                    if positions.insert(column, position).is_some() {
                        problem(name, FieldError("import-error-repeated-column"));
                    }
                }
            }
        }
        for column in Column::ALL.into_iter().filter(|c| c.is_required()) {
            if !positions.contains_key(&column) {
                problem(column.name(), FieldError("import-error-missing-column"));
            }
        }
        if problems.is_empty() {
            Ok(Header {
                positions,
                width: record.len(),
            })
        } else {
            Err(problems)
        }
    }
}

/// The file as read: its header and its data lines, before any cell is parsed.
#[derive(Debug)]
struct Sheet {
    header: Header,
    /// Each data line with the number of the line it starts on (header = 1).
    rows: Vec<(u64, StringRecord)>,
    /// Lines that are not rows of this header; reported with the rows' problems.
    unreadable: Vec<Problem>,
}

impl Sheet {
    fn read(bytes: &[u8]) -> Result<Sheet, Refusal> {
        let text = crate::domain::decode_spreadsheet(bytes)
            .ok_or(Refusal::Unreadable(FieldError("import-error-not-text")))?;
        let text = text.as_ref();
        let lines = LineStarts::of(text);
        let line_of = |position: Option<&csv::Position>| {
            lines.line_at(text, position.map_or(0, csv::Position::byte))
        };
        // Flexible: a line with the wrong number of cells is reported, not fatal.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => return Err(Refusal::Unreadable(FieldError("import-error-empty"))),
            Some(Err(error)) => {
                return Err(Refusal::header(vec![unreadable_line(line_of(
                    error.position(),
                ))]))
            }
            Some(Ok(record)) => {
                Header::parse(&record, line_of(record.position())).map_err(Refusal::header)?
            }
        };
        let mut rows = Vec::new();
        let mut unreadable = Vec::new();
        for record in records {
            match record {
                Ok(record) if is_blank(&record) => {}
                Ok(record) if record.len() != header.width => unreadable.push(Problem {
                    line: line_of(record.position()),
                    column: None,
                    error: FieldError("import-error-field-count"),
                }),
                Ok(record) => rows.push((line_of(record.position()), record)),
                Err(error) => unreadable.push(unreadable_line(line_of(error.position()))),
            }
        }
        if rows.is_empty() && unreadable.is_empty() {
            return Err(Refusal::Unreadable(FieldError("import-error-no-rows")));
        }
        Ok(Sheet {
            header,
            rows,
            unreadable,
        })
    }

    /// One cell, trimmed and restored; empty when the file has no such column.
    fn cell<'r>(&self, record: &'r StringRecord, column: Column) -> &'r str {
        self.header
            .positions
            .get(&column)
            .and_then(|&position| record.get(position))
            .map_or("", |cell| restore(cell.trim()))
    }
}

/// Where each line of the text starts, to number lines as a text editor does:
/// csv's own count is one short after CRLF line ends (as Excel writes them)
/// and ignores lone CRs (older Mac files).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(text: &str) -> LineStarts {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// The line (from 1) of the record csv places at `byte`: csv may point at
    /// the line breaks before the record, so those are skipped first.
    fn line_at(&self, text: &str, byte: u64) -> u64 {
        let byte = usize::try_from(byte).map_or(text.len(), |b| b.min(text.len()));
        let breaks = text.as_bytes()[byte..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let line = self.0.partition_point(|&start| start <= byte + breaks);
        u64::try_from(line).unwrap_or(u64::MAX)
    }
}

fn unreadable_line(line: u64) -> Problem {
    Problem {
        line,
        column: None,
        error: FieldError("import-error-unreadable"),
    }
}

/// A line of empty cells, as spreadsheets leave below the data.
fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

// ------------------------------------------------------------ parsing the rows

/// How a city's membership stands; a withdrawal date or reason exists only
/// for a city that left.
#[derive(Debug)]
enum Standing {
    Active,
    Withdrawn {
        on: Option<NaiveDate>,
        reason: Option<MultiLine>,
    },
}

/// One row of the file as the member city it describes.
#[derive(Debug)]
struct ImportedCity {
    /// None: the next free number is given when the whole file is good.
    member_number: Option<i32>,
    name_latin: PlainLine,
    name_native: Option<PlainLine>,
    /// A code of the countries table.
    country_code: String,
    province: Option<PlainLine>,
    mayor_name: Option<PlainLine>,
    mayor_title: Option<PlainLine>,
    contact_name: Option<PlainLine>,
    email: Option<EmailAddress>,
    phone: Option<PhoneNumber>,
    postal_address: Option<MultiLine>,
    website: Option<WebAddress>,
    population: Option<i64>,
    /// The code of a language the app has.
    language: String,
    joined: JoinDate,
    standing: Standing,
}

impl ImportedCity {
    fn as_new_city(&self, member_number: i32) -> NewCity<'_> {
        fn line(value: &Option<PlainLine>) -> Option<&str> {
            value.as_ref().map(PlainLine::as_str)
        }
        let (status, withdrawn_on, withdrawal_reason) = match &self.standing {
            Standing::Active => (MembershipStatus::Active, None, None),
            Standing::Withdrawn { on, reason } => (
                MembershipStatus::Withdrawn,
                *on,
                reason.as_ref().map(MultiLine::as_str),
            ),
        };
        NewCity {
            member_number,
            name_latin: self.name_latin.as_str(),
            name_native: line(&self.name_native),
            country_code: &self.country_code,
            province: line(&self.province),
            mayor_name: line(&self.mayor_name),
            mayor_title: line(&self.mayor_title),
            contact_name: line(&self.contact_name),
            email: self.email.as_ref().map(EmailAddress::as_str),
            phone: self.phone.as_ref().map(PhoneNumber::as_str),
            postal_address: self.postal_address.as_ref().map(MultiLine::as_str),
            website: self.website.as_ref().map(WebAddress::as_str),
            population: self.population,
            language: &self.language,
            join_date: self.joined.date,
            join_precision: self.joined.precision,
            status,
            withdrawn_on,
            withdrawal_reason,
            application_id: None,
            demo: false,
        }
    }
}

/// What the rows are checked against: the countries and the member numbers in use.
struct Registry {
    country_codes: HashSet<String>,
    /// Numbers of the cities already in the database.
    taken: HashSet<i32>,
    /// Numbers given on the lines read so far.
    in_file: HashSet<i32>,
}

impl Registry {
    fn load(conn: &mut DbConn) -> DbResult<Registry> {
        Ok(Registry {
            country_codes: countries::table
                .select(countries::code)
                .load::<String>(conn)?
                .into_iter()
                .collect(),
            taken: member_cities::table
                .select(member_cities::member_number)
                .load::<i32>(conn)?
                .into_iter()
                .collect(),
            in_file: HashSet::new(),
        })
    }

    fn country(&self, text: &str) -> Result<String, FieldError> {
        let code = text.trim().to_uppercase();
        if self.country_codes.contains(&code) {
            Ok(code)
        } else {
            Err(FieldError("import-error-country"))
        }
    }

    /// A member number given in the file: free in the database and not given
    /// on an earlier line.
    fn claim_number(&mut self, text: &str) -> Result<i32, FieldError> {
        let number = text
            .parse::<i32>()
            .ok()
            .filter(|n| MEMBER_NUMBERS.contains(n))
            .ok_or(FieldError("import-error-member-number"))?;
        if self.taken.contains(&number) {
            return Err(FieldError("import-error-member-number-taken"));
        }
        if !self.in_file.insert(number) {
            return Err(FieldError("import-error-member-number-repeated"));
        }
        Ok(number)
    }

    /// Numbers for the rows without one: after the highest in the database and
    /// in the file, so they collide with neither.
    fn free_numbers(&self) -> std::ops::RangeFrom<i32> {
        let highest = self.taken.iter().chain(&self.in_file).max().copied();
        highest.unwrap_or(0) + 1..
    }
}

/// The errors of one row, by column.
#[derive(Default)]
struct RowErrors(Vec<(Column, FieldError)>);

impl RowErrors {
    fn add(&mut self, column: Column, error: FieldError) {
        self.0.push((column, error));
    }

    fn check<T>(&mut self, column: Column, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.add(column, e)).ok()
    }

    fn into_problems(self, line: u64) -> impl Iterator<Item = Problem> {
        self.0.into_iter().map(move |(column, error)| Problem {
            line,
            column: Some(column.name().to_string()),
            error,
        })
    }
}

/// A required cell: empty is refused as such, before the parser sees it.
fn required<T>(
    cell: &str,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Result<T, FieldError> {
    if cell.is_empty() {
        Err(FieldError("error-required"))
    } else {
        parse(cell)
    }
}

fn latin_name(cell: &str) -> Result<PlainLine, FieldError> {
    let name = PlainLine::parse(cell, MAX_LINE)?;
    if is_latin_script(name.as_str()) {
        Ok(name)
    } else {
        Err(FieldError("error-latin-letters"))
    }
}

fn line(cell: &str) -> Result<PlainLine, FieldError> {
    PlainLine::parse(cell, MAX_LINE)
}

/// English when empty.
fn language(cell: &str) -> Result<String, FieldError> {
    if cell.is_empty() {
        return Ok(Lang::english().code());
    }
    Lang::parse(cell)
        .map(|lang| lang.code())
        .ok_or(FieldError("import-error-language"))
}

/// Active when empty.
fn status(cell: &str) -> Result<MembershipStatus, FieldError> {
    if cell.is_empty() {
        return Ok(MembershipStatus::Active);
    }
    MembershipStatus::parse(&cell.to_ascii_lowercase()).ok_or(FieldError("import-error-status"))
}

/// The join_precision column says again what the join date's form says; a
/// disagreement means one of them was edited by hand, and which one is right
/// cannot be known.
fn check_precision(errors: &mut RowErrors, cell: &str, joined: Option<JoinDate>) {
    if cell.is_empty() {
        return;
    }
    match (JoinPrecision::parse(&cell.to_ascii_lowercase()), joined) {
        (Some(precision), Some(joined)) if precision != joined.precision => errors.add(
            Column::JoinPrecision,
            FieldError("import-error-precision-mismatch"),
        ),
        (None, _) => errors.add(Column::JoinPrecision, FieldError("import-error-precision")),
        _ => {}
    }
}

/// The status with its withdrawal date and reason, which must agree.
fn standing(errors: &mut RowErrors, sheet: &Sheet, record: &StringRecord) -> Option<Standing> {
    let status = errors.check(Column::Status, status(sheet.cell(record, Column::Status)));
    let on = errors.check(
        Column::WithdrawnOn,
        optional(sheet.cell(record, Column::WithdrawnOn), parse_day),
    );
    let reason = errors.check(
        Column::WithdrawalReason,
        optional(sheet.cell(record, Column::WithdrawalReason), |cell| {
            MultiLine::parse(cell, MAX_REASON)
        }),
    );
    // A withdrawal before the join date is kept: the system records one when a
    // city registered for next month leaves this month, and an export of it
    // must import again.
    let (status, on, reason) = (status?, on?, reason?);
    match status {
        MembershipStatus::Withdrawn => Some(Standing::Withdrawn { on, reason }),
        MembershipStatus::Active if on.is_none() && reason.is_none() => Some(Standing::Active),
        MembershipStatus::Active => {
            let column = if on.is_some() {
                Column::WithdrawnOn
            } else {
                Column::WithdrawalReason
            };
            errors.add(column, FieldError("import-error-not-withdrawn"));
            None
        }
    }
}

/// One data line as a city, or every problem it has.
fn parse_row(
    sheet: &Sheet,
    record: &StringRecord,
    registry: &mut Registry,
) -> Result<ImportedCity, RowErrors> {
    use Column as C;
    let cell = |column| sheet.cell(record, column);
    let mut errors = RowErrors::default();
    let member_number = errors.check(
        C::MemberNumber,
        optional(cell(C::MemberNumber), |c| registry.claim_number(c)),
    );
    let name_latin = errors.check(C::NameLatin, required(cell(C::NameLatin), latin_name));
    let name_native = errors.check(C::NameNative, optional(cell(C::NameNative), line));
    let country_code = errors.check(
        C::CountryCode,
        required(cell(C::CountryCode), |c| registry.country(c)),
    );
    let province = errors.check(C::Province, optional(cell(C::Province), line));
    let mayor_name = errors.check(C::MayorName, optional(cell(C::MayorName), line));
    let mayor_title = errors.check(C::MayorTitle, optional(cell(C::MayorTitle), line));
    let contact_name = errors.check(C::ContactName, optional(cell(C::ContactName), line));
    let email = errors.check(C::Email, optional(cell(C::Email), EmailAddress::parse));
    let phone = errors.check(C::Phone, optional(cell(C::Phone), PhoneNumber::parse));
    let postal_address = errors.check(
        C::PostalAddress,
        optional(cell(C::PostalAddress), |c| MultiLine::parse(c, MAX_ADDRESS)),
    );
    let website = errors.check(C::Website, optional(cell(C::Website), WebAddress::parse));
    let population = errors.check(
        C::Population,
        optional(cell(C::Population), parse_population),
    );
    let language = errors.check(C::Language, language(cell(C::Language)));
    let joined = errors.check(C::JoinDate, required(cell(C::JoinDate), JoinDate::parse));
    check_precision(&mut errors, cell(C::JoinPrecision), joined);
    let standing = standing(&mut errors, sheet, record);
    let (
        Some(member_number),
        Some(name_latin),
        Some(name_native),
        Some(country_code),
        Some(province),
        Some(mayor_name),
        Some(mayor_title),
        Some(contact_name),
        Some(email),
        Some(phone),
        Some(postal_address),
        Some(website),
        Some(population),
        Some(language),
        Some(joined),
        Some(standing),
        true,
    ) = (
        member_number,
        name_latin,
        name_native,
        country_code,
        province,
        mayor_name,
        mayor_title,
        contact_name,
        email,
        phone,
        postal_address,
        website,
        population,
        language,
        joined,
        standing,
        errors.0.is_empty(),
    )
    else {
        return Err(errors);
    };
    Ok(ImportedCity {
        member_number,
        name_latin,
        name_native,
        country_code,
        province,
        mayor_name,
        mayor_title,
        contact_name,
        email,
        phone,
        postal_address,
        website,
        population,
        language,
        joined,
        standing,
    })
}

/// Every row as a city with its member number, or every problem of every row.
fn check_rows(
    conn: &mut DbConn,
    sheet: &Sheet,
) -> DbResult<Result<Vec<(i32, ImportedCity)>, Refusal>> {
    let mut registry = Registry::load(conn)?;
    let mut cities = Vec::with_capacity(sheet.rows.len());
    let mut problems = sheet.unreadable.clone();
    for (line, record) in &sheet.rows {
        match parse_row(sheet, record, &mut registry) {
            Ok(city) => cities.push(city),
            Err(errors) => problems.extend(errors.into_problems(*line)),
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.line);
        return Ok(Err(Refusal::Problems {
            problems,
            good_rows: cities.len(),
        }));
    }
    let mut free = registry.free_numbers();
    Ok(Ok(cities
        .into_iter()
        .map(|city| {
            let number = city
                .member_number
                .or_else(|| free.next())
                .unwrap_or(i32::MAX);
            (number, city)
        })
        .collect()))
}

// ------------------------------------------------------------ importing

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Check every row and report; write nothing.
    DryRun,
    Import,
}

#[derive(Debug)]
enum Outcome {
    Refused(Refusal),
    /// A dry run found this many rows, all good.
    Ready(usize),
    Imported(usize),
}

/// Who imports what: for the audit log.
struct Importer {
    user: User,
    ip: Option<String>,
    file_name: String,
}

/// Reads and checks the file; unless it is a dry run and if every row is good,
/// writes every city in one transaction, or nothing.
fn import(conn: &mut DbConn, bytes: &[u8], mode: Mode, importer: &Importer) -> DbResult<Outcome> {
    let sheet = match Sheet::read(bytes) {
        Ok(sheet) => sheet,
        Err(refusal) => return Ok(Outcome::Refused(refusal)),
    };
    if mode == Mode::DryRun {
        return Ok(match check_rows(conn, &sheet)? {
            Ok(cities) => Outcome::Ready(cities.len()),
            Err(refusal) => Outcome::Refused(refusal),
        });
    }
    // The checks run inside the transaction too: a city registered meanwhile
    // cannot take a number the file uses.
    db::write_transaction(conn, |conn| {
        let cities = match check_rows(conn, &sheet)? {
            Ok(cities) => cities,
            Err(refusal) => return Ok(Outcome::Refused(refusal)),
        };
        let new_cities: Vec<NewCity<'_>> = cities
            .iter()
            .map(|(number, city)| city.as_new_city(*number))
            .collect();
        let count = cities::insert_many(conn, &new_cities, Some(importer.user.id))?;
        audit::record_entry(
            conn,
            audit::Entry {
                actor: Some(&importer.user),
                action: "member.import",
                entity_type: "member_city",
                entity_id: None,
                summary: format!("{count} member cities imported from {}", importer.file_name),
                ip: importer.ip.clone(),
            },
        )?;
        Ok(Outcome::Imported(count))
    })
}

#[derive(Template)]
#[template(path = "membership/import.html")]
struct ImportPage {
    ctx: PageCtx,
    columns: &'static [Column],
    max_mb: usize,
    file_error: Option<&'static str>,
    /// After a dry run that found every row good.
    ready: Option<i64>,
    problems: Vec<Problem>,
    bad_rows: i64,
    good_rows: i64,
}

impl ImportPage {
    fn new(ctx: PageCtx) -> ImportPage {
        ImportPage {
            ctx,
            columns: &Column::ALL,
            max_mb: MAX_IMPORT_BYTES / (1024 * 1024),
            file_error: None,
            ready: None,
            problems: Vec::new(),
            bad_rows: 0,
            good_rows: 0,
        }
    }

    fn refused(ctx: PageCtx, refusal: Refusal) -> ImportPage {
        let page = ImportPage::new(ctx);
        match refusal {
            Refusal::Unreadable(error) => ImportPage {
                file_error: Some(error.0),
                ..page
            },
            Refusal::Problems {
                problems,
                good_rows,
            } => ImportPage {
                bad_rows: to_count(
                    problems
                        .iter()
                        .map(|p| p.line)
                        .collect::<HashSet<_>>()
                        .len(),
                ),
                good_rows: to_count(good_rows),
                problems,
                ..page
            },
        }
    }

    /// 422 when the file was refused, as for a form with errors.
    fn status(&self) -> StatusCode {
        if self.file_error.is_some() || !self.problems.is_empty() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }

    fn respond(self) -> Result<HttpResponse, AppError> {
        let status = self.status();
        render_with_status(&self, status)
    }
}

fn to_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[get("/staff/members/import")]
async fn import_form(staff: Staff) -> Result<HttpResponse, AppError> {
    ImportPage::new(staff.ctx).respond()
}

#[derive(MultipartForm)]
struct ImportUpload {
    // Above the cap, so that a file a little too large gets its own message
    // rather than the generic "form could not be read".
    #[multipart(limit = "11MiB")]
    file: Option<Upload>,
    /// Which button was pressed: `import`, or `dry_run`.
    mode: Option<Text<String>>,
}

impl ImportUpload {
    /// Anything but the import button is a dry run: the safe reading.
    fn mode(&self) -> Mode {
        match self.mode.as_ref().map(|m| m.0.as_str()) {
            Some("import") => Mode::Import,
            _ => Mode::DryRun,
        }
    }

    /// The uploaded file's bytes and name, or why there is nothing to read.
    fn into_file(self) -> Result<(web::Bytes, String), FieldError> {
        let file = self
            .file
            .filter(|file| !file.data.is_empty())
            .ok_or(FieldError("import-error-no-file"))?;
        if file.data.len() > MAX_IMPORT_BYTES {
            return Err(FieldError("import-error-too-large"));
        }
        let name = file
            .file_name
            .as_deref()
            .and_then(|name| PlainLine::parse(name, MAX_LINE).ok())
            .map_or_else(|| "an unnamed file".to_string(), PlainLine::into_string);
        Ok((file.data, name))
    }
}

#[post("/staff/members/import")]
async fn import_upload(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    upload: MultipartForm<ImportUpload>,
) -> Result<HttpResponse, AppError> {
    let upload = upload.into_inner();
    let mode = upload.mode();
    let (bytes, file_name) = match upload.into_file() {
        Ok(file) => file,
        Err(error) => return ImportPage::refused(staff.ctx, Refusal::Unreadable(error)).respond(),
    };
    let importer = Importer {
        user: staff.user.clone(),
        ip: client_ip(&req, state.config.behind_proxy),
        file_name,
    };
    let outcome = state
        .db
        .run(move |conn| import(conn, &bytes, mode, &importer))
        .await?;
    match outcome {
        Outcome::Imported(imported) => {
            flash::push(
                &session,
                Level::Success,
                staff.ctx.tn("import-done", "count", to_count(imported)),
            );
            Ok(see_other("/staff/members?sort=number"))
        }
        Outcome::Ready(rows) => ImportPage {
            ready: Some(to_count(rows)),
            ..ImportPage::new(staff.ctx)
        }
        .respond(),
        Outcome::Refused(refusal) => ImportPage::refused(staff.ctx, refusal).respond(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+81 82 242 7831", "'+81 82 242 7831"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("'=1", "''=1"),
            ("''+1", "'''+1"),
            ("'s-Hertogenbosch", "'s-Hertogenbosch"),
            ("Hiroshima", "Hiroshima"),
            ("広島市", "広島市"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell.to_string()), written, "{cell:?}");
            assert_eq!(restore(written), cell, "{written:?}");
        }
    }

    #[test]
    fn join_dates_carry_their_precision() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (text, date, precision, written) in [
            (
                "2019-07-01",
                day(2019, 7, 1),
                JoinPrecision::Day,
                "2019-07-01",
            ),
            (
                "2019/7/1",
                day(2019, 7, 1),
                JoinPrecision::Day,
                "2019-07-01",
            ),
            ("2019-07", day(2019, 7, 1), JoinPrecision::Month, "2019-07"),
            ("1982", day(1982, 1, 1), JoinPrecision::Year, "1982"),
        ] {
            let parsed = JoinDate::parse(text).unwrap();
            assert_eq!(parsed, JoinDate { date, precision }, "{text}");
            assert_eq!(parsed.to_string(), written);
        }
        for bad in [
            "",
            "19",
            "2019-13",
            "2019-02-30",
            "July 2019",
            "7/1/2019",
            "2019-07-01-02",
            "+2019",
        ] {
            assert!(JoinDate::parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse_day("2019-07").is_err(), "a withdrawal needs its day");
    }

    #[test]
    fn the_header_finds_columns_by_name_and_refuses_unknown_ones() {
        let header = |cells: &[&str]| Header::parse(&StringRecord::from(cells.to_vec()), 1);
        let found = header(&[" Join_Date", "country_code", "name_latin", ""]).unwrap();
        assert_eq!(found.positions[&Column::JoinDate], 0);
        assert_eq!(found.width, 4);
        let problems = header(&["name_latin", "e-mail", "name_latin"]).unwrap_err();
        let messages: Vec<(&str, FieldError)> = problems
            .iter()
            .map(|p| (p.column.as_deref().unwrap(), p.error))
            .collect();
        assert_eq!(
            messages,
            [
                ("e-mail", FieldError("import-error-unknown-column")),
                ("name_latin", FieldError("import-error-repeated-column")),
                ("country_code", FieldError("import-error-missing-column")),
                ("join_date", FieldError("import-error-missing-column")),
            ]
        );
    }

    #[test]
    fn lines_are_counted_as_an_editor_counts_them() {
        for line_end in ["\r\n", "\n", "\r"] {
            let file = [
                "name_latin,country_code,join_date,postal_address",
                "Ypres,BE,2019,\"Grote Markt 34",
                "8900 Ieper\"",
                ",,,",
                "",
                "Hannover,DE,2019",
                "Kure,JP,1982,",
                "",
            ]
            .join(line_end);
            let sheet = Sheet::read(file.as_bytes()).unwrap();
            let lines: Vec<u64> = sheet.rows.iter().map(|(line, _)| *line).collect();
            assert_eq!(lines, [2, 7], "blank lines are skipped ({line_end:?})");
            assert_eq!(
                sheet.unreadable,
                [Problem {
                    line: 6,
                    column: None,
                    error: FieldError("import-error-field-count")
                }],
                "{line_end:?}"
            );
        }
    }
}
