//! Queries on letters: saving with a version per edit, the running count per
//! addressee state, and the archive.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::models::{ApprovalRule, Letter, LetterKind, LetterStatus, LetterVersion, Tally};
use crate::db::{DbConn, DbResult};
use crate::domain::CountryCode;
use crate::schema::{letter_tallies, letter_versions, letters};

/// A letter form, parsed.
#[derive(Debug, Clone)]
pub struct LetterFields {
    pub kind: LetterKind,
    pub target_country: Option<CountryCode>,
    pub occasion: String,
    pub occasion_on: Option<NaiveDate>,
    pub addressee_name: String,
    pub addressee_title: String,
    /// Comma-separated, each one a parsed address.
    pub addressee_emails: String,
    pub subject: String,
    pub body_markdown: String,
    pub signatories: String,
    pub language: String,
    pub approval_rule: ApprovalRule,
    pub review_deadline: Option<NaiveDate>,
}

impl LetterFields {
    fn addressee_block(&self) -> String {
        format!(
            "{}\n{}\n{}",
            self.addressee_name, self.addressee_title, self.addressee_emails
        )
    }
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Letter>> {
    Ok(letters::table
        .find(id)
        .select(Letter::as_select())
        .first(conn)
        .optional()?)
}

/// Every letter, newest first (the staff list).
pub fn all(conn: &mut DbConn) -> DbResult<Vec<Letter>> {
    Ok(letters::table
        .order(letters::id.desc())
        .select(Letter::as_select())
        .load(conn)?)
}

pub fn insert(conn: &mut DbConn, fields: &LetterFields, actor_id: i64) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    let id: i64 = diesel::insert_into(letters::table)
        .values((
            letters::kind.eq(fields.kind.as_str()),
            letters::target_country.eq(fields.target_country.as_deref()),
            letters::occasion.eq(&fields.occasion),
            letters::occasion_on.eq(fields.occasion_on),
            letters::addressee_name.eq(&fields.addressee_name),
            letters::addressee_title.eq(&fields.addressee_title),
            letters::addressee_emails.eq(&fields.addressee_emails),
            letters::subject.eq(&fields.subject),
            letters::body_markdown.eq(&fields.body_markdown),
            letters::signatories.eq(&fields.signatories),
            letters::language.eq(&fields.language),
            letters::status.eq(LetterStatus::Draft.as_str()),
            letters::version.eq(1),
            letters::approval_rule.eq(fields.approval_rule.as_str()),
            letters::review_deadline.eq(fields.review_deadline),
            letters::created_by.eq(actor_id),
            letters::created_at.eq(now),
            letters::updated_at.eq(now),
        ))
        .returning(letters::id)
        .get_result(conn)?;
    insert_version(conn, id, 1, fields, actor_id)?;
    Ok(id)
}

