//! What the public API answers besides success: RFC 9457 problem details
//! (`application/problem+json`), never an HTML page.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::{AppError, Refusal};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    /// A query or path parameter that is not what the document says.
    #[error("bad parameter {name}: {detail}")]
    BadParameter { name: &'static str, detail: String },
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: i64 },
    #[error(transparent)]
    Database(DbError),
    /// An area's answer the API has no other word for (none is expected on reads).
    #[error("internal: {0}")]
    Internal(String),
}

crate::database_errors!(ApiError);

impl ApiError {
    pub fn bad(name: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            name,
            detail: detail.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    pub r#type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// The query or path parameter at fault, for a bad parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            r#type: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: detail.into(),
            parameter: None,
        }
    }

    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(serde_json::to_string(self).unwrap_or_default())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        match self {
            ApiError::NotFound => Problem::new(status, "Nothing public has this id.").response(),
            ApiError::BadParameter { name, detail } => Problem {
                parameter: Some((*name).to_string()),
                ..Problem::new(status, format!("Parameter {name}: {detail}"))
            }
            .response(),
            ApiError::TooManyRequests {
                retry_after_seconds,
            } => {
                let mut response = Problem::new(
                    status,
                    format!("Too many requests from this address; try again in {retry_after_seconds} seconds."),
                )
                .response();
                if let Ok(value) = header::HeaderValue::from_str(&retry_after_seconds.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                response
            }
            ApiError::Database(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "API request failed");
                Problem::new(status, "The server could not answer; try again later.").response()
            }
        }
    }
}

impl From<ApiError> for AppError {
    fn from(error: ApiError) -> AppError {
        match error {
            ApiError::NotFound => AppError::NotFound,
            ApiError::BadParameter { .. } => AppError::BadRequest("error-bad-form"),
            ApiError::TooManyRequests { .. } => AppError::TooManyRequests,
            ApiError::Database(error) => AppError::Database(error),
            ApiError::Internal(text) => AppError::Internal(text),
        }
    }
}

impl Refusal for ApiError {
    fn refusal(&self, _: Lang) -> Option<String> {
        None
    }
}

/// Areas' errors as the API tells them: their "not found" stays one.
macro_rules! from_area_error {
    ($($area:path),+) => {$(
        impl From<$area> for ApiError {
            fn from(error: $area) -> ApiError {
                match AppError::from(error) {
                    AppError::NotFound => ApiError::NotFound,
                    AppError::Database(error) => ApiError::Database(error),
                    other => ApiError::Internal(other.to_string()),
                }
            }
        }
    )+};
}

from_area_error!(
    crate::membership::MembershipError,
    crate::petitions::PetitionError,
    crate::letters::error::LetterError,
    crate::exhibitions::error::ExhibitionError
);
