//! The dues pages: staff's overview, payments, receipts, reminders, reports
//! and bank statements; a city's own contributions.

mod bank_import;
mod city;
mod entries;
mod overview;
mod receipts;
mod reminders;
mod reports;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(overview::overview)
        .service(overview::save_settings)
        .service(entries::payment_form)
        .service(entries::record_payment)
        .service(entries::waive_years)
        .service(entries::reverse_entry)
        .service(receipts::staff_receipt)
        .service(receipts::city_receipt)
        .service(receipts::email_receipt)
        .service(reminders::reminders_page)
        .service(reminders::send_reminders)
        .service(reminders::staff_set_opt_out)
        .service(reminders::city_set_opt_out)
        .service(reminders::save_payment_contact)
        .service(reports::report_page)
        .service(reports::report_csv)
        .service(bank_import::import_page)
        .service(bank_import::upload_statement)
        .service(bank_import::review_page)
        .service(bank_import::post_rows)
        .service(city::own_dues);
}
