//! Upcoming A-bomb Poster Exhibitions (those their holders agreed to publish).

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{NaiveTime, SecondsFormat, TimeZone};
use serde::Serialize;
use utoipa::ToSchema;

use super::error::ApiError;
use super::http::{date, json, Freshness};
use crate::exhibitions::models::Exhibition;
use crate::exhibitions::views;
use crate::web::AppState;

/// A published exhibition that has not ended yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpcomingExhibition {
    pub id: i64,
    pub title: String,
    /// The member city or organisation that holds it.
    pub holder: String,
    pub venue: String,
    #[schema(format = Date)]
    pub starts_on: String,
    #[schema(format = Date)]
    pub ends_on: String,
    /// Local opening time (HH:MM) in `time_zone`.
    pub opens_at: Option<String>,
    /// Local closing time (HH:MM) in `time_zone`.
    pub closes_at: Option<String>,
    /// The venue's IANA time zone.
    pub time_zone: String,
    /// The first opening as a moment with the venue's offset.
    #[schema(format = DateTime)]
    pub first_opening: Option<String>,
}

/// The first day's opening time in the venue's zone, with its offset.
fn first_opening(e: &Exhibition) -> Option<String> {
    let time = NaiveTime::parse_from_str(e.opens_at.as_deref()?, "%H:%M").ok()?;
    let zone: chrono_tz::Tz = e.time_zone.parse().ok()?;
    let local = zone
        .from_local_datetime(&e.starts_on.and_time(time))
        .earliest()?;
    Some(local.to_rfc3339_opts(SecondsFormat::Secs, false))
}

/// Upcoming exhibitions, soonest first.
#[utoipa::path(
    get,
    path = "/api/v1/exhibitions",
    tag = "exhibitions",
    responses(
        (status = 200, description = "Published exhibitions not over yet", body = Vec<UpcomingExhibition>,
            headers(("ETag" = String, description = "Changes when the list does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/exhibitions")]
pub async fn get_exhibitions(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body: Vec<UpcomingExhibition> = views::upcoming(&state.db)
        .await?
        .into_iter()
        .map(|(e, holder)| UpcomingExhibition {
            id: e.id,
            first_opening: first_opening(&e),
            title: e.title,
            holder,
            venue: e.venue,
            starts_on: date(e.starts_on),
            ends_on: date(e.ends_on),
            opens_at: e.opens_at,
            closes_at: e.closes_at,
            time_zone: e.time_zone,
        })
        .collect();
    Ok(json(&req, &body, Freshness::Minute))
}
