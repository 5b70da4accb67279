//! The member directory (public and staff), a city's page with its history,
//! roles and status, the officers page and the membership certificate.

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::cities::{self, DirectoryFilter, DirectoryRow, DIRECTORY_PAGE_SIZE};
use super::countries::{self, Continent};
use super::join::country_options;
use super::models::{CityRole, MemberCity, MembershipStatus, RoleKind};
use crate::audit;
use crate::db::DbConn;
use crate::domain::{FieldError, MultiLine};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(public_directory)
        .service(staff_directory)
        .service(change_status)
        .service(add_role)
        .service(end_role)
        .service(officers_page)
        .service(certificate);
}

use crate::domain::clock::today;

/// What the directory's filter form offers.
struct FilterChoices {
    countries: Vec<(String, String)>,
    years: Vec<i32>,
}

fn filter_choices(
    conn: &mut DbConn,
    ctx_lang: &crate::i18n::Lang,
) -> crate::db::DbResult<FilterChoices> {
    Ok(FilterChoices {
        countries: country_options(&countries::all(conn)?, ctx_lang),
        years: super::statistics::join_years(conn)?,
    })
}

#[derive(Template)]
#[template(path = "membership/directory.html")]
struct DirectoryPage {
    ctx: PageCtx,
    staff_view: bool,
    filter: DirectoryFilter,
    rows: Vec<DirectoryRow>,
    total: i64,
    pages: i64,
    countries: Vec<(String, String)>,
    years: Vec<i32>,
    continents: &'static [Continent],
    roles: &'static [RoleKind],
    country_names: std::collections::HashMap<String, String>,
}

impl DirectoryPage {
    fn continent_label(&self, code: &str) -> &'static str {
        Continent::parse(code).map_or("", Continent::label_key)
    }

    fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_names.get(code).map_or(code, String::as_str)
    }
}

async fn directory(
    ctx: PageCtx,
    state: &AppState,
    filter: DirectoryFilter,
    staff_view: bool,
) -> Result<HttpResponse, AppError> {
    let query = filter.clone();
    let lang = ctx.lang;
    let ((rows, total), choices) = state
        .db
        .run(move |conn| {
            Ok((
                cities::search(conn, &query, !staff_view, today())?,
                filter_choices(conn, &lang)?,
            ))
        })
        .await?;
    render(&DirectoryPage {
        country_names: choices.countries.iter().cloned().collect(),
        ctx,
        staff_view,
        pages: ((total + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE).max(1),
        filter,
        rows,
        total,
        countries: choices.countries,
        years: choices.years,
        continents: &Continent::ALL,
        roles: RoleKind::ALL,
    })
}

/// Names, countries and join years only: no contact data in public.
#[get("/members")]
async fn public_directory(
    ctx: PageCtx,
    state: web::Data<AppState>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    directory(ctx, &state, filter.into_inner(), false).await
}

#[get("/staff/members")]
async fn staff_directory(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    directory(staff.ctx, &state, filter.into_inner(), true).await
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    on: Option<NaiveDate>,
    #[serde(default)]
    reason: String,
}

/// Withdraw (with date and reason) or reinstate a member. Dues never do this.
#[post("/staff/members/{id}/status")]
async fn change_status(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/staff/members/{id}");
    let status =
        MembershipStatus::parse(&form.status).ok_or(AppError::BadRequest("error-bad-form"))?;
    let reason = match (status, MultiLine::parse(&form.reason, 1000)) {
        (MembershipStatus::Withdrawn, Err(_)) => {
            flash::push(
                &session,
                Level::Error,
                staff.ctx.t("member-withdrawal-reason-required"),
            );
            return Ok(see_other(&back));
        }
        (_, reason) => reason.ok().map(|r| r.as_str().to_string()),
    };
    let on = form.on.unwrap_or_else(today);
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let changed = state
        .db
        .write(move |conn| {
            let Some(city) = cities::find(conn, id)? else {
                return Ok(None);
            };
            let changed = cities::set_status(conn, id, status, on, reason.as_deref(), actor.id)?;
            if changed {
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: Some(&actor),
                        action: "member.status",
                        entity_type: "member_city",
                        entity_id: Some(id.to_string()),
                        summary: format!(
                            "{}: {} → {} on {on}{}",
                            city.name_latin,
                            city.status.as_str(),
                            status.as_str(),
                            reason.map(|r| format!(" ({r})")).unwrap_or_default()
                        ),
                        ip,
                    },
                )?;
            }
            Ok(Some(changed))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let key = if changed {
        "member-status-changed"
    } else {
        "member-status-unchanged"
    };
    flash::push(
        &session,
        if changed { Level::Success } else { Level::Info },
        staff.ctx.t(key),
    );
    Ok(see_other(&back))
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    starts_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    ends_on: Option<NaiveDate>,
}

#[post("/staff/members/{id}/roles")]
async fn add_role(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/staff/members/{id}");
    let role = RoleKind::parse(&form.role).ok_or(AppError::BadRequest("error-bad-form"))?;
    let Some(starts_on) = form.starts_on else {
        flash::push(&session, Level::Error, staff.ctx.t("role-start-required"));
        return Ok(see_other(&back));
    };
    if form.ends_on.is_some_and(|end| end < starts_on) {
        flash::push(
            &session,
            Level::Error,
            staff.ctx.t(FieldError("error-date-order").0),
        );
        return Ok(see_other(&back));
    }
    let ends_on = form.ends_on;
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let Some(city) = cities::find(conn, id)? else {
                return Ok(None);
            };
            let role_id = cities::add_role(conn, id, role, starts_on, ends_on)?;
            let term = format!(
                "{starts_on} – {}",
                ends_on.map(|d| d.to_string()).unwrap_or_default()
            );
            cities::record_event(
                conn,
                id,
                &format!("role:{}", role.as_str()),
                starts_on,
                Some(&term),
                Some(actor.id),
            )?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "member.role_add",
                    entity_type: "city_role",
                    entity_id: Some(role_id.to_string()),
                    summary: format!("{}: {} {term}", city.name_latin, role.as_str()),
                    ip,
                },
            )?;
            Ok(Some(()))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    flash::push(&session, Level::Success, staff.ctx.t("role-added"));
    Ok(see_other(&back))
}

