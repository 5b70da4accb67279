//! Membership's routes: each file a group of pages.

mod city;
mod countries;
mod csv;
mod invitations;
mod join;
mod members;
mod public;
mod records;
mod registration;
mod review;

use actix_web::web;

/// The CSV routes come before the directory's: a route `/staff/members/{id}`
/// would take `export.csv` and `import` for ids.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(csv::export_members)
        .service(csv::import_form)
        .service(csv::import_upload)
        .service(join::application_form)
        .service(join::submit_application)
        .service(join::status_page)
        .service(join::reply)
        .service(join::status_file)
        .service(review::queue_page)
        .service(review::application_page)
        .service(review::letter_download)
        .service(review::file_download)
        .service(review::approve)
        .service(review::reject)
        .service(review::request_information)
        .service(registration::registration_page)
        .service(registration::run_registration)
        .service(registration::set_registration_day)
        .service(public::public_directory)
        .service(public::officers_page)
        .service(public::certificate)
        .service(public::statistics_page)
        .service(public::members_by_country)
        .service(members::staff_directory)
        .service(members::withdraw_page)
        .service(members::change_status)
        .service(members::add_role)
        .service(members::end_role)
        .service(members::edit_role)
        .service(members::invite_city_user)
        .service(records::edit_form)
        .service(records::save)
        .service(city::own_city)
        .service(city::edit_form)
        .service(city::save_contact)
        .service(invitations::city_invitations)
        .service(invitations::city_invite)
        .service(invitations::staff_invitations)
        .service(invitations::staff_invite)
        .service(countries::countries_page)
        .service(countries::add_region)
        .service(countries::move_country);
}
