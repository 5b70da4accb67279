//! Petitions and their counts.
//!
//! Counting never touches a shared counter row on the signing path (a hot row
//! is what took the UK Parliament's petitions site down at about 33 signatures
//! a second in 2019): verified signatures and paper batches are recounted by a
//! periodic job into `petition_tallies` (by country) and
//! `petition_hourly_tallies` (by hour of confirmation), which the public pages
//! read. Counts may lag by `PETITION_RECOUNT_SECONDS`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::models::{PaperBatch, Petition, PetitionStatus, SubmissionStatus};
use crate::config::PetitionMilestones;
use crate::db::{write_transaction, DbConn, DbResult};
use crate::domain::CountryCode;
use crate::schema::{
    petition_hourly_tallies, petition_paper_batches, petition_signatures, petition_submissions,
    petition_tallies, petitions,
};

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> DbResult<Option<Petition>> {
    Ok(petitions::table
        .filter(petitions::slug.eq(slug))
        .select(Petition::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Petition>> {
    Ok(petitions::table
        .find(id)
        .select(Petition::as_select())
        .first(conn)
        .optional()?)
}

/// Petitions the public sees: open ones first, then closed, newest first.
pub fn public_list(conn: &mut DbConn) -> DbResult<Vec<Petition>> {
    let mut list: Vec<Petition> = petitions::table
        .filter(petitions::status.ne(PetitionStatus::Draft.as_str()))
        .order(petitions::opens_on.desc())
        .select(Petition::as_select())
        .load(conn)?;
    list.sort_by_key(|p| p.status != PetitionStatus::Open);
    Ok(list)
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<Petition>> {
    Ok(petitions::table
        .order(petitions::id.desc())
        .select(Petition::as_select())
        .load(conn)?)
}

/// A petition's fields as staff edit them.
pub struct PetitionFields {
    pub slug: String,
    /// The original version: its language, title, summary and text.
    pub language: crate::i18n::Lang,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub addressee: String,
    pub goal: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: PetitionStatus,
    pub retention_days: i32,
}

pub fn insert(conn: &mut DbConn, fields: &PetitionFields) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    Ok(diesel::insert_into(petitions::table)
        .values((
            petitions::slug.eq(&fields.slug),
            petitions::language.eq(fields.language.code()),
            petitions::title.eq(&fields.title),
            petitions::summary.eq(&fields.summary),
            petitions::body_markdown.eq(&fields.body_markdown),
            petitions::addressee.eq(&fields.addressee),
            petitions::goal.eq(fields.goal),
            petitions::opens_on.eq(fields.opens_on),
            petitions::closes_on.eq(fields.closes_on),
            petitions::status.eq(fields.status.as_str()),
            petitions::retention_days.eq(fields.retention_days),
            petitions::created_at.eq(now),
            petitions::updated_at.eq(now),
        ))
        .returning(petitions::id)
        .get_result(conn)?)
}

pub fn update(conn: &mut DbConn, id: i64, fields: &PetitionFields) -> DbResult<bool> {
    Ok(diesel::update(petitions::table.find(id))
        .set((
            petitions::slug.eq(&fields.slug),
            petitions::language.eq(fields.language.code()),
            petitions::title.eq(&fields.title),
            petitions::summary.eq(&fields.summary),
            petitions::body_markdown.eq(&fields.body_markdown),
            petitions::addressee.eq(&fields.addressee),
            petitions::goal.eq(fields.goal),
            petitions::opens_on.eq(fields.opens_on),
            petitions::closes_on.eq(fields.closes_on),
            petitions::status.eq(fields.status.as_str()),
            petitions::retention_days.eq(fields.retention_days),
            petitions::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?
        == 1)
}

// ------------------------------------------------------------ counts

/// A petition's counts as of the last recount.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub online: i64,
    pub paper: i64,
    /// (country code, online, paper), largest first.
    pub by_country: Vec<(String, i64, i64)>,
    pub counted_at: Option<NaiveDateTime>,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.online + self.paper
    }
}

pub fn counts(conn: &mut DbConn, petition_id: i64) -> DbResult<Counts> {
    let rows: Vec<(String, i64, i64, NaiveDateTime)> = petition_tallies::table
        .filter(petition_tallies::petition_id.eq(petition_id))
        .select((
            petition_tallies::country_code,
            petition_tallies::online,
            petition_tallies::paper,
            petition_tallies::counted_at,
        ))
        .load(conn)?;
    let mut by_country: Vec<(String, i64, i64)> = rows
        .iter()
        .map(|(c, o, p, _)| (c.clone(), *o, *p))
        .collect();
    by_country.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(&b.0)));
    Ok(Counts {
        online: rows.iter().map(|r| r.1).sum(),
        paper: rows.iter().map(|r| r.2).sum(),
        by_country,
        counted_at: rows.iter().map(|r| r.3).max(),
    })
}

/// Recounts one petition from its verified signatures and paper batches and
/// replaces its tally in one short transaction; returns its new total.
pub fn recount(conn: &mut DbConn, petition_id: i64) -> DbResult<i64> {
    let online: Vec<(String, i64)> = petition_signatures::table
        .inner_join(petition_submissions::table)
        .filter(petition_signatures::petition_id.eq(petition_id))
        .filter(petition_submissions::status.eq(SubmissionStatus::Verified.as_str()))
        .group_by(petition_signatures::country_code)
        .select((petition_signatures::country_code, diesel::dsl::count_star()))
        .load(conn)?;
    let paper: Vec<(String, i64)> = petition_paper_batches::table
        .filter(petition_paper_batches::petition_id.eq(petition_id))
        .select((
            petition_paper_batches::country_code,
            petition_paper_batches::signatures,
        ))
        .load(conn)?;
    let mut by_country: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (country, n) in online {
        by_country.entry(country).or_default().0 += n;
    }
    for (country, n) in paper {
        by_country.entry(country).or_default().1 += n;
    }
    let total: i64 = by_country
        .values()
        .map(|(online, paper)| online + paper)
        .sum();
    let now = crate::domain::clock::now();
    let rows: Vec<_> = by_country
        .into_iter()
        .map(|(country, (online, paper))| {
            (
                petition_tallies::petition_id.eq(petition_id),
                petition_tallies::country_code.eq(country),
                petition_tallies::online.eq(online),
                petition_tallies::paper.eq(paper),
                petition_tallies::counted_at.eq(now),
            )
        })
        .collect();
    let hours: Vec<_> = confirmed_per_hour(conn, petition_id)?
        .into_iter()
        .map(|(hour, signatures)| {
            (
                petition_hourly_tallies::petition_id.eq(petition_id),
                petition_hourly_tallies::hour.eq(hour),
                petition_hourly_tallies::signatures.eq(signatures),
            )
        })
        .collect();
    write_transaction(conn, |conn| {
        diesel::delete(
            petition_tallies::table.filter(petition_tallies::petition_id.eq(petition_id)),
        )
        .execute(conn)?;
        for chunk in rows.chunks(200) {
            crate::on_backend!(conn, |c| diesel::insert_into(petition_tallies::table)
                .values(chunk)
                .execute(c))?;
        }
        diesel::delete(
            petition_hourly_tallies::table
                .filter(petition_hourly_tallies::petition_id.eq(petition_id)),
        )
        .execute(conn)?;
        for chunk in hours.chunks(300) {
            crate::on_backend!(conn, |c| diesel::insert_into(
                petition_hourly_tallies::table
            )
            .values(chunk)
            .execute(c))?;
        }
        Ok(total)
    })
}

/// Confirmed online signatures per hour of confirmation, oldest first, as of
/// the last recount.
pub fn hourly_counts(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<(NaiveDateTime, i64)>> {
    Ok(petition_hourly_tallies::table
        .filter(petition_hourly_tallies::petition_id.eq(petition_id))
        .order(petition_hourly_tallies::hour)
        .select((
            petition_hourly_tallies::hour,
            petition_hourly_tallies::signatures,
        ))
        .load(conn)?)
}

#[derive(QueryableByName)]
struct Bucket {
    #[diesel(sql_type = Text)]
    hour: String,
    #[diesel(sql_type = BigInt)]
    signatures: i64,
}

/// Confirmed online signatures grouped by the hour of confirmation, counted by
/// the database (a petition may have hundreds of thousands of signatures).
fn confirmed_per_hour(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<(NaiveDateTime, i64)>> {
    let verified = SubmissionStatus::Verified.as_str();
    let rows: Vec<Bucket> = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT strftime('%Y-%m-%d %H:00:00', s.verified_at) AS hour, COUNT(*) AS signatures \
             FROM petition_signatures g JOIN petition_submissions s ON s.id = g.submission_id \
             WHERE g.petition_id = ? AND s.status = ? AND s.verified_at IS NOT NULL \
             GROUP BY 1 ORDER BY 1",
        )
        .bind::<BigInt, _>(petition_id)
        .bind::<Text, _>(verified)
        .load(c)?,
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT to_char(date_trunc('hour', s.verified_at), 'YYYY-MM-DD HH24:00:00') AS hour, \
             COUNT(*) AS signatures \
             FROM petition_signatures g JOIN petition_submissions s ON s.id = g.submission_id \
             WHERE g.petition_id = $1 AND s.status = $2 AND s.verified_at IS NOT NULL \
             GROUP BY 1 ORDER BY 1",
        )
        .bind::<BigInt, _>(petition_id)
        .bind::<Text, _>(verified)
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .filter_map(|b| {
            let hour = NaiveDateTime::parse_from_str(&b.hour, "%Y-%m-%d %H:%M:%S").ok()?;
            Some((hour, b.signatures))
        })
        .collect())
}