#[derive(Deserialize)]
struct EndRoleForm {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    ends_on: Option<NaiveDate>,
}

#[post("/staff/members/{id}/roles/{role_id}/end")]
async fn end_role(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
    form: web::Form<EndRoleForm>,
) -> Result<HttpResponse, AppError> {
    let (id, role_id) = path.into_inner();
    let ends_on = form.ends_on.unwrap_or_else(today);
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let Some(role) = cities::end_role(conn, role_id, ends_on)?.filter(|r| r.city_id == id)
            else {
                return Ok(None);
            };
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "member.role_end",
                    entity_type: "city_role",
                    entity_id: Some(role_id.to_string()),
                    summary: format!(
                        "{} of city {id}: ends {} → {ends_on}",
                        role.role.as_str(),
                        role.ends_on.map(|d| d.to_string()).unwrap_or("open".into())
                    ),
                    ip,
                },
            )?;
            Ok(Some(()))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    flash::push(&session, Level::Success, staff.ctx.t("role-ended"));
    Ok(see_other(&format!("/staff/members/{id}")))
}

#[derive(Template)]
#[template(path = "membership/officers.html")]
struct OfficersPage {
    ctx: PageCtx,
    officers: Vec<(CityRole, MemberCity, String)>,
}

/// The current officers and their mayors; contact emails for staff only.
#[get("/officers")]
async fn officers_page(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let officers = state
        .db
        .run(move |conn| {
            let officers = cities::current_officers(conn, today())?;
            let countries = countries::all(conn)?;
            Ok(officers
                .into_iter()
                .map(|(role, city)| {
                    let country = countries
                        .iter()
                        .find(|c| c.code == city.country_code)
                        .map(|c| c.name(&lang).to_string())
                        .unwrap_or_default();
                    (role, city, country)
                })
                .collect())
        })
        .await?;
    render(&OfficersPage { ctx, officers })
}

#[derive(Template)]
#[template(path = "membership/certificate.html")]
struct CertificatePage {
    ctx: PageCtx,
    city: MemberCity,
    country: String,
    start: String,
}

/// The membership certificate, a printable page. Everything on it is public.
#[get("/members/{id}/certificate")]
async fn certificate(
    ctx: PageCtx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let lang = ctx.lang;
    let (city, country) = state
        .db
        .run(move |conn| {
            let Some(city) = cities::find(conn, id)? else {
                return Ok(None);
            };
            let country = countries::find(conn, &city.country_code)?
                .map(|c| c.name(&lang).to_string())
                .unwrap_or_default();
            Ok(Some((city, country)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let start = join_date_label(&ctx.lang, &city);
    render(&CertificatePage {
        ctx,
        city,
        country,
        start,
    })
}

/// A join date as precisely as it is known: a day, a month (historical records)
/// or a year.
pub fn join_date_label(lang: &crate::i18n::Lang, city: &MemberCity) -> String {
    use chrono::Datelike;
    match city.join_precision {
        super::models::JoinPrecision::Day => lang.date(city.join_date),
        super::models::JoinPrecision::Month => {
            lang.month(city.join_date.year(), city.join_date.month())
        }
        super::models::JoinPrecision::Year => city.join_date.year().to_string(),
    }
}
