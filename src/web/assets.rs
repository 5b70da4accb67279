//! The stylesheet, the one small script and the world map's shapes, compiled into the binary so the app
//! works offline and needs no files beside it.

use actix_web::{get, http::header, HttpResponse};

const APP_CSS: &str = include_str!("../../templates/static/app.css");
const LIVE_JS: &str = include_str!("../../templates/static/live.js");

#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(APP_CSS)
}

/// The world map's shapes (see `web::map::shapes_document`): the same for
/// every page and every release of the map data, so kept for a day.
#[get("/static/world-map.svg")]
pub async fn world_map_shapes() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/svg+xml"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(super::map::shapes_document())
}

/// Live figures on pages that change while they are read (a campaign sending).
#[get("/static/live.js")]
pub async fn live_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(LIVE_JS)
}
