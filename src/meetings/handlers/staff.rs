//! Staff's meetings: the list with attendance by meeting, the form of a new
//! meeting, a meeting's page (answers by status, counts by continent and
//! country, adopted texts) and its steps (publish, invite, record an outcome).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::links;
use crate::audit::StaffAction;
use crate::meetings::error::MeetingError;
use crate::meetings::forms::MeetingForm;
use crate::meetings::models::{AudienceKind, InvitationStatus, MeetingKind};
use crate::meetings::views::{self, Detail, Summary};
use crate::meetings::{manage, models};
use crate::membership::countries::Continent;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "meetings/staff_list.html")]
struct ListPage {
    ctx: PageCtx,
    meetings: Vec<Summary>,
}

#[get("/staff/meetings")]
pub async fn list_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let meetings = views::staff_list(&state.db).await?;
    render(&ListPage {
        ctx: staff.ctx,
        meetings,
    })
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct FormPage {
    ctx: PageCtx,
    form: MeetingForm,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    kinds: &'static [MeetingKind],
    audiences: &'static [AudienceKind],
    continents: [Continent; 6],
    languages: &'static [(&'static str, &'static str)],
}

async fn form_page(
    ctx: PageCtx,
    state: &AppState,
    form: MeetingForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        countries: views::country_choices(&state.db, ctx.lang).await?,
        ctx,
        form,
        errors,
        kinds: MeetingKind::ALL,
        audiences: AudienceKind::ALL,
        continents: Continent::ALL,
        languages: models::INTERPRETATION_LANGUAGES,
    };
    render_with_status(&page, status)
}

#[get("/staff/meetings/new")]
pub async fn new_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = MeetingForm {
        kind: MeetingKind::GeneralConference.as_str().into(),
        interpretation: "en,ja".into(),
        capacity_per_city: "2".into(),
        audience: AudienceKind::All.as_str().into(),
        ..MeetingForm::default()
    };
    form_page(staff.ctx, &state, form, FormErrors::default()).await
}

#[post("/staff/meetings")]
pub async fn create(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let created = match form.parse() {
        Ok(new) => manage::create(&state.db, &action.actor, new).await,
        Err(errors) => Err(MeetingError::Invalid(errors)),
    };
    match created {
        Ok(id) => Ok(action.done(
            action.t("meeting-created"),
            &format!("/staff/meetings/{id}"),
        )),
        Err(MeetingError::Invalid(errors)) => form_page(action.ctx, &state, form, errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "meetings/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    d: Detail,
    only: Option<InvitationStatus>,
}

#[derive(Deserialize)]
pub struct StatusQuery {
    #[serde(default)]
    status: String,
}

#[get("/staff/meetings/{id:\\d+}")]
pub async fn detail_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<StatusQuery>,
) -> Result<HttpResponse, AppError> {
    let only = InvitationStatus::parse(&query.status);
    let d = views::detail(&state.db, id.into_inner(), staff.ctx.lang, only).await?;
    render(&DetailPage {
        ctx: staff.ctx,
        d,
        only,
    })
}

#[post("/staff/meetings/{id:\\d+}/publish")]
pub async fn publish(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let done = manage::publish(&state.db, &action.actor, id).await;
    action.answer(done, &format!("/staff/meetings/{id}"), |_| {
        action.t("meeting-published")
    })
}

#[post("/staff/meetings/{id:\\d+}/invite")]
pub async fn invite(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let invited = manage::invite(&state.db, &action.actor, &links(&state), id).await;
    action.answer(invited, &format!("/staff/meetings/{id}"), |n| {
        action.ctx.tn("meeting-invited", "count", *n as i64)
    })
}

#[derive(Deserialize)]
pub struct OutcomeForm {
    #[serde(default)]
    letter_id: String,
}

#[post("/staff/meetings/{id:\\d+}/outcomes")]
pub async fn add_outcome(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<OutcomeForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let to = format!("/staff/meetings/{id}");
    let Ok(letter_id) = form.letter_id.trim().parse::<i64>() else {
        return Ok(action.refused(action.t("meeting-outcome-no-letter"), &to));
    };
    let added = manage::add_outcome(&state.db, &action.actor, id, letter_id).await;
    action.answer(added, &to, |_| action.t("meeting-outcome-added"))
}
