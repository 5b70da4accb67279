//! The campaigns' pages: writing and previewing, sending, unsubscribing.

mod campaigns;
mod sending;
mod unsubscribe;
mod versions;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(campaigns::list)
        .service(campaigns::save_settings)
        .service(campaigns::confirm_threshold)
        .service(campaigns::new_form)
        .service(campaigns::create)
        .service(campaigns::edit_form)
        .service(campaigns::save)
        .service(campaigns::detail)
        .service(campaigns::progress_json)
        .service(versions::edit)
        .service(versions::save)
        .service(versions::remove)
        .service(sending::confirm_send)
        .service(sending::test_send)
        .service(sending::send)
        .service(sending::approve)
        .service(sending::pause)
        .service(sending::resume)
        .service(sending::cancel);
    cfg.service(unsubscribe::page)
        .service(unsubscribe::one_click)
        .service(unsubscribe::preview);
}
