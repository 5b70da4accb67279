//! The import of an existing membership list: read, checked row by row against
//! the countries and the member numbers in use, and (unless it is a dry run)
//! written all at once or not at all.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use csv::StringRecord;
use diesel::{QueryDsl, RunQueryDsl};

use super::columns::{parse_day, restore, Column, JoinDate};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{
    is_latin_script, optional, parse_population, CountryCode, EmailAddress, FieldError, MultiLine,
    PhoneNumber, PlainLine, WebAddress,
};
use crate::i18n::Lang;
use crate::membership::cities::{self, NewCity};
use crate::membership::countries::KnownCountries;
use crate::membership::error::MembershipError;
use crate::membership::models::{JoinPrecision, MembershipStatus};
use crate::schema::member_cities;

/// The largest file the import reads: a list of 8,000 cities with full contact
/// details is about 2 MB.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_LINE: usize = 200;
/// Member numbers a file may give; the bound keeps the numbers given after
/// the highest far from overflowing.
const MEMBER_NUMBERS: std::ops::RangeInclusive<i32> = 1..=9_999_999;
const MAX_ADDRESS: usize = 500;
pub(super) const MAX_REASON: usize = 1000;

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
pub enum Refusal {
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
pub(super) struct Header {
    positions: HashMap<Column, usize>,
    width: usize,
}

impl Header {
    /// Columns are found by name, in any order. Unnamed columns (the empty cells
    /// some spreadsheets add at the end) are ignored; unknown names are refused,
    /// as they are typos more often than not (`e-mail`).
    fn parse(record: &StringRecord, line: u64, purpose: Purpose) -> Result<Header, Vec<Problem>> {
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
        for column in Column::ALL.into_iter().filter(|c| purpose.requires(*c)) {
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
pub(super) struct Sheet {
    pub(super) header: Header,
    /// Each data line with the number of the line it starts on (header = 1).
    pub(super) rows: Vec<(u64, StringRecord)>,
    /// Lines that are not rows of this header; reported with the rows' problems.
    pub(super) unreadable: Vec<Problem>,
}

impl Sheet {
    fn read(bytes: &[u8], purpose: Purpose) -> Result<Sheet, Refusal> {
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
            Some(Ok(record)) => Header::parse(&record, line_of(record.position()), purpose)
                .map_err(Refusal::header)?,
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
    /// Whether the file has the column.
    pub(super) fn has(&self, column: Column) -> bool {
        self.header.positions.contains_key(&column)
    }

    pub(super) fn cell<'r>(&self, record: &'r StringRecord, column: Column) -> &'r str {
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
    country_code: CountryCode,
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
    countries: KnownCountries,
    /// Numbers of the cities already in the database.
    taken: HashSet<i32>,
    /// Numbers given on the lines read so far.
    in_file: HashSet<i32>,
}

impl Registry {
    fn load(conn: &mut DbConn) -> DbResult<Registry> {
        Ok(Registry {
            countries: KnownCountries::load(conn)?,
            taken: member_cities::table
                .select(member_cities::member_number)
                .load::<i32>(conn)?
                .into_iter()
                .collect(),
            in_file: HashSet::new(),
        })
    }

    /// A code the countries table knows, by the rule forms use too.
    fn country(&self, text: &str) -> Result<CountryCode, FieldError> {
        self.countries
            .check(text)
            .map_err(|_| FieldError("import-error-country"))
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
pub(super) struct RowErrors(Vec<(Column, FieldError)>);

impl RowErrors {
    pub(super) fn add(&mut self, column: Column, error: FieldError) {
        self.0.push((column, error));
    }

    pub(super) fn check<T>(&mut self, column: Column, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.add(column, e)).ok()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn into_problems(self, line: u64) -> impl Iterator<Item = Problem> {
        self.0.into_iter().map(move |(column, error)| Problem {
            line,
            column: Some(column.name().to_string()),
            error,
        })
    }
}

/// A required cell: empty is refused as such, before the parser sees it.
pub(super) fn required<T>(
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
pub(super) fn status(cell: &str) -> Result<MembershipStatus, FieldError> {
    if cell.is_empty() {
        return Ok(MembershipStatus::Active);
    }
    MembershipStatus::parse(&cell.to_ascii_lowercase()).ok_or(FieldError("import-error-status"))
}

/// The join_precision column says again what the join date's form says; a
/// disagreement means one of them was edited by hand, and which one is right
/// cannot be known.
pub(super) fn check_precision(errors: &mut RowErrors, cell: &str, joined: Option<JoinDate>) {
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
) -> Result<Vec<(i32, ImportedCity)>, MembershipError> {
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
        return Err(MembershipError::ImportRefused(Refusal::Problems {
            problems,
            good_rows: cities.len(),
        }));
    }
    let mut free = registry.free_numbers();
    Ok(cities
        .into_iter()
        .map(|city| {
            let number = city
                .member_number
                .or_else(|| free.next())
                .unwrap_or(i32::MAX);
            (number, city)
        })
        .collect())
}

// ------------------------------------------------------------ importing

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Check every row and report; write nothing.
    DryRun,
    Import,
}

/// What a file does: add new cities, or update existing ones found by their
/// member number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Add,
    /// Only the columns the file has are changed; `member_number` is required.
    Update,
}

impl Purpose {
    fn requires(self, column: Column) -> bool {
        match self {
            Purpose::Add => column.is_required(),
            Purpose::Update => column == Column::MemberNumber,
        }
    }
}

/// What an import did; a file with problems is [`MembershipError::ImportRefused`].
#[derive(Debug)]
pub enum Outcome {
    /// A dry run found this many rows, all good.
    Ready(usize),
    Imported(usize),
    /// A dry run of an update: every good row with what it would change, and
    /// the problems of the others (the import would refuse the file then).
    Changes {
        rows: Vec<super::update::RowChanges>,
        problems: Vec<Problem>,
    },
    /// An update wrote this many fields of this many cities.
    Updated {
        cities: usize,
        fields: usize,
    },
}

/// Reads and checks the file; unless it is a dry run and if every row is good,
/// writes every city in one transaction, or nothing.
pub async fn import(
    db: &Db,
    actor: &Actor,
    bytes: Vec<u8>,
    file_name: String,
    mode: Mode,
    purpose: Purpose,
) -> Result<Outcome, MembershipError> {
    let sheet = Sheet::read(&bytes, purpose).map_err(MembershipError::ImportRefused)?;
    if purpose == Purpose::Update {
        return super::update::update(db, actor, sheet, file_name, mode).await;
    }
    if mode == Mode::DryRun {
        return db
            .read(move |conn| Ok(Outcome::Ready(check_rows(conn, &sheet)?.len())))
            .await;
    }
    let actor = actor.clone();
    // The checks run inside the transaction too: a city registered meanwhile
    // cannot take a number the file uses.
    let outcome = db
        .transaction(move |conn| {
            let cities = check_rows(conn, &sheet)?;
            let new_cities: Vec<NewCity<'_>> = cities
                .iter()
                .map(|(number, city)| city.as_new_city(*number))
                .collect();
            let count = cities::insert_many(conn, &new_cities, actor.user_id)?;
            let summary = format!("{count} member cities imported from {file_name}");
            audit::record_general(conn, &actor, Action::MemberImport, summary)?;
            Ok::<_, MembershipError>(Outcome::Imported(count))
        })
        .await?;
    // Thousands of new cities change the planner's best plans; a failure here
    // costs speed, not the import, which is committed.
    if let Err(e) = db.run(crate::db::refresh_planner_statistics).await {
        tracing::warn!(error = %e, "could not refresh the planner's statistics after an import");
    }
    Ok(outcome)
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_finds_columns_by_name_and_refuses_unknown_ones() {
        let header =
            |cells: &[&str]| Header::parse(&StringRecord::from(cells.to_vec()), 1, Purpose::Add);
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
            let sheet = Sheet::read(file.as_bytes(), Purpose::Add).unwrap();
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
