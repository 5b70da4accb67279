//! The pages of meetings: staff's list, form and meeting page; the day's
//! pages (delegates CSV, badges, sign-in sheet, attendance, visa letters);
//! the public pages and the .ics; a city's registration page (through its
//! link) and a city user's list of invitations.

mod city;
mod day;
mod public;
mod register;
mod staff;

use crate::meetings::registration::Links;
use crate::web::AppState;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(staff::list_page)
        .service(staff::new_page)
        .service(staff::create)
        .service(staff::detail_page)
        .service(staff::publish)
        .service(staff::invite)
        .service(staff::add_outcome)
        .service(day::delegates_csv)
        .service(day::badges)
        .service(day::sign_in_sheet)
        .service(day::attendance_page)
        .service(day::mark_attendance)
        .service(day::visa_letter)
        .service(public::list_page)
        .service(public::meeting_page)
        .service(public::meeting_ics)
        .service(register::page)
        .service(register::submit)
        .service(register::decline)
        .service(city::list_page);
}

/// The key and address the links in emails are made with.
fn links(state: &AppState) -> Links {
    Links {
        secret_key: state.config.secret_key.clone(),
        base_url: state.config.base_url.clone(),
    }
}
