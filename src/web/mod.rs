//! What every area's handlers share: the error type and pages, the page context
//! and role guards, CSRF, flash messages, middleware and the stylesheet.

pub mod assets;
pub mod client_address;
pub mod csrf;
pub mod error;
pub mod flash;
pub mod form;
pub mod map;
pub mod middleware;
pub mod page;
pub mod page_cache;
pub mod rate_limit;
pub mod state;

use actix_web::{http::header, HttpResponse};
use askama::Template;

pub use client_address::client_address;
pub use error::{AppError, Refusal};
pub use page::{Admin, PageCtx, SignedIn, Staff};
pub use state::AppState;

/// Renders a page template into a 200 response.
pub fn render(page: &impl Template) -> Result<HttpResponse, AppError> {
    render_with_status(page, actix_web::http::StatusCode::OK)
}

/// Renders a page with another status, e.g. a form with errors (422).
pub fn render_with_status(
    page: &impl Template,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let html = page.render()?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .body(html))
}

/// A redirect after a successful POST (303, so the browser follows with GET).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A redirect target from user input, kept on this site: a path that starts with
/// one slash, never `//host` or a full URL. Browsers drop tabs and line breaks
/// from a Location and read a backslash as a slash (`/\t/evil.example` would
/// become `//evil.example`), so a path holding any of those, any other control
/// character or white space, is refused whole.
pub fn local_path(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path
                    .chars()
                    .any(|c| c == '\\' || c.is_control() || c.is_whitespace()) =>
        {
            path.to_string()
        }
        _ => fallback.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(local_path(Some("/staff"), "/"), "/staff");
        assert_eq!(local_path(Some("//evil.example"), "/"), "/");
        assert_eq!(local_path(Some("https://evil.example"), "/"), "/");
        assert_eq!(local_path(Some("/\\evil.example"), "/"), "/");
        assert_eq!(local_path(None, "/home"), "/home");
        assert_eq!(local_path(Some("/\t/evil.example"), "/"), "/");
        assert_eq!(local_path(Some("/\r\n/evil.example"), "/"), "/");
        assert_eq!(local_path(Some("/ /evil.example"), "/"), "/");
        assert_eq!(
            local_path(Some("/staff/members?q=ypres"), "/"),
            "/staff/members?q=ypres"
        );
    }
}
