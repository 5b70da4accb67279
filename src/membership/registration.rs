//! The monthly registration run: approved requests become member cities with a
//! member number, membership starting on the 1st of the next month, a welcome
//! email with the certificate, and optionally an account for the contact person.

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;

use super::applications;
use super::cities::{self, NewCity};
use super::emails;
use super::models::Application;
use crate::accounts::{self, InvitationRequest};
use crate::audit;
use crate::auth::{Role, User};
use crate::config::Config;
use crate::db::{DbConn, DbResult};
use crate::domain::{EmailAddress, PlainLine};
use crate::mail;
use crate::schema::registration_runs;
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, Admin, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(registration_page)
        .service(run_registration)
        .service(set_registration_day);
}

#[derive(Template)]
#[template(path = "membership/registration.html")]
struct RegistrationPage {
    ctx: PageCtx,
    waiting: Vec<Application>,
    registration_day: u32,
    this_months_day: NaiveDate,
    starts_on: NaiveDate,
}

use crate::domain::clock::today;

#[get("/staff/registration")]
async fn registration_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (waiting, registration_day) = state
        .db
        .run(|conn| {
            Ok((
                applications::approved_waiting(conn)?,
                crate::settings::registration_day(conn)?,
            ))
        })
        .await?;
    let today = today();
    render(&RegistrationPage {
        ctx: staff.ctx,
        waiting,
        registration_day,
        this_months_day: today.with_day(registration_day).unwrap_or(today),
        starts_on: cities::first_of_next_month(today),
    })
}

#[derive(Deserialize)]
struct RunForm {
    /// Checkbox: invite each contact person as the city's user.
    invite_contacts: Option<String>,
}

/// Registers every approved request; returns how many.
pub fn register_approved(
    conn: &mut DbConn,
    run_on: NaiveDate,
    invite_contacts: bool,
    actor: &User,
    ip: Option<String>,
    config: &Config,
) -> DbResult<usize> {
    let waiting = applications::approved_waiting(conn)?;
    let starts_on = cities::first_of_next_month(run_on);
    for application in &waiting {
        let number = cities::next_member_number(conn)?;
        let city_id = cities::insert(
            conn,
            &NewCity::from_application(application, number, starts_on),
        )?;
        applications::mark_registered(conn, application.id, city_id)?;
        let city = cities::find(conn, city_id)?.ok_or(diesel::result::Error::NotFound)?;
        let address = EmailAddress::parse(&application.email).ok();
        if let Some(address) = &address {
            let certificate = config.link(&format!("/members/{city_id}/certificate"));
            let email = emails::welcome(
                &city,
                address,
                &application.contact_name,
                &certificate,
                starts_on,
            );
            mail::enqueue(
                conn,
                &format!("city-{city_id}-welcome"),
                &email,
                Some(mail::Reference::new("member_city", city_id)),
            )?;
        }
        let invited = match (
            invite_contacts,
            address,
            PlainLine::parse(&application.contact_name, 100),
        ) {
            (true, Some(address), Ok(name)) => accounts::invite(
                conn,
                InvitationRequest {
                    email: &address,
                    name: &name,
                    role: Role::City,
                    city_id: Some(city_id),
                    invited_by: Some(actor),
                    lang: application.lang(),
                    base_url: &config.base_url,
                },
            )?
            .is_some(),
            _ => false,
        };
        audit::record_entry(
            conn,
            audit::Entry {
                actor: Some(actor),
                action: "member.register",
                entity_type: "member_city",
                entity_id: Some(city_id.to_string()),
                summary: format!(
                    "{} registered as member {:05} from {}, membership from {starts_on}{}",
                    application.name_latin,
                    number,
                    application.reference,
                    if invited {
                        "; contact invited as city user"
                    } else {
                        ""
                    }
                ),
                ip: ip.clone(),
            },
        )?;
    }
    diesel::insert_into(registration_runs::table)
        .values((
            registration_runs::run_on.eq(run_on),
            registration_runs::membership_starts_on.eq(starts_on),
            registration_runs::registered.eq(i32::try_from(waiting.len()).unwrap_or(i32::MAX)),
            registration_runs::started_by.eq(actor.id),
            registration_runs::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(waiting.len())
}

#[post("/staff/registration")]
async fn run_registration(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<RunForm>,
) -> Result<HttpResponse, AppError> {
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let config = state.config.clone();
    let invite_contacts = form.invite_contacts.is_some();
    let registered = state
        .db
        .write(move |conn| {
            let count =
                register_approved(conn, today(), invite_contacts, &actor, ip.clone(), &config)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "registration.run",
                    entity_type: "registration_run",
                    entity_id: None,
                    summary: format!("{count} cities registered"),
                    ip,
                },
            )?;
            Ok(count)
        })
        .await?;
    let message = staff.ctx.tn(
        "registration-done",
        "count",
        i64::try_from(registered).unwrap_or(i64::MAX),
    );
    flash::push(&session, Level::Success, message);
    Ok(see_other("/staff/registration"))
}

#[derive(Deserialize)]
struct DayForm {
    day: String,
}

#[post("/admin/settings/registration-day")]
async fn set_registration_day(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<DayForm>,
) -> Result<HttpResponse, AppError> {
    let Some(day) = form
        .day
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=28).contains(d))
    else {
        flash::push(
            &session,
            Level::Error,
            admin.ctx.t("registration-day-invalid"),
        );
        return Ok(see_other("/staff/registration"));
    };
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let before = crate::settings::registration_day(conn)?;
            crate::settings::set(conn, crate::settings::REGISTRATION_DAY, &day.to_string())?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "settings.registration_day",
                    entity_type: "setting",
                    entity_id: Some(crate::settings::REGISTRATION_DAY.into()),
                    summary: format!("{before} → {day}"),
                    ip,
                },
            )?;
            Ok(())
        })
        .await?;
    flash::push(
        &session,
        Level::Success,
        admin.ctx.t("registration-day-saved"),
    );
    Ok(see_other("/staff/registration"))
}
