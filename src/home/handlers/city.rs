//! A member city's page for staff (see [`crate::home::city`]).

use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;

use crate::domain::clock::today;
use crate::home::city;
use crate::membership::models::{Application, CityRole, MemberCity, MembershipEvent, RoleKind};
use crate::web::PageCtx;
use crate::web::{render, AppError, AppState, Staff};

#[derive(Template)]
#[template(path = "home/city.html")]
struct CityPage {
    ctx: PageCtx,
    city: MemberCity,
    country: String,
    roles: Vec<CityRole>,
    regions: std::collections::BTreeMap<i64, Vec<crate::domain::CountryCode>>,
    events: Vec<MembershipEvent>,
    changes: Vec<crate::membership::records::HistoryLine>,
    application: Option<Application>,
    users: Vec<crate::auth::User>,
    pending_users: Vec<crate::auth::queries::Invitation>,
    pending_sisters: Vec<crate::membership::sister::SisterInvitation>,
    role_kinds: &'static [RoleKind],
    today: NaiveDate,
    dues: crate::dues::CityDues,
    meetings: crate::meetings::CityMeetings,
}

impl CityPage {
    /// What a lead role leads, as the codes its form shows ("JP, KR").
    fn regions_text(&self, role_id: &i64) -> String {
        self.regions
            .get(role_id)
            .map(|codes| {
                codes
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    }

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
    let view = city::view(&state.db, id.into_inner(), staff.ctx.lang).await?;
    render(&CityPage {
        ctx: staff.ctx,
        city: view.city,
        country: view.country,
        roles: view.roles,
        regions: view.regions,
        events: view.events,
        changes: view.changes,
        application: view.application,
        users: view.users,
        pending_users: view.pending_users,
        pending_sisters: view.pending_sisters,
        role_kinds: RoleKind::ALL,
        today: today(),
        dues: view.dues,
        meetings: view.meetings,
    })
}
