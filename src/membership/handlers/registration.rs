//! The monthly registration run and its day of the month.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::{AdminAction, StaffAction};
use crate::membership::models::Application;
use crate::membership::registration;
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};

#[derive(Template)]
#[template(path = "membership/registration.html")]
struct RegistrationPage {
    ctx: PageCtx,
    waiting: Vec<Application>,
    registration_day: u32,
    this_months_day: NaiveDate,
    starts_on: NaiveDate,
}

#[get("/staff/registration")]
pub async fn registration_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = registration::overview(&state.db).await?;
    render(&RegistrationPage {
        ctx: staff.ctx,
        waiting: view.waiting,
        registration_day: view.registration_day,
        this_months_day: view.this_months_day,
        starts_on: view.starts_on,
    })
}

#[derive(Deserialize)]
pub struct RunForm {
    /// Checkbox: invite each contact person as the city's user.
    invite_contacts: Option<String>,
}

#[post("/staff/registration")]
pub async fn run_registration(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<RunForm>,
) -> Result<HttpResponse, AppError> {
    let invite_contacts = form.invite_contacts.is_some();
    let (db, config) = (&state.db, &state.config);
    let registered =
        registration::run(db, &action.actor, &action.user, invite_contacts, config).await?;
    let count = i64::try_from(registered).unwrap_or(i64::MAX);
    let message = action.ctx.tn("registration-done", "count", count);
    Ok(action.done(message, "/staff/registration"))
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
