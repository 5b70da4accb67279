//! `GET /metrics` for Prometheus, from the addresses in METRICS_ALLOWED only.

use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::web::{AppError, AppState};

/// The peer's own address decides, never a forwarded header: a load balancer
/// in front must not make the figures public (the HAProxy configuration in
/// tests/deploy refuses the path as well). Anyone else gets the site's 404.
#[get("/metrics")]
pub async fn metrics(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let allowed = req.peer_addr().is_some_and(|peer| {
        let address = crate::config::canonical_ip(peer.ip());
        state
            .config
            .metrics_allowed
            .iter()
            .any(|net| net.contains(&address))
    });
    if !allowed {
        return Err(AppError::NotFound);
    }
    let snapshot = crate::home::metrics::snapshot(&state.db).await?;
    Ok(HttpResponse::Ok()
        .content_type(crate::metrics::CONTENT_TYPE)
        .insert_header(("Cache-Control", "no-store"))
        .body(crate::metrics::render(&snapshot)))
}
