//! The admin pages of the jobs: the list, each job's run history, and the
//! forms that run a job now, pause it or resume it.

mod pages;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(pages::jobs_page)
        .service(pages::history_page)
        .service(pages::confirm_run_page)
        .service(pages::run_now)
        .service(pages::pause)
        .service(pages::resume)
        .service(pages::change_schedule);
}
