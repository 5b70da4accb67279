//! What staff do after and around the signing: exports and the hand-over
//! report, the view of bursts with its bulk invalidation, the blocklist of
//! email domains, and the anonymisation of personal data after retention.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::error::PetitionError;
use super::forms::parse_domain;
use super::models::{Petition, PetitionStatus, SubmissionStatus};
use super::store::{self, Counts};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::now;
use crate::membership::countries::{self, Country};
use crate::membership::csv_io::neutralise;
use crate::schema::{
    petition_blocked_domains, petition_paper_batches, petition_signatures, petition_submissions,
    petitions,
};

/// A burst: at least this many submissions from one address or domain in the window.
pub const BURST_THRESHOLD: i64 = 10;
/// The longest window of the bursts page, in minutes (30 days).
const LONGEST_WINDOW: i64 = 60 * 24 * 30;

/// A file to download: its name and its bytes.
pub struct Download {
    pub name: String,
    pub body: Vec<u8>,
}

fn write_csv(
    header_row: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, PetitionError> {
    let internal = |e: csv::Error| PetitionError::Internal(e.to_string());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(header_row).map_err(internal)?;
    for row in rows {
        writer
            .write_record(row.into_iter().map(neutralise))
            .map_err(internal)?;
    }
    writer
        .into_inner()
        .map_err(|e| PetitionError::Internal(e.to_string()))
}

/// One verified signature for the export.
type SignatureRow = (
    Option<String>,
    String,
    Option<String>,
    Option<NaiveDateTime>,
    Option<String>,
);

/// Verified signatures as CSV: name, country, city, date, and the email
/// address when `with_email` (admins only); the export is audited.
pub async fn signatures_csv(
    db: &Db,
    actor: &Actor,
    petition_id: i64,
    with_email: bool,
) -> Result<Download, PetitionError> {
    let actor = actor.clone();
    let (petition, rows) = db
        .transaction(move |conn| {
            let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
            let rows = petition_signatures::table
                .inner_join(petition_submissions::table)
                .filter(petition_signatures::petition_id.eq(petition_id))
                .filter(petition_submissions::status.eq(SubmissionStatus::Verified.as_str()))
                .order(petition_signatures::id.asc())
                .select((
                    petition_signatures::name,
                    petition_signatures::country_code,
                    petition_signatures::city,
                    petition_submissions::verified_at,
                    petition_submissions::email,
                ))
                .load::<SignatureRow>(conn)?;
            let with = if with_email {
                " with email addresses"
            } else {
                ""
            };
            let summary = format!("{} signatures exported{with}", rows.len());
            audit::record(
                conn,
                &actor,
                Action::PetitionExportSignatures,
                petition_id,
                summary,
            )?;
            Ok::<_, PetitionError>((petition, rows))
        })
        .await?;
    let mut header_row = vec!["name", "country", "city", "date"];
    if with_email {
        header_row.push("email");
    }
    let rows = rows
        .into_iter()
        .map(|(name, country, city, verified_at, email)| {
            let mut row = vec![
                name.unwrap_or_default(),
                country,
                city.unwrap_or_default(),
                verified_at
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ];
            if with_email {
                row.push(email.unwrap_or_default());
            }
            row
        });
    Ok(Download {
        name: format!("{}-signatures.csv", petition.slug),
        body: write_csv(&header_row, rows)?,
    })
}

/// A petition with its counts and the countries, for the report and the CSV by country.
pub async fn counted(
    db: &Db,
    petition_id: i64,
) -> Result<(Petition, Counts, Vec<Country>), PetitionError> {
    db.read(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        Ok((
            petition,
            store::counts(conn, petition_id)?,
            countries::all(conn)?,
        ))
    })
    .await
}

/// The counts by country as CSV.
pub async fn countries_csv(db: &Db, petition_id: i64) -> Result<Download, PetitionError> {
    let (petition, counts, countries) = counted(db, petition_id).await?;
    let name_of = |code: &str| {
        countries
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name_en.clone())
            .unwrap_or_default()
    };
    let body = write_csv(
        &["country_code", "country", "online", "paper", "total"],
        counts.by_country.iter().map(|(code, online, paper)| {
            vec![
                code.clone(),
                name_of(code),
                online.to_string(),
                paper.to_string(),
                (online + paper).to_string(),
            ]
        }),
    )?;
    Ok(Download {
        name: format!("{}-countries.csv", petition.slug),
        body,
    })
}

