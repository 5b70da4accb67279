//! Petitions: the list, one petition with its counts by country, and its
//! signature history (online signatures per hour and per day; paper apart).

use std::collections::HashMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::error::ApiError;
use super::http::{date, json, timestamp, Freshness};
use crate::membership::countries;
use crate::petitions::history;
use crate::petitions::models::{Petition, PetitionStatus};
use crate::petitions::public;
use crate::web::AppState;

/// Whether a petition takes signatures.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PetitionState {
    Open,
    Closed,
}

/// A petition as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionSummary {
    /// Stable id; the slug of its page may change.
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub addressee: String,
    pub goal: i64,
    #[schema(format = Date)]
    pub opens_on: String,
    #[schema(format = Date)]
    pub closes_on: String,
    pub status: PetitionState,
    /// Confirmed online signatures and paper signatures, as of the last recount.
    pub signatures: i64,
    /// The petition's page on this site.
    pub url: String,
}

fn summary(petition: &Petition, signatures: i64) -> PetitionSummary {
    PetitionSummary {
        id: petition.id,
        slug: petition.slug.clone(),
        title: petition.title.clone(),
        addressee: petition.addressee.clone(),
        goal: petition.goal,
        opens_on: date(petition.opens_on),
        closes_on: date(petition.closes_on),
        status: if petition.status == PetitionStatus::Open {
            PetitionState::Open
        } else {
            PetitionState::Closed
        },
        signatures,
        url: format!("/petitions/{}", petition.slug),
    }
}

/// Public petitions: open ones first, then closed, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/petitions",
    tag = "petitions",
    responses(
        (status = 200, description = "Every petition that is not a draft", body = Vec<PetitionSummary>,
            headers(("ETag" = String, description = "Changes when the list or a count does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/petitions")]
pub async fn get_petitions(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body: Vec<PetitionSummary> = public::list(&state.db)
        .await?
        .iter()
        .map(|(petition, total)| summary(petition, *total))
        .collect();
    Ok(json(&req, &body, Freshness::Seconds))
}

/// Signatures from one country or region.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryCount {
    #[schema(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub country: String,
    /// The country's English name.
    pub country_name: String,
    pub online: i64,
    pub paper: i64,
    pub total: i64,
}

/// A petition with its counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionDetail {
    #[serde(flatten)]
    pub petition: PetitionSummary,
    /// The text as the page shows it (sanitised HTML).
    pub body_html: String,
    pub online: i64,
    pub paper: i64,
    /// When the counts were last recounted (they may lag by a few seconds).
    #[schema(format = DateTime)]
    pub counted_at: Option<String>,
    /// Most signatures first.
    pub by_country: Vec<CountryCount>,
}

const ID_DESCRIPTION: &str = "The petition's id";

/// One public petition with its counts by country.
#[utoipa::path(
    get,
    path = "/api/v1/petitions/{id}",
    tag = "petitions",
    params(("id" = i64, Path, description = "The petition's id", minimum = 1)),
    responses(
        (status = 200, description = "The petition and its counts", body = PetitionDetail,
            headers(("ETag" = String, description = "Changes when a count does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 400, description = "The id is not a whole number from 1", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No public petition has this id", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/petitions/{id}")]
pub async fn get_petition(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id_param(*id)?;
    let (petition, counts) = history::public_petition(&state.db, id).await?;
    let names = country_names(&state).await?;
    let body = PetitionDetail {
        petition: summary(&petition, counts.total()),
        body_html: petition.body_html(),
        online: counts.online,
        paper: counts.paper,
        counted_at: counts.counted_at.map(timestamp),
        by_country: counts
            .by_country
            .iter()
            .map(|(code, online, paper)| CountryCount {
                country: code.clone(),
                country_name: names.get(code).cloned().unwrap_or_else(|| code.clone()),
                online: *online,
                paper: *paper,
                total: online + paper,
            })
            .collect(),
    };
    Ok(json(&req, &body, Freshness::Seconds))
}

/// Ids start at 1; anything else is a bad parameter, not a missing petition.
pub fn id_param(id: i64) -> Result<i64, ApiError> {
    if id >= 1 {
        Ok(id)
    } else {
        Err(ApiError::bad(
            "id",
            ID_DESCRIPTION.to_string() + " is a whole number from 1",
        ))
    }
}

async fn country_names(state: &AppState) -> Result<HashMap<String, String>, ApiError> {
    Ok(state
        .db
        .read(|conn| Ok::<_, ApiError>(countries::all(conn)?))
        .await?
        .into_iter()
        .map(|c| (c.code.to_string(), c.name_en))
        .collect())
}

/// Online signatures confirmed in one hour (UTC).
#[derive(Debug, Serialize, ToSchema)]
pub struct HourCount {
    /// The start of the hour.
    #[schema(format = DateTime)]
    pub hour: String,
    pub signatures: i64,
}

/// Signatures of one day (UTC).
#[derive(Debug, Serialize, ToSchema)]
pub struct DayCount {
    #[schema(format = Date)]
    pub day: String,
    pub signatures: i64,
}

/// A petition's signatures over time. Every series is oldest first, with no gaps.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignatureHistory {
    pub petition_id: i64,
    /// Confirmed online signatures per hour, the last 168 hours up to the latest
    /// confirmation.
    pub per_hour: Vec<HourCount>,
    /// Confirmed online signatures per day, from the first confirmation to the last.
    pub per_day: Vec<DayCount>,
    /// Paper signatures per day they were handed over, from the first batch to the last.
    pub paper_per_day: Vec<DayCount>,
}

/// A petition's signature history (counted live: it may run a few seconds
/// ahead of the recounted totals).
#[utoipa::path(
    get,
    path = "/api/v1/petitions/{id}/history",
    tag = "petitions",
    params(("id" = i64, Path, description = "The petition's id", minimum = 1)),
    responses(
        (status = 200, description = "Signatures per hour and per day, paper apart", body = SignatureHistory,
            headers(("ETag" = String, description = "Changes when a count does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 400, description = "The id is not a whole number from 1", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 404, description = "No public petition has this id", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/petitions/{id}/history")]
pub async fn get_signature_history(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id_param(*id)?;
    let (petition, history) = history::signature_history(&state.db, id).await?;
    let days = |series: Vec<(chrono::NaiveDate, i64)>| {
        series
            .into_iter()
            .map(|(day, signatures)| DayCount {
                day: date(day),
                signatures,
            })
            .collect()
    };
    let body = SignatureHistory {
        petition_id: petition.id,
        per_hour: history
            .per_hour
            .into_iter()
            .map(|(hour, signatures)| HourCount {
                hour: timestamp(hour),
                signatures,
            })
            .collect(),
        per_day: days(history.per_day),
        paper_per_day: days(history.paper_per_day),
    };
    Ok(json(&req, &body, Freshness::Seconds))
}
