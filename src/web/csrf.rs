//! CSRF protection: one random token per session, required on every request that
//! can change something. Forms carry it in the hidden field `csrf_token`
//! (urlencoded or multipart); scripts may send the `X-CSRF-Token` header instead.
//! A request without the right token gets 403 before any handler runs.

use actix_session::{Session, SessionExt};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::web::Bytes;

use crate::web::error::AppError;

const SESSION_KEY: &str = "csrf";
pub const FIELD: &str = "csrf_token";
const HEADER: &str = "x-csrf-token";

/// The session's token, created on first use.
pub fn session_token(session: &Session) -> Result<String, AppError> {
    if let Ok(Some(token)) = session.get::<String>(SESSION_KEY) {
        return Ok(token);
    }
    let token = crate::domain::random::random_token();
    session
        .insert(SESSION_KEY, &token)
        .map_err(AppError::internal)?;
    Ok(token)
}

/// Paths whose POSTs need no token, handed over by the app (`App::app_data`):
/// requests that come without a session and carry their own authority, such as
/// RFC 8058 one-click unsubscribe from mail clients (a signed token in the path).
#[derive(Clone, Copy, Default)]
pub struct Exempt(pub &'static [&'static str]);

fn is_exempt(req: &ServiceRequest) -> bool {
    req.app_data::<Exempt>()
        .is_some_and(|exempt| exempt.0.iter().any(|prefix| req.path().starts_with(prefix)))
}

pub async fn verify_csrf<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    if is_exempt(&req) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let expected = req.get_session().get::<String>(SESSION_KEY).ok().flatten();
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let submitted = match header_token {
        Some(token) => Some(token),
        None => {
            // Read the body to find the field, then hand it back for the handler.
            let body = req.extract::<Bytes>().await?;
            let token = token_in_body(content_type(&req).as_deref(), &body);
            req.set_payload(actix_web::dev::Payload::from(body));
            token
        }
    };
    match (expected, submitted) {
        (Some(expected), Some(submitted))
            if constant_time_eq(expected.as_bytes(), submitted.as_bytes()) =>
        {
            Ok(next.call(req).await?.map_into_left_body())
        }
        _ => {
            // The route's pattern, not the path: paths carry tokens (`/invite/{token}`).
            let route = req.match_pattern().unwrap_or_else(|| "(unmatched)".into());
            tracing::warn!(
                method = %req.method(),
                route = %route,
                "refused a request without a valid CSRF token"
            );
            Ok(req.error_response(AppError::Csrf).map_into_right_body())
        }
    }
}

fn content_type(req: &ServiceRequest) -> Option<String> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase)
}

fn token_in_body(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    match content_type {
        Some(ct) if ct.starts_with("application/x-www-form-urlencoded") => {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
                .ok()?
                .into_iter()
                .find(|(name, _)| name == FIELD)
                .map(|(_, value)| value)
        }
        Some(ct) if ct.starts_with("multipart/form-data") => token_in_multipart(body),
        _ => None,
    }
}

/// Finds the `csrf_token` part of a multipart body. Forms put it first, so this
/// reads only the start of an upload.
fn token_in_multipart(body: &[u8]) -> Option<String> {
    let marker = format!("name=\"{FIELD}\"");
    let start = find(body, marker.as_bytes())?;
    let after_headers = start + find(&body[start..], b"\r\n\r\n")? + 4;
    let end = after_headers + find(&body[after_headers..], b"\r\n")?;
    String::from_utf8(body[after_headers..end].to_vec()).ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_in_form_bodies() {
        let form = b"email=a%40b.org&csrf_token=abc123&x=1";
        assert_eq!(
            token_in_body(Some("application/x-www-form-urlencoded"), form).as_deref(),
            Some("abc123")
        );
        let multipart = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--XyZ--\r\n";
        assert_eq!(
            token_in_body(Some("multipart/form-data; boundary=XyZ"), multipart).as_deref(),
            Some("abc123")
        );
        assert_eq!(
            token_in_body(Some("application/json"), b"{\"csrf_token\":\"abc123\"}"),
            None
        );
        assert_eq!(
            token_in_body(Some("application/x-www-form-urlencoded"), b"email=x"),
            None
        );
    }

    /// A log writer the test reads back.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[actix_web::test]
    async fn a_refusal_logs_the_route_pattern_not_the_token_in_the_path() {
        use actix_web::{test, web, App, HttpResponse};
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(actix_web::middleware::from_fn(verify_csrf))
                .route("/invite/{token}", web::post().to(HttpResponse::Ok)),
        )
        .await;
        let request = test::TestRequest::post()
            .uri("/invite/SECRET-INVITATION-TOKEN")
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status(), 403);
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(
            log.contains("refused a request without a valid CSRF token"),
            "{log}"
        );
        assert!(log.contains("/invite/{token}"), "{log}");
        assert!(!log.contains("SECRET-INVITATION-TOKEN"), "{log}");
    }

    #[test]
    fn compares_tokens_exactly() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
