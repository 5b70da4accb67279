//! An exhibition's page for staff: its details, booking and releasing a
//! poster set, and the workflow's next steps.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::exhibitions::error::ExhibitionError;
use crate::exhibitions::models::{Exhibition, Loan, PosterSet, Status};
use crate::exhibitions::registration::{self, Dates};
use crate::exhibitions::settings::Buffer;
use crate::exhibitions::workflow::{self, Step};
use crate::exhibitions::{loans, views};
use crate::membership::models::MemberCity;
use crate::web::{render_with_status, AppError, AppState, PageCtx, Refusal, Staff};

#[derive(Template)]
#[template(path = "exhibitions/staff_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    exhibition: Exhibition,
    holder: String,
    city: Option<MemberCity>,
    loan: Option<(Loan, PosterSet)>,
    reservation: (NaiveDate, NaiveDate),
    buffer: Buffer,
    suggestions: Vec<PosterSet>,
    other_sets: Vec<PosterSet>,
    availability: Vec<loans::Availability>,
    photos: Vec<i64>,
    next_steps: Vec<Status>,
    /// Why the booking just tried was refused.
    refusal: Option<String>,
}

impl DetailPage {
    /// Whether confirming may book a set at once (one is free for the dates).
    fn has_free_set(&self) -> bool {
        self.availability.iter().any(|a| a.away.is_none())
    }

    /// A set's availability in words: free, or away for which exhibition when.
    fn availability_text(&self, a: &loans::Availability) -> String {
        use crate::i18n::FluentArg;
        let lang = self.ctx.lang;
        match &a.away {
            None => lang.t_with(
                "navphone-set-free",
                &[
                    ("code", FluentArg::Str(a.set.code.clone())),
                    ("panels", FluentArg::Count(a.set.panels.into())),
                ],
            ),
            Some(away) => lang.t_with(
                "navphone-set-away",
                &[
                    ("code", FluentArg::Str(a.set.code.clone())),
                    ("title", FluentArg::Str(away.exhibition_title.clone())),
                    ("from", FluentArg::Str(lang.date(away.ships_on))),
                    ("to", FluentArg::Str(lang.date(away.returns_on))),
                ],
            ),
        }
    }

    /// The page; with a refusal, 409: the booking conflicts with the inventory.
    async fn render(
        ctx: PageCtx,
        state: &AppState,
        id: i64,
        refusal: Option<String>,
    ) -> Result<HttpResponse, AppError> {
        let data = views::staff_detail(&state.db, id).await?;
        let status = match refusal {
            Some(_) => StatusCode::CONFLICT,
            None => StatusCode::OK,
        };
        let page = DetailPage {
            refusal,
            ctx,
            next_steps: data.exhibition.next_steps(),
            exhibition: data.exhibition,
            holder: data.holder,
            city: data.city,
            loan: data.loan,
            reservation: data.reservation,
            buffer: data.buffer,
            suggestions: data.suggestions,
            other_sets: data.other_sets,
            availability: data.availability,
            photos: data.photos,
        };
        render_with_status(&page, status)
    }
}

#[get("/staff/exhibitions/{id}")]
pub async fn detail_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    DetailPage::render(staff.ctx, &state, id.into_inner(), None).await
}

#[derive(Deserialize)]
struct BookForm {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    set_id: Option<i64>,
}

#[post("/staff/exhibitions/{id}/loan")]
pub async fn book_set(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<BookForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let set_id = form
        .set_id
        .ok_or(AppError::BadRequest("error-choose-option"))?;
    let booked = loans::book_set(&state.db, &action.actor, id, set_id).await;
    let refusal = booked.as_ref().err().and_then(|e| e.refusal(action.lang()));
    if refusal.is_some() {
        // The page again, saying which exhibition has the set and when.
        return DetailPage::render(action.ctx, &state, id, refusal).await;
    }
    action.answer(booked, &format!("/staff/exhibitions/{id}"), |(_, set)| {
        action.ctx.t1("exh-set-booked", "code", &set.code)
    })
}

#[post("/staff/exhibitions/{id}/loan/release")]
pub async fn release_set(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let released = loans::release_set(&state.db, &action.actor, id).await;
    action.answer(released, &format!("/staff/exhibitions/{id}"), |_| {
        action.t("exh-set-released")
    })
}

#[derive(Deserialize)]
struct DatesForm {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    starts_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    ends_on: Option<NaiveDate>,
}

/// Moves the exhibition's dates; the booked set's loan follows them, or the
/// page comes back with the clash (409) and nothing changed.
#[post("/staff/exhibitions/{id}/dates")]
pub async fn move_dates(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<DatesForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let moved = match Dates::new(form.starts_on, form.ends_on) {
        Ok(dates) => registration::move_dates(&state.db, &action.actor, id, dates).await,
        Err(refused) => Err(refused),
    };
    if let Err(clash @ ExhibitionError::Clash(_)) = &moved {
        let refusal = clash.refusal(action.lang());
        return DetailPage::render(action.ctx, &state, id, refusal).await;
    }
    action.answer(moved, &format!("/staff/exhibitions/{id}"), |_| {
        action.t("exh-dates-saved")
    })
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
    /// A cancellation is taken only with its confirmation box ticked.
    #[serde(default)]
    confirm: String,
}

impl StatusForm {
    fn step(&self) -> Result<Step, AppError> {
        let to = Status::parse(&self.to).ok_or(AppError::BadRequest("error-choose-option"))?;
        let note = match self.note.trim() {
            "" => None,
            text => Some(
                crate::domain::MultiLine::parse(text, 2_000)
                    .map_err(|e| AppError::BadRequest(e.0))?
                    .as_str()
                    .to_string(),
            ),
        };
        Ok(Step::to(to, note))
    }
}

#[post("/staff/exhibitions/{id}/status")]
pub async fn change_status(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let step = form.step()?;
    if step.to == Status::Cancelled && form.confirm != "cancel" {
        let back = format!("/staff/exhibitions/{id}#cancel");
        return Ok(action.refused(action.t("secretariat-confirm-missing"), &back));
    }
    let base_url = &state.config.base_url;
    let advanced = workflow::advance(&state.db, &action.actor, id, step, base_url).await;
    action.answer(advanced, &format!("/staff/exhibitions/{id}"), |updated| {
        let status = action.t(updated.status.label_key());
        action.ctx.t1("exh-status-changed", "status", status)
    })
}

/// Confirms a requested loan and books the chosen free set in one step; a
/// clash shows the page again saying which exhibition has the set (409).
#[post("/staff/exhibitions/{id}/confirm")]
pub async fn confirm_with_set(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<BookForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let set_id = form
        .set_id
        .ok_or(AppError::BadRequest("error-choose-option"))?;
    let base_url = &state.config.base_url;
    let confirmed =
        workflow::confirm_with_set(&state.db, &action.actor, id, set_id, base_url).await;
    if let Err(clash @ ExhibitionError::Clash(_)) = &confirmed {
        let refusal = clash.refusal(action.lang());
        return DetailPage::render(action.ctx, &state, id, refusal).await;
    }
    action.answer(confirmed, &format!("/staff/exhibitions/{id}"), |updated| {
        let status = action.t(updated.status.label_key());
        action.ctx.t1("exh-status-changed", "status", status)
    })
}
