//! The one stylesheet, compiled into the binary so the app works offline and needs
//! no files beside it.

use actix_web::{get, http::header, HttpResponse};

const APP_CSS: &str = include_str!("../../templates/static/app.css");

#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(APP_CSS)
}
