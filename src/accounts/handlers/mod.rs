//! The pages of accounts: sign-in and out, first-run setup, invitations, the
//! users admin, and one's own account with the language switcher.

mod invitations;
mod own;
mod security;
mod setup;
mod sign_in;
mod users;
mod zones;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};

use crate::i18n::Lang;
use crate::web::page::LANG_COOKIE;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(sign_in::login_form)
        .service(sign_in::login)
        .service(sign_in::logout)
        .service(setup::setup_form)
        .service(setup::setup)
        .service(invitations::invitation_form)
        .service(invitations::accept_invitation)
        .service(own::account_page)
        .service(own::password_form)
        .service(own::change_password)
        .service(own::switch_language)
        .service(zones::time_zone_page)
        .service(zones::set_own_time_zone)
        .service(zones::set_secretariat_time_zone)
        .service(users::users_page)
        .service(users::invite_staff)
        .service(users::set_user_active)
        .service(security::code_form)
        .service(security::submit_code)
        .service(security::enrol_form)
        .service(security::enrol_at_sign_in)
        .service(security::account_two_factor)
        .service(security::enrol_from_account)
        .service(security::sign_out_everywhere)
        .service(security::reset_two_factor)
        .service(security::failures_page);
}

/// The cookie that remembers the language chosen (or the user's, on sign-in).
fn language_cookie(lang: Lang) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(CookieDuration::days(365))
        .finish()
}

/// The longest display name an account may have.
const MAX_NAME_CHARS: usize = 100;
