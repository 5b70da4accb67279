//! The monthly registration run and its day of the month.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::{AdminAction, StaffAction};
use crate::i18n::FluentArg;
use crate::membership::registration::{self, RegistrationView};
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};

#[derive(Template)]
#[template(path = "membership/registration.html")]
struct RegistrationPage {
    ctx: PageCtx,
    view: RegistrationView,
}

impl RegistrationPage {
    /// "Register 3 cities as members from 1 January 2027 and send 3 welcome
    /// emails with their certificates": beside the box staff tick.
    fn confirm_label(&self) -> String {
        let lang = &self.ctx.lang;
        let count = i64::try_from(self.view.waiting.len()).unwrap_or(i64::MAX);
        let emails = i64::try_from(self.view.welcome_emails()).unwrap_or(i64::MAX);
        lang.t_with(
            "secretariat-registration-confirm",
            &[
                ("count", count.into()),
                ("number", FluentArg::Raw(lang.number(count))),
                ("emails", emails.into()),
                ("date", FluentArg::Raw(lang.date(self.view.starts_on))),
            ],
        )
    }
}

#[get("/staff/registration")]
pub async fn registration_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = registration::overview(&state.db).await?;
    render(&RegistrationPage {
        ctx: staff.ctx,
        view,
    })
}

#[derive(Deserialize)]
pub struct RunForm {
    /// Checkbox: invite each contact person as the city's user.
    invite_contacts: Option<String>,
    /// Checkbox: the number of requests the page showed, confirmed by staff.
    #[serde(default)]
    confirm: String,
}

#[post("/staff/registration")]
pub async fn run_registration(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<RunForm>,
) -> Result<HttpResponse, AppError> {
    let back = "/staff/registration";
    let Ok(confirmed) = form.confirm.trim().parse::<usize>() else {
        return Ok(action.refused(action.t("secretariat-confirm-missing"), back));
    };
    let invite_contacts = form.invite_contacts.is_some();
    let (db, config, user) = (&state.db, &state.config, &action.user);
    let registered =
        registration::run(db, &action.actor, user, invite_contacts, confirmed, config).await;
    action.answer(registered, &format!("{back}#last-run"), |registered| {
        let count = i64::try_from(*registered).unwrap_or(i64::MAX);
        action.ctx.tn("registration-done", "count", count)
    })
}

#[derive(Deserialize)]
pub struct DayForm {
    day: String,
}

#[post("/admin/settings/registration-day")]
pub async fn set_registration_day(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<DayForm>,
) -> Result<HttpResponse, AppError> {
    let saved = match registration::parse_day(&form.day) {
        Ok(day) => registration::set_day(&state.db, &action.actor, day).await,
        Err(refused) => Err(refused),
    };
    action.answer(saved, "/staff/registration", |_| {
        action.t("registration-day-saved")
    })
}