/// Recounts every petition that is open, or closed in the last few weeks (late
/// withdrawals and paper batches still change those), and records the
/// milestones of `rules` each one crossed.
pub fn recount_active(
    conn: &mut DbConn,
    today: NaiveDate,
    rules: &PetitionMilestones,
) -> DbResult<usize> {
    let active: Vec<(i64, i64)> = petitions::table
        .filter(petitions::status.ne(PetitionStatus::Draft.as_str()))
        .filter(petitions::closes_on.ge(today - chrono::Duration::days(60)))
        .select((petitions::id, petitions::goal))
        .load(conn)?;
    for (id, goal) in &active {
        let total = recount(conn, *id)?;
        super::milestones::record(conn, *id, *goal, total, rules)?;
    }
    Ok(active.len())
}

/// [`recount_active`] as an operation, for the periodic job.
pub async fn recount_active_now(
    db: &crate::db::Db,
    today: NaiveDate,
    rules: PetitionMilestones,
) -> Result<usize, super::PetitionError> {
    db.read(move |conn| Ok(recount_active(conn, today, &rules)?))
        .await
}

// ------------------------------------------------------------ paper batches

pub struct NewPaperBatch<'a> {
    pub petition_id: i64,
    pub city_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub signatures: i64,
    pub country_code: &'a CountryCode,
    pub collected_from: NaiveDate,
    pub collected_to: NaiveDate,
    pub handed_over_on: NaiveDate,
    pub note: Option<&'a str>,
    pub scan: Option<(String, Vec<u8>)>,
}

