//! The web layer's one error type and the error pages it turns into.
//!
//! A handler returns `AppError`; its status picks the page. The page itself is
//! rendered by [`render_error_pages`], a middleware that knows the request (and
//! so the visitor's language), which `ResponseError` alone does not.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::page::{request_language, PageCtx};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired { next: String },
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A link that worked once and no longer does (used, expired).
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("internal: {0}")]
    Internal(String),
}

/// An error that may be a refusal to tell the user on the form's page (a flash
/// in their language) rather than an error page: a step not allowed now, a
/// clash with another record. Areas implement it for their error types.
pub trait Refusal {
    fn refusal(&self, lang: Lang) -> Option<String>;
}

impl Refusal for AppError {
    fn refusal(&self, _: Lang) -> Option<String> {
        None
    }
}

impl From<crate::auth::AuthError> for AppError {
    fn from(error: crate::auth::AuthError) -> AppError {
        match error {
            crate::auth::AuthError::Database(e) => AppError::Database(e),
            other => AppError::internal(other),
        }
    }
}

impl AppError {
    pub fn internal(error: impl std::fmt::Display) -> AppError {
        AppError::Internal(error.to_string())
    }
}

/// Marks an error response whose page the middleware must render, with the message
/// key that explains it.
#[derive(Clone, Copy)]
struct ErrorPage {
    message_key: &'static str,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Database(_) | AppError::Template(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message_key = match self {
            AppError::LoginRequired { next } => {
                let location = format!("/login?next={}", urlencode(next));
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish();
            }
            AppError::NotFound => "error-not-found-text",
            AppError::Forbidden => "error-forbidden-text",
            AppError::Csrf => "error-csrf-text",
            AppError::BadRequest(key) | AppError::Gone(key) => key,
            AppError::TooManyRequests => "error-too-many-text",
            AppError::Database(_) | AppError::Template(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                "error-internal-text"
            }
        };
        let mut response = HttpResponse::new(self.status_code());
        response.extensions_mut().insert(ErrorPage { message_key });
        response
    }
}

pub fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorTemplate {
    ctx: PageCtx,
    status: u16,
    title_key: String,
    message_key: &'static str,
}

/// Renders the page for error responses that carry no page of their own: those of
/// `AppError`, and the router's own 404 and 405.
pub async fn render_error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = request_language(req.request());
    // Inner middleware answers refusals with responses (not `Err`), so they get pages too.
    let response = next.call(req).await?.map_into_boxed_body();
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(response);
    }
    // Problem details (the public API) are answers of their own, not pages.
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if is_problem {
        return Ok(response);
    }
    let marker = response.response().extensions().get::<ErrorPage>().copied();
    let message_key = match (marker, status) {
        (Some(page), _) => page.message_key,
        (None, StatusCode::NOT_FOUND) => "error-not-found-text",
        (None, StatusCode::METHOD_NOT_ALLOWED) => "error-not-found-text",
        (None, StatusCode::PAYLOAD_TOO_LARGE) => "error-too-large-text",
        // Responses that already have their own page (a form with errors) pass through.
        _ => return Ok(response),
    };
    Ok(response.map_body(|head, _| {
        let page = ErrorTemplate {
            ctx: PageCtx::bare(lang),
            status: status.as_u16(),
            title_key: error_title_key(status),
            message_key,
        };
        let html = page
            .render()
            .unwrap_or_else(|_| fallback_page(lang, status));
        head.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        BoxBody::new(html)
    }))
}

fn error_title_key(status: StatusCode) -> String {
    match status.as_u16() {
        code @ (400 | 403 | 404 | 405 | 410 | 413 | 429 | 500) => format!("error-{code}-title"),
        _ => "error-other-title".to_string(),
    }
}

fn fallback_page(lang: Lang, status: StatusCode) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><title>{status}</title><h1>{status}</h1></html>",
        lang.code()
    )
}
