//! The public read API under `/api/v1`: JSON of what the public pages show,
//! described by an OpenAPI 3.1 document generated from these handlers
//! (`docs`), with ETags, CORS on GET, a per-address rate limit counted in the
//! database (shared by every instance) and RFC 9457 problem details.
//!
//! Handlers call the areas' public read operations and map their answers to
//! the documented shapes, field by field: nothing the public pages hide (emails,
//! contacts, member numbers) is ever copied into an answer.

pub mod docs;
pub mod error;
pub mod exhibitions;
pub mod http;
pub mod letters;
pub mod members;
pub mod petitions;
pub mod statistics;

pub use error::ApiError;

use actix_web::middleware::from_fn;
use actix_web::web;

/// Where the API lives; POSTs here need no CSRF token (they are all refused
/// with 405: nothing under it changes anything).
pub const PREFIX: &str = "/api/v1";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(docs::api_page).service(
        web::scope(PREFIX)
            .app_data(http::query_config())
            .app_data(http::path_config())
            .wrap(from_fn(http::guard))
            .service(statistics::get_statistics)
            .service(statistics::get_country_statistics)
            .service(members::get_cities)
            .service(members::get_officers)
            .service(petitions::get_petitions)
            .service(petitions::get_petition)
            .service(petitions::get_signature_history)
            .service(letters::get_letters)
            .service(exhibitions::get_exhibitions)
            .service(docs::get_openapi)
            // The method guards of the routes send other methods here too:
            // those are 405 (with `Allow: GET`, added by `guard`).
            .default_service(web::to(|req: actix_web::HttpRequest| async move {
                if req.method() == actix_web::http::Method::GET {
                    actix_web::HttpResponse::NotFound().finish()
                } else {
                    actix_web::HttpResponse::MethodNotAllowed().finish()
                }
            })),
    );
}
