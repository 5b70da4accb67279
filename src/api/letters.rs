//! The letters archive: sent letters of protest, statements, resolutions and
//! appeals, with the counts of letters of protest by addressee state.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use super::http::{date, json, Freshness};
use super::members::{country_param, year_param};
use crate::letters::archive::{self, Archive};
use crate::letters::models::LetterKind;
use crate::letters::store::ArchiveFilter;
use crate::web::AppState;

/// What the association issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Letter,
    Statement,
    Resolution,
    Appeal,
}

impl From<LetterKind> for Kind {
    fn from(kind: LetterKind) -> Kind {
        match kind {
            LetterKind::Letter => Kind::Letter,
            LetterKind::Statement => Kind::Statement,
            LetterKind::Resolution => Kind::Resolution,
            LetterKind::Appeal => Kind::Appeal,
        }
    }
}

impl From<Kind> for LetterKind {
    fn from(kind: Kind) -> LetterKind {
        match kind {
            Kind::Letter => LetterKind::Letter,
            Kind::Statement => LetterKind::Statement,
            Kind::Resolution => LetterKind::Resolution,
            Kind::Appeal => LetterKind::Appeal,
        }
    }
}

/// Filters of the archive; all optional.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LetterQuery {
    pub kind: Option<Kind>,
    /// The addressee state of letters of protest.
    #[param(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub country: Option<String>,
    /// Year of sending.
    #[param(minimum = 1900, maximum = 2100)]
    pub year: Option<i32>,
}

/// A sent letter, statement, resolution or appeal.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArchivedLetter {
    pub id: i64,
    pub kind: Kind,
    /// The addressee state of a letter of protest.
    pub target_country: Option<String>,
    pub target_country_name: Option<String>,
    pub subject: String,
    #[schema(format = Date)]
    pub sent_on: Option<String>,
    /// "To the United States / 37 in total": the letter's number among the
    /// letters of protest to its state.
    pub running_count: Option<i32>,
    /// The language it was written in (en, ja, ko).
    pub language: String,
    /// Its printable page on this site.
    pub url: String,
}

/// Letters of protest to one state: the historical tally and those sent from here.
#[derive(Debug, Serialize, ToSchema)]
pub struct StateCount {
    pub country: String,
    pub country_name: String,
    pub historical: i64,
    pub sent_here: i64,
    pub total: i64,
}

/// Where the historical tally comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct TallySource {
    pub as_of_year: i32,
    pub source: String,
}

/// The archive, newest first, and the counts by state (most first; not filtered).
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterArchive {
    pub letters: Vec<ArchivedLetter>,
    pub counts_by_state: Vec<StateCount>,
    pub tally_source: Option<TallySource>,
}

/// The letters archive with the counts by addressee state.
#[utoipa::path(
    get,
    path = "/api/v1/letters",
    tag = "letters",
    params(LetterQuery),
    responses(
        (status = 200, description = "Sent letters and counts by state", body = LetterArchive,
            headers(("ETag" = String, description = "Changes when the archive does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 400, description = "A parameter is not what this document says", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/letters")]
pub async fn get_letters(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LetterQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = query.filter()?;
    let archive = archive::archive(&state.db, filter, crate::i18n::Lang::english()).await?;
    Ok(json(&req, &LetterArchive::from(archive), Freshness::Minute))
}

impl LetterQuery {
    fn filter(&self) -> Result<ArchiveFilter, ApiError> {
        Ok(ArchiveFilter {
            kind: self
                .kind
                .map(|k| LetterKind::from(k).as_str().to_string())
                .unwrap_or_default(),
            country: self
                .country
                .as_deref()
                .map(country_param)
                .transpose()?
                .unwrap_or_default(),
            year: self.year.map(year_param).transpose()?,
        })
    }
}

impl From<Archive> for LetterArchive {
    fn from(archive: Archive) -> LetterArchive {
        let Archive {
            letters,
            counts,
            tally_source,
            ..
        } = archive;
        LetterArchive {
            letters: letters
                .into_iter()
                .map(|(letter, state_name)| ArchivedLetter {
                    id: letter.id,
                    kind: letter.kind.into(),
                    target_country_name: letter.target_country.as_ref().map(|_| state_name),
                    target_country: letter.target_country,
                    subject: letter.subject,
                    sent_on: letter.sent_on.map(date),
                    running_count: letter.running_count,
                    language: letter.language,
                    url: format!("/letters/{}", letter.id),
                })
                .collect(),
            counts_by_state: counts
                .into_iter()
                .map(|(count, name)| StateCount {
                    total: count.total(),
                    country: count.code,
                    country_name: name,
                    historical: count.tally,
                    sent_here: count.system,
                })
                .collect(),
            tally_source: tally_source.map(|t| TallySource {
                as_of_year: t.as_of_year,
                source: t.source,
            }),
        }
    }
}
