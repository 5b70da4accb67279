//! The routes of the gathering pages.

mod city;
mod pages;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(pages::home)
        .service(pages::dashboard)
        .service(pages::healthz)
        .service(city::city_page);
}