pub fn insert_paper_batch(conn: &mut DbConn, batch: &NewPaperBatch<'_>) -> DbResult<i64> {
    Ok(diesel::insert_into(petition_paper_batches::table)
        .values((
            petition_paper_batches::petition_id.eq(batch.petition_id),
            petition_paper_batches::city_id.eq(batch.city_id),
            petition_paper_batches::recorded_by.eq(batch.recorded_by),
            petition_paper_batches::signatures.eq(batch.signatures),
            petition_paper_batches::country_code.eq(batch.country_code.as_str()),
            petition_paper_batches::collected_from.eq(batch.collected_from),
            petition_paper_batches::collected_to.eq(batch.collected_to),
            petition_paper_batches::handed_over_on.eq(batch.handed_over_on),
            petition_paper_batches::note.eq(batch.note),
            petition_paper_batches::scan_name.eq(batch.scan.as_ref().map(|(name, _)| name.clone())),
            petition_paper_batches::scan.eq(batch.scan.as_ref().map(|(_, bytes)| bytes.clone())),
            petition_paper_batches::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(petition_paper_batches::id)
        .get_result(conn)?)
}

/// Paper batches of a petition, or of one city.
pub fn paper_batches(
    conn: &mut DbConn,
    petition_id: i64,
    city_id: Option<i64>,
) -> DbResult<Vec<PaperBatch>> {
    let mut query = petition_paper_batches::table
        .filter(petition_paper_batches::petition_id.eq(petition_id))
        .into_boxed();
    if let Some(city_id) = city_id {
        query = query.filter(petition_paper_batches::city_id.eq(city_id));
    }
    Ok(query
        .order(petition_paper_batches::id.desc())
        .select(PaperBatch::as_select())
        .load(conn)?)
}

/// The Latin names of the cities `ids` (the recorders of paper batches).
pub fn city_names(conn: &mut DbConn, ids: &[i64]) -> DbResult<Vec<(i64, String)>> {
    use crate::schema::member_cities;
    Ok(member_cities::table
        .filter(member_cities::id.eq_any(ids))
        .select((member_cities::id, member_cities::name_latin))
        .load(conn)?)
}

/// A paper batch's scan, with what the download needs to check access.
pub struct Scan {
    pub city_id: Option<i64>,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A batch's city, scan name and scan bytes, as read.
type ScanRow = (Option<i64>, Option<String>, Option<Vec<u8>>);

pub fn paper_scan(conn: &mut DbConn, batch_id: i64) -> DbResult<Option<Scan>> {
    let row: Option<ScanRow> = petition_paper_batches::table
        .find(batch_id)
        .select((
            petition_paper_batches::city_id,
            petition_paper_batches::scan_name,
            petition_paper_batches::scan,
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(city_id, name, bytes)| {
        Some(Scan {
            city_id,
            name: name?,
            bytes: bytes?,
        })
    }))
}
