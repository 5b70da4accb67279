//! Request logging and security headers.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};

/// Scripts and styles only from our own origin, no framing, no plugins.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}

/// Logs one line per request: method, route, status, latency and a request id,
/// which is also returned in `X-Request-Id` so a user can quote it.
///
/// The route pattern (`/invite/{token}`) is logged rather than the path, so that
/// tokens in links never reach the logs.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = crate::domain::random::random_hex(8);
    let method = req.method().clone();
    let result = next.call(req).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(mut response) => {
            let route = response
                .request()
                .match_pattern()
                .unwrap_or_else(|| "(unmatched)".into());
            tracing::info!(
                request_id = %request_id,
                method = %method,
                route = %route,
                status = response.status().as_u16(),
                latency_ms = format!("{latency_ms:.1}"),
                "request"
            );
            if let Ok(value) = HeaderValue::from_str(&request_id) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static("x-request-id"), value);
            }
            Ok(response)
        }
        Err(error) => {
            tracing::info!(
                request_id = %request_id,
                method = %method,
                status = error.as_response_error().status_code().as_u16(),
                latency_ms = format!("{latency_ms:.1}"),
                error = %error,
                "request"
            );
            Err(error)
        }
    }
}
