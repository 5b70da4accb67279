//! The routes of the gathering pages.

mod city;
mod metrics;
mod pages;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(pages::home)
        .service(pages::dashboard)
        .service(pages::healthz)
        .service(metrics::metrics)
        .service(city::city_page);
}
