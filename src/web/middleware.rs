//! Request logging and security headers.

use std::time::Instant;

use actix_session::SessionExt;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{DefaultHeaders, Next};

/// Scripts and styles only from our own origin, no framing, no plugins.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Browsers that saw the site over HTTPS keep to HTTPS for a year.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// The headers every answer carries; `Strict-Transport-Security` too when the
/// site is served over HTTPS (BASE_URL starts with https://).
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}

/// Pages and documents of a signed-in session (or one halfway through signing
/// in) are never stored by the browser or a proxy: `Cache-Control: no-store`,
/// so the back button on a shared computer after signing out shows nothing.
pub async fn no_store_when_signed_in(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let signed_in = crate::auth::session::has_identity(&req.get_session());
    let mut response = next.call(req).await?;
    if signed_in {
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        );
    }
    Ok(response)
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
            crate::metrics::request_answered(
                method.as_str(),
                &route,
                response.status().as_u16(),
                latency_ms / 1000.0,
            );
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
            let status = error.as_response_error().status_code().as_u16();
            crate::metrics::request_answered(
                method.as_str(),
                "(error)",
                status,
                latency_ms / 1000.0,
            );
            tracing::info!(
                request_id = %request_id,
                method = %method,
                status,
                latency_ms = format!("{latency_ms:.1}"),
                error = %error,
                "request"
            );
            Err(error)
        }
    }
}

/// Pages without a `Cache-Control` of their own (public pages; a signed-in
/// session's get `no-store` above) answer with an `ETag` of their bytes and
/// `Cache-Control: private, no-cache`: the browser keeps the page and asks again
/// each time, and gets `304 Not Modified` without a body while it has not
/// changed. `private`: a page carries its visitor's CSRF token, so no shared
/// cache may keep it.
pub async fn etag_for_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let is_get = req.method() == Method::GET;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.call(req).await?;
    let is_page = is_get
        && response.status() == StatusCode::OK
        && !response.headers().contains_key(header::CACHE_CONTROL)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !is_page {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (mut head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.map_err(|e| {
        let e: Box<dyn std::error::Error> = e.into();
        actix_web::error::ErrorInternalServerError(e.to_string())
    })?;
    let tag = etag_of(&bytes);
    let unchanged = if_none_match.is_some_and(|value| {
        value
            .to_str()
            .is_ok_and(|list| list.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
    });
    let headers = head.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    let response = if unchanged {
        *head.status_mut() = StatusCode::NOT_MODIFIED;
        head.set_body(BoxBody::new(()))
    } else {
        head.set_body(BoxBody::new(bytes))
    };
    Ok(ServiceResponse::new(request, response))
}

/// A strong validator: 64 bits of a hash of the page's bytes, quoted.
fn etag_of(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}
