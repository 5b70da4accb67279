//! The exhibition pages: staff's list and month view, an exhibition's page,
//! the poster sets, a city's own pages, the public pages and the poster library.

mod city;
mod form_page;
mod library;
mod poster_sets;
mod public;
mod staff_exhibition;
mod staff_list;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    // Fixed paths before `{id}` patterns that would swallow them.
    cfg.service(staff_list::list_page)
        .service(poster_sets::settings_page)
        .service(poster_sets::save_settings)
        .service(poster_sets::sets_page)
        .service(poster_sets::add_set)
        .service(poster_sets::set_page)
        .service(poster_sets::update_set)
        .service(staff_list::new_page)
        .service(staff_list::create)
        .service(staff_exhibition::detail_page)
        .service(staff_exhibition::book_set)
        .service(staff_exhibition::release_set)
        .service(staff_exhibition::change_status)
        .service(staff_exhibition::confirm_with_set)
        .service(staff_exhibition::move_dates)
        .service(library::staff_page)
        .service(library::upload)
        .service(library::city_page)
        .service(library::download)
        .service(public::upcoming_page)
        .service(public::public_feed)
        .service(public::city_feed)
        .service(public::apply_page)
        .service(public::apply)
        .service(public::statistics_page)
        .service(city::list_page)
        .service(city::regenerate_feed)
        .service(city::new_page)
        .service(city::create)
        .service(city::detail_page)
        .service(city::edit_page)
        .service(city::update)
        .service(city::cancel)
        .service(city::report)
        .service(city::photo_file);
}
