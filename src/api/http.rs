//! What every answer of the public API shares: JSON with a strong `ETag` and
//! `Cache-Control` (and 304 when the client's copy is current), CORS for GETs,
//! the per-address rate limit, and problem details for every error.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use chrono::{NaiveDate, NaiveDateTime, SecondsFormat};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::{ApiError, Problem, PROBLEM_JSON};
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;

/// How long clients and caches may keep an answer without asking again.
#[derive(Debug, Clone, Copy)]
pub enum Freshness {
    /// Figures that change with registrations, letters and exhibitions.
    Minute,
    /// Petition counts, recounted every few seconds.
    Seconds,
}

impl Freshness {
    fn header(self) -> &'static str {
        match self {
            Freshness::Minute => "public, max-age=60",
            Freshness::Seconds => "public, max-age=10",
        }
    }
}

/// A JSON answer with its `ETag` (a hash of the body), or 304 Not Modified when
/// the request's `If-None-Match` names that tag.
pub fn json<T: Serialize>(req: &HttpRequest, value: &T, freshness: Freshness) -> HttpResponse {
    let body = match serde_json::to_vec(value) {
        Ok(body) => body,
        Err(error) => return ApiError::Internal(error.to_string()).error_response(),
    };
    let digest = Sha256::digest(&body);
    let etag = format!("\"{}\"", hex::encode(&digest[..16]));
    let cache_control = (header::CACHE_CONTROL, freshness.header());
    if client_has(req, &etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header(cache_control)
            .finish();
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .insert_header((header::ETAG, etag))
        .insert_header(cache_control)
        .body(body)
}

/// Whether `If-None-Match` lists `etag` (weak comparison, as RFC 9110 asks) or is `*`.
fn client_has(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// A moment as RFC 3339 with its offset (always UTC here): `2026-12-03T09:00:00+00:00`.
pub fn timestamp(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A day as RFC 3339's full-date: `2026-12-03`.
pub fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The scope's middleware: counts the request against the address's limit,
/// then marks GET answers readable from any origin and turns any error the
/// router or an extractor gave into problem details.
pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        let limit = Limit::per_minute(state.config.api_requests_per_minute);
        let ip = crate::web::client_address(req.request())
            .map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
        let now = crate::domain::clock::now();
        let bucket = format!("api:{ip}");
        let allowed = state
            .db
            .read(move |conn| rate_limit::allow(conn, &bucket, limit, now))
            .await;
        match allowed {
            Ok(true) => {}
            Ok(false) => {
                let error = ApiError::TooManyRequests {
                    retry_after_seconds: seconds_left_in_window(now, limit),
                };
                return Ok(finish(req.into_response(error.error_response())));
            }
            Err(error) => {
                let response = ApiError::Database(error).error_response();
                return Ok(finish(req.into_response(response)));
            }
        }
    }
    let response = next.call(req).await?.map_into_boxed_body();
    Ok(finish(response))
}

/// The fixed window of `rate_limit` ends on a multiple of its length.
fn seconds_left_in_window(now: NaiveDateTime, limit: Limit) -> i64 {
    let window = limit.window.num_seconds().max(1);
    window - now.and_utc().timestamp().rem_euclid(window)
}

fn finish(response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let is_get = response.request().method() == Method::GET;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let mut response = if (status.is_client_error() || status.is_server_error()) && !is_problem {
        response.map_body(|head, _| {
            head.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static(PROBLEM_JSON),
            );
            BoxBody::new(serde_json::to_string(&problem_for(status)).unwrap_or_default())
        })
    } else {
        response
    };
    let headers = response.headers_mut();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        headers.insert(header::ALLOW, header::HeaderValue::from_static("GET"));
    }
    if is_get {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            header::HeaderValue::from_static("*"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            header::HeaderValue::from_static("ETag, Retry-After"),
        );
    }
    response
}

fn problem_for(status: StatusCode) -> Problem {
    let detail = match status {
        StatusCode::NOT_FOUND => "There is no such resource; see /api/v1/openapi.json.",
        StatusCode::METHOD_NOT_ALLOWED => "The API is read-only: only GET is allowed.",
        StatusCode::BAD_REQUEST => "The request could not be read.",
        _ => "The request could not be answered.",
    };
    Problem::new(status, detail)
}

/// Bad query strings and path segments, answered as problems.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _| {
        ApiError::bad(
            "query",
            format!("the query string could not be read ({err})"),
        )
        .into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|_, _| ApiError::bad("id", "an id is a whole number from 1").into())
}
