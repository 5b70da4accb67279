//! The application: shared state, middleware and every area's routes.

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{time::Duration as CookieDuration, Key, SameSite};
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpResponse};

use crate::config::Config;
use crate::web::{assets, csrf, error, middleware, page_cache, AppError, AppState};

/// Largest request body accepted (uploads such as a letter of intent as PDF).
const MAX_BODY_BYTES: usize = 12 * 1024 * 1024;
const SESSION_COOKIE: &str = "solidarity_session";
/// POSTs that carry their own authority instead of a session's CSRF token.
/// The read-only API takes no POST at all (each is answered 405), and callers
/// from other origins have no session to hold a token.
const CSRF_EXEMPT: &[&str] = &[
    crate::campaigns::unsubscribe::PATH_PREFIX,
    crate::api::PREFIX,
];

pub fn session_middleware(config: &Config) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(
        CookieSessionStore::default(),
        Key::derive_from(&config.secret_key),
    )
    .cookie_name(SESSION_COOKIE.into())
    .cookie_secure(config.secure_cookies)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    // Private: signed and encrypted, so its content is neither readable nor forgeable.
    .cookie_content_security(CookieContentSecurity::Private)
    .session_lifecycle(
        PersistentSession::default().session_ttl(CookieDuration::hours(config.session_ttl_hours)),
    )
    .build()
}

/// Registers the routes of every area.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(assets::stylesheet)
        .service(assets::live_script)
        .service(assets::world_map_shapes);
    crate::home::configure(cfg);
    crate::accounts::configure(cfg);
    crate::audit::configure(cfg);
    crate::mail::configure(cfg);
    crate::membership::configure(cfg);
    crate::petitions::configure(cfg);
    crate::dues::configure(cfg);
    crate::exhibitions::configure(cfg);
    crate::letters::configure(cfg);
    crate::campaigns::configure(cfg);
    crate::meetings::configure(cfg);
    crate::jobs::configure(cfg);
    crate::api::configure(cfg);
}

pub fn build_app(
    state: web::Data<AppState>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let config = state.config.clone();
    App::new()
        .app_data(state)
        .app_data(csrf::Exempt(CSRF_EXEMPT))
        .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
        .app_data(
            web::FormConfig::default()
                .limit(MAX_BODY_BYTES)
                .error_handler(|err, _| {
                    tracing::debug!(error = %err, "unreadable form");
                    AppError::BadRequest("error-bad-form").into()
                }),
        )
        .app_data(web::QueryConfig::default().error_handler(|err, _| {
            tracing::debug!(error = %err, "unreadable query");
            AppError::BadRequest("error-bad-form").into()
        }))
        .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
        .app_data(
            actix_multipart::form::MultipartFormConfig::default()
                .total_limit(MAX_BODY_BYTES)
                .memory_limit(MAX_BODY_BYTES)
                .error_handler(|err, _| {
                    tracing::debug!(error = %err, "unreadable upload");
                    AppError::BadRequest("error-bad-form").into()
                }),
        )
        .configure(routes)
        .default_service(web::to(|| async {
            Err::<HttpResponse, _>(AppError::NotFound)
        }))
        // Middleware runs from the last wrapped (outermost) to the first.
        .wrap(from_fn(csrf::verify_csrf))
        .wrap(from_fn(page_cache::forget_after_writes))
        .wrap(from_fn(middleware::no_store_when_signed_in))
        .wrap(from_fn(middleware::etag_for_pages))
        .wrap(from_fn(error::render_error_pages))
        .wrap(session_middleware(&config))
        .wrap(middleware::security_headers(config.secure_cookies))
        .wrap(from_fn(middleware::log_requests))
}