// ------------------------------------------------------------ bursts

/// (IP address or domain, live submissions), largest first.
pub type Sources = Vec<(String, i64)>;

/// The window of the bursts page, in minutes: an hour unless asked, at most 30 days.
pub fn window(minutes: Option<i64>) -> i64 {
    minutes.unwrap_or(60).clamp(1, LONGEST_WINDOW)
}

/// Many live submissions from one IP address or email domain in the window.
pub fn bursts(
    conn: &mut DbConn,
    petition_id: i64,
    since: NaiveDateTime,
) -> DbResult<(Sources, Sources)> {
    let live = [
        SubmissionStatus::Pending.as_str(),
        SubmissionStatus::Verified.as_str(),
    ];
    let by_ip: Vec<(Option<String>, i64)> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::created_at.ge(since))
        .filter(petition_submissions::status.eq_any(live))
        .group_by(petition_submissions::ip)
        .select((petition_submissions::ip, diesel::dsl::count_star()))
        .load(conn)?;
    let by_domain: Vec<(Option<String>, i64)> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::created_at.ge(since))
        .filter(petition_submissions::status.eq_any(live))
        .group_by(petition_submissions::email_domain)
        .select((
            petition_submissions::email_domain,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let over = |rows: Vec<(Option<String>, i64)>| {
        let mut rows: Vec<(String, i64)> = rows
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .filter(|(_, n)| *n >= BURST_THRESHOLD)
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        rows
    };
    Ok((over(by_ip), over(by_domain)))
}

/// A petition's bursts in the last `minutes`: by address, by domain.
pub async fn recent_bursts(
    db: &Db,
    petition_id: i64,
    minutes: i64,
) -> Result<(Petition, Sources, Sources), PetitionError> {
    let since = now() - Duration::minutes(minutes);
    db.read(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let (by_ip, by_domain) = bursts(conn, petition_id, since)?;
        Ok((petition, by_ip, by_domain))
    })
    .await
}

/// Where the submissions of a burst came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Ip,
    Domain,
}

impl SourceKind {
    pub fn parse(text: &str) -> Option<SourceKind> {
        match text {
            "ip" => Some(SourceKind::Ip),
            "domain" => Some(SourceKind::Domain),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            SourceKind::Ip => "ip",
            SourceKind::Domain => "domain",
        }
    }
}

/// Invalidates every live submission from one IP address or domain in the last
/// `minutes`, audited; returns how many.
pub async fn invalidate(
    db: &Db,
    actor: &Actor,
    petition_id: i64,
    kind: SourceKind,
    value: String,
    minutes: i64,
) -> Result<usize, PetitionError> {
    let actor = actor.clone();
    let since = now() - Duration::minutes(minutes);
    db.transaction(move |conn| {
        store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let live = [
            SubmissionStatus::Pending.as_str(),
            SubmissionStatus::Verified.as_str(),
        ];
        let scope = petition_submissions::table
            .filter(petition_submissions::petition_id.eq(petition_id))
            .filter(petition_submissions::created_at.ge(since))
            .filter(petition_submissions::status.eq_any(live));
        let change = (
            petition_submissions::status.eq(SubmissionStatus::Invalidated.as_str()),
            petition_submissions::closed_at.eq(now()),
        );
        let count = match kind {
            SourceKind::Ip => diesel::update(scope.filter(petition_submissions::ip.eq(&value)))
                .set(change)
                .execute(conn)?,
            SourceKind::Domain => {
                diesel::update(scope.filter(petition_submissions::email_domain.eq(&value)))
                    .set(change)
                    .execute(conn)?
            }
        };
        let summary = format!(
            "{count} submissions from {} {value} in the last {minutes} minutes invalidated",
            kind.as_str()
        );
        audit::record(
            conn,
            &actor,
            Action::PetitionInvalidate,
            petition_id,
            summary,
        )?;
        Ok(count)
    })
    .await
}

// ------------------------------------------------------------ blocklist

