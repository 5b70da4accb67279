//! The admin Outbox page.

mod outbox;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(outbox::outbox_page)
        .service(outbox::retry)
        .service(outbox::cancel);
}
