//! A member city's page for staff: its record, roles and history, its
//! application, its users and its dues. It gathers membership and dues, so it
//! lives here, above both; the changes it offers post to membership's routes.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;

use crate::domain::clock::today;
use crate::membership::models::{Application, CityRole, MemberCity, MembershipEvent, RoleKind};
use crate::membership::{applications, cities, countries};
use crate::web::PageCtx;
use crate::web::{render, AppError, AppState, Staff};

#[derive(Template)]
#[template(path = "home/city.html")]
struct CityPage {
    ctx: PageCtx,
    city: MemberCity,
    country: String,
    roles: Vec<CityRole>,
    events: Vec<MembershipEvent>,
    application: Option<Application>,
    users: Vec<crate::auth::User>,
    role_kinds: &'static [RoleKind],
    today: NaiveDate,
    dues: crate::dues::CityDues,
}

impl CityPage {
    /// The message key for a history entry's kind.
    fn event_label(&self, kind: &str) -> &'static str {
        if let Some(role) = kind.strip_prefix("role:").and_then(RoleKind::parse) {
            return role.label_key();
        }
        match kind {
            "joined" => "event-joined",
            "withdrawn" => "event-withdrawn",
            "reinstated" => "event-reinstated",
            _ => "event-other",
        }
    }
}

#[get("/staff/members/{id:\\d+}")]
pub async fn city_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let lang = staff.ctx.lang;
    let loaded = state
        .db
        .run(move |conn| {
            let Some(city) = cities::find(conn, id)? else {
                return Ok(None);
            };
            let country = countries::find(conn, &city.country_code)?
                .map(|c| c.name(&lang).to_string())
                .unwrap_or_default();
            let application = match city.application_id {
                Some(application_id) => applications::find(conn, application_id)?,
                None => None,
            };
            Ok(Some((
                country,
                cities::roles(conn, id)?,
                cities::events(conn, id)?,
                application,
                crate::membership::accounts::users_of(conn, id)?,
                crate::dues::city_section(conn, &city, &lang, true)?,
                city,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (country, roles, events, application, users, dues, city) = loaded;
    render(&CityPage {
        ctx: staff.ctx,
        city,
        country,
        roles,
        events,
        application,
        users,
        role_kinds: RoleKind::ALL,
        today: today(),
        dues,
    })
}