/// The blocked domains and why, alphabetically.
pub async fn blocklist(db: &Db) -> Result<Vec<(String, Option<String>)>, PetitionError> {
    db.read(|conn| {
        Ok(petition_blocked_domains::table
            .order(petition_blocked_domains::domain.asc())
            .select((
                petition_blocked_domains::domain,
                petition_blocked_domains::reason,
            ))
            .load(conn)?)
    })
    .await
}

/// Blocks (`block`) or unblocks an email domain as typed, audited. A domain
/// that is not one is refused; one blocked already is `Already`.
pub async fn change_blocklist(
    db: &Db,
    actor: &Actor,
    domain: &str,
    reason: &str,
    block: bool,
) -> Result<(), PetitionError> {
    let domain = parse_domain(domain).ok_or(PetitionError::Refused("blocklist-invalid"))?;
    let reason = Some(reason.trim().to_string()).filter(|r| !r.is_empty());
    let actor = actor.clone();
    db.transaction(move |conn| {
        if block {
            diesel::insert_into(petition_blocked_domains::table)
                .values((
                    petition_blocked_domains::domain.eq(&domain),
                    petition_blocked_domains::reason.eq(&reason),
                    petition_blocked_domains::created_at.eq(now()),
                ))
                .execute(conn)
                .map_err(|e| match crate::db::DbError::from(e) {
                    e if e.is_unique_violation() => PetitionError::Already("blocklist-exists"),
                    e => e.into(),
                })?;
        } else {
            diesel::delete(petition_blocked_domains::table.find(&domain)).execute(conn)?;
        }
        let action = if block {
            Action::PetitionBlockDomain
        } else {
            Action::PetitionUnblockDomain
        };
        audit::record(conn, &actor, action, &domain, reason.unwrap_or_default())?;
        Ok(())
    })
    .await
}

// ------------------------------------------------------------ privacy

/// Removes names, cities, email and IP addresses (and paper scans) of every
/// petition closed longer ago than its retention period. Countries and dates
/// stay, so every count stays the same. Returns how many petitions it cleared.
pub fn anonymise_due(conn: &mut DbConn, today: NaiveDate) -> DbResult<usize> {
    let candidates: Vec<Petition> = petitions::table
        .filter(petitions::anonymised_at.is_null())
        .filter(petitions::closes_on.lt(today))
        .select(Petition::as_select())
        .load(conn)?;
    let due: Vec<&Petition> = candidates
        .iter()
        .filter(|p| {
            p.status != PetitionStatus::Draft
                && p.closes_on + Duration::days(i64::from(p.retention_days)) < today
        })
        .collect();
    for petition in &due {
        crate::db::write_transaction(conn, |conn| anonymise(conn, petition.id))?;
    }
    Ok(due.len())
}

/// [`anonymise_due`] as an operation, for the periodic job.
pub async fn anonymise_due_now(db: &Db, today: NaiveDate) -> Result<usize, PetitionError> {
    db.read(move |conn| Ok(anonymise_due(conn, today)?)).await
}

fn anonymise(conn: &mut DbConn, petition_id: i64) -> DbResult<()> {
    // Their messages in the outbox name them too: forgotten in this transaction.
    let submission_ids: Vec<i64> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .select(petition_submissions::id)
        .load(conn)?;
    crate::mail::retention::forget_recipients(conn, "petition_submission", &submission_ids)?;
    diesel::update(
        petition_signatures::table.filter(petition_signatures::petition_id.eq(petition_id)),
    )
    .set((
        petition_signatures::name.eq(None::<String>),
        petition_signatures::city.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(
        petition_submissions::table.filter(petition_submissions::petition_id.eq(petition_id)),
    )
    .set((
        petition_submissions::email.eq(None::<String>),
        petition_submissions::email_key.eq(None::<String>),
        petition_submissions::email_domain.eq(None::<String>),
        petition_submissions::ip.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(
        petition_paper_batches::table.filter(petition_paper_batches::petition_id.eq(petition_id)),
    )
    .set((
        petition_paper_batches::scan.eq(None::<Vec<u8>>),
        petition_paper_batches::scan_name.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(petitions::table.find(petition_id))
        .set(petitions::anonymised_at.eq(now()))
        .execute(conn)?;
    audit::record(
        conn,
        &Actor::system(),
        Action::PetitionAnonymise,
        petition_id,
        "names, cities, email and IP addresses, their messages in the outbox and paper scans removed after the retention period",
    )
}
