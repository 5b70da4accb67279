//! The petitions' pages: public signing, staff management, paper batches, oversight.

mod oversight;
mod paper;
mod public;
mod staff;
mod supporters;
mod versions;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(public::petition_list)
        .service(public::petition_page)
        .service(public::sign)
        .service(public::signed_page)
        .service(public::verify_page)
        .service(public::confirm_verification)
        .service(public::withdraw_page)
        .service(public::confirm_withdrawal)
        .service(supporters::unsubscribe_page)
        .service(supporters::unsubscribe);
    cfg.service(staff::staff_list)
        .service(staff::new_form)
        .service(staff::create)
        .service(staff::edit_form)
        .service(staff::save)
        .service(staff::detail)
        .service(paper::record_paper_batch)
        .service(paper::paper_scan)
        .service(staff::city_petitions)
        .service(versions::version_form)
        .service(versions::save_version)
        .service(versions::remove_version)
        .service(supporters::send_update)
        .service(supporters::announce_milestone);
    cfg.service(oversight::signatures_csv)
        .service(oversight::countries_csv)
        .service(oversight::handover_report)
        .service(oversight::bursts_page)
        .service(oversight::invalidate)
        .service(oversight::blocklist_page)
        .service(oversight::block_domain)
        .service(oversight::unblock_domain);
}