fn insert_version(
    conn: &mut DbConn,
    letter_id: i64,
    version: i32,
    fields: &LetterFields,
    actor_id: i64,
) -> DbResult<()> {
    diesel::insert_into(letter_versions::table)
        .values((
            letter_versions::letter_id.eq(letter_id),
            letter_versions::version.eq(version),
            letter_versions::subject.eq(&fields.subject),
            letter_versions::addressee.eq(fields.addressee_block()),
            letter_versions::body_markdown.eq(&fields.body_markdown),
            letter_versions::signatories.eq(&fields.signatories),
            letter_versions::edited_by.eq(actor_id),
            letter_versions::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The text changed: a new version, which officers have not seen.
    NewVersion(i32),
    /// Only settings (rule, deadline, kind) changed: the same version.
    SameVersion(i32),
    /// The letter is final or sent and can no longer change.
    Locked,
}

/// Saves an edit of a draft; a change of its text makes a new version.
pub fn update(
    conn: &mut DbConn,
    letter: &Letter,
    fields: &LetterFields,
    actor_id: i64,
) -> DbResult<Saved> {
    if !letter.is_editable() {
        return Ok(Saved::Locked);
    }
    let text_changed = letter.subject != fields.subject
        || letter.addressee_block() != fields.addressee_block()
        || letter.body_markdown != fields.body_markdown
        || letter.signatories != fields.signatories;
    let version = if text_changed {
        letter.version + 1
    } else {
        letter.version
    };
    // Conditional on the version read: of two editors at once, the second gets Locked
    // rather than overwriting a version it never saw.
    let updated = diesel::update(
        letters::table
            .filter(letters::id.eq(letter.id))
            .filter(letters::version.eq(letter.version))
            .filter(letters::status.eq(LetterStatus::Draft.as_str())),
    )
    .set((
        letters::kind.eq(fields.kind.as_str()),
        letters::target_country.eq(fields.target_country.as_deref()),
        letters::occasion.eq(&fields.occasion),
        letters::occasion_on.eq(fields.occasion_on),
        letters::addressee_name.eq(&fields.addressee_name),
        letters::addressee_title.eq(&fields.addressee_title),
        letters::addressee_emails.eq(&fields.addressee_emails),
        letters::subject.eq(&fields.subject),
        letters::body_markdown.eq(&fields.body_markdown),
        letters::signatories.eq(&fields.signatories),
        letters::language.eq(&fields.language),
        letters::version.eq(version),
        letters::approval_rule.eq(fields.approval_rule.as_str()),
        letters::review_deadline.eq(fields.review_deadline),
        letters::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Ok(Saved::Locked);
    }
    if text_changed {
        insert_version(conn, letter.id, version, fields, actor_id)?;
        Ok(Saved::NewVersion(version))
    } else {
        Ok(Saved::SameVersion(version))
    }
}

pub fn versions(conn: &mut DbConn, letter_id: i64) -> DbResult<Vec<LetterVersion>> {
    Ok(letter_versions::table
        .filter(letter_versions::letter_id.eq(letter_id))
        .order(letter_versions::version.asc())
        .select(LetterVersion::as_select())
        .load(conn)?)
}

/// Marks a draft final; false when it was not a draft any more.
pub fn mark_final(conn: &mut DbConn, letter_id: i64, version: i32) -> DbResult<bool> {
    let updated = diesel::update(
        letters::table
            .filter(letters::id.eq(letter_id))
            .filter(letters::version.eq(version))
            .filter(letters::status.eq(LetterStatus::Draft.as_str())),
    )
    .set((
        letters::status.eq(LetterStatus::Final.as_str()),
        letters::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Marks a final letter sent and gives it its place in the running count of its
/// addressee state; None when it was not final (sent already, by a double click).
///
/// Call it inside the send transaction: the number is taken under a lock on the
/// state's numbering that the commit releases.
pub fn mark_sent(conn: &mut DbConn, letter: &Letter, today: NaiveDate) -> DbResult<Option<i32>> {
    let running = match (&letter.target_country, letter.kind) {
        (Some(code), LetterKind::Letter) => {
            lock_numbering_of(conn, code)?;
            Some(next_count(conn, code)?)
        }
        _ => None,
    };
    let updated = diesel::update(
        letters::table
            .filter(letters::id.eq(letter.id))
            .filter(letters::status.eq(LetterStatus::Final.as_str())),
    )
    .set((
        letters::status.eq(LetterStatus::Sent.as_str()),
        letters::running_count.eq(running),
        letters::sent_on.eq(today),
        letters::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    Ok((updated == 1).then_some(running.unwrap_or(0)))
}

// ------------------------------------------------------------ counts

pub fn tallies(conn: &mut DbConn) -> DbResult<Vec<Tally>> {
    Ok(letter_tallies::table
        .order((
            letter_tallies::letters.desc(),
            letter_tallies::country_code.asc(),
        ))
        .select(Tally::as_select())
        .load(conn)?)
}

fn tally_of(conn: &mut DbConn, code: &str) -> DbResult<i64> {
    Ok(letter_tallies::table
        .find(code)
        .select(letter_tallies::letters)
        .first::<i32>(conn)
        .optional()?
        .map_or(0, i64::from))
}

/// Letters of protest the system has sent to `code`.
fn sent_to(conn: &mut DbConn, code: &str) -> DbResult<i64> {
    Ok(letters::table
        .filter(letters::kind.eq(LetterKind::Letter.as_str()))
        .filter(letters::status.eq(LetterStatus::Sent.as_str()))
        .filter(letters::target_country.eq(code))
        .count()
        .get_result(conn)?)
}

/// Any number: the first key of the advisory lock on a state's numbering, so that
/// it shares no key with other advisory locks (the two-key space is apart from
/// the one-key space the migration lock uses).
const NUMBERING_LOCK_CLASS: i32 = 0x1e77e5;

/// Serialises the numbering of letters to one state until the transaction ends.
/// On SQLite the single writer (`BEGIN IMMEDIATE`) already does. On PostgreSQL two
/// sends to the same state at once would otherwise both count the letters sent
/// before either commits and take the same number; a transaction-scoped advisory
/// lock keyed by the state holds the second until the first commits, and works
/// whether or not the state has a tally row or any letter yet.
fn lock_numbering_of(conn: &mut DbConn, code: &str) -> DbResult<()> {
    use diesel::sql_types::{Integer, Text};
    if let DbConn::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind::<Integer, _>(NUMBERING_LOCK_CLASS)
            .bind::<Text, _>(code)
            .execute(pg)?;
    }
    Ok(())
}

/// The number the next letter of protest to `code` carries: the historical tally,
/// the letters sent from the system, and this one.
pub fn next_count(conn: &mut DbConn, code: &str) -> DbResult<i32> {
    let total = tally_of(conn, code)? + sent_to(conn, code)? + 1;
    Ok(i32::try_from(total).unwrap_or(i32::MAX))
}

/// Per addressee state: (code, historical tally with its year, sent from the system).
pub struct StateCount {
    pub code: String,
    pub tally: i64,
    pub system: i64,
}

impl StateCount {
    pub fn total(&self) -> i64 {
        self.tally + self.system
    }
}

pub fn counts_by_state(conn: &mut DbConn) -> DbResult<Vec<StateCount>> {
    let mut by_code: BTreeMap<String, StateCount> = BTreeMap::new();
    for tally in tallies(conn)? {
        by_code.insert(
            tally.country_code.to_string(),
            StateCount {
                code: tally.country_code.to_string(),
                tally: i64::from(tally.letters),
                system: 0,
            },
        );
    }
    let sent: Vec<(Option<String>, i64)> = letters::table
        .filter(letters::kind.eq(LetterKind::Letter.as_str()))
        .filter(letters::status.eq(LetterStatus::Sent.as_str()))
        .group_by(letters::target_country)
        .select((letters::target_country, diesel::dsl::count_star()))
        .load(conn)?;
    for (code, count) in sent {
        let Some(code) = code else { continue };
        by_code
            .entry(code.clone())
            .or_insert(StateCount {
                code,
                tally: 0,
                system: 0,
            })
            .system = count;
    }
    let mut counts: Vec<StateCount> = by_code.into_values().collect();
    counts.sort_by(|a, b| b.total().cmp(&a.total()).then(a.code.cmp(&b.code)));
    Ok(counts)
}

// ------------------------------------------------------------ archive

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ArchiveFilter {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub country: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub year: Option<i32>,
}

/// Sent letters, statements, resolutions and appeals, newest first.
pub fn archive(conn: &mut DbConn, filter: &ArchiveFilter) -> DbResult<Vec<Letter>> {
    let mut query = letters::table
        .filter(letters::status.eq(LetterStatus::Sent.as_str()))
        .into_boxed();
    if let Some(kind) = LetterKind::parse(filter.kind.trim()) {
        query = query.filter(letters::kind.eq(kind.as_str()));
    }
    if !filter.country.trim().is_empty() {
        query = query.filter(letters::target_country.eq(filter.country.trim().to_string()));
    }
    if let Some(year) = filter.year {
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            query = query.filter(letters::sent_on.between(from, to));
        }
    }
    Ok(query
        .order((letters::sent_on.desc(), letters::id.desc()))
        .select(Letter::as_select())
        .load(conn)?)
}

/// Years with something in the archive, newest first.
pub fn archive_years(conn: &mut DbConn) -> DbResult<Vec<i32>> {
    let dates: Vec<Option<NaiveDate>> = letters::table
        .filter(letters::status.eq(LetterStatus::Sent.as_str()))
        .select(letters::sent_on)
        .distinct()
        .load(conn)?;
    let mut years: Vec<i32> = dates.into_iter().flatten().map(|d| d.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(years)
}

/// Letters in `status`: the staff dashboard's counts.
pub fn count_in(conn: &mut DbConn, status: LetterStatus) -> DbResult<i64> {
    Ok(letters::table
        .filter(letters::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}
