//! The pages of letters: staff's drafts (list, form), one letter's pages
//! (draft, print, history), its steps out (circulate, exclude an officer,
//! final, send), its translations, the public
//! archive and an officer's review page.

mod drafts;
mod letter;
mod public;
mod review;
mod steps;
mod translations;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(drafts::staff_list)
        .service(drafts::new_form)
        .service(drafts::create)
        .service(drafts::edit_form)
        .service(drafts::save)
        .service(letter::detail)
        .service(letter::history)
        .service(letter::print)
        .service(steps::circulate)
        .service(steps::exclude)
        .service(steps::include)
        .service(steps::finalise)
        .service(steps::confirm_send)
        .service(steps::send)
        .service(translations::translation_form)
        .service(translations::save_translation)
        .service(translations::translation_history)
        .service(public::archive)
        .service(review::review_page)
        .service(review::submit_answer)
        .service(public::public_letter);
}
