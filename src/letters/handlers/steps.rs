//! A draft's steps out: circulate to the officers (and decide about the
//! officers who cannot be asked), mark final, confirm and send.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::domain::PlainLine;
use crate::letters::officers;
use crate::letters::review::Circulation;
use crate::letters::sending::{self, SendPlan};
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[post("/staff/letters/{id}/circulate")]
pub async fn circulate(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let config = &state.config;
    let result = sending::circulate(
        &state.db,
        &action.actor,
        id,
        &config.secret_key,
        &config.base_url,
    )
    .await;
    action.answer(result, &format!("/staff/letters/{id}"), |done| {
        circulated(&action.ctx, done)
    })
}

/// What circulating did, in numbers: never "everyone was asked" when not.
fn circulated(ctx: &PageCtx, done: &Circulation) -> String {
    let mut parts = Vec::new();
    if done.asked_now == 0 {
        parts.push(ctx.t("letter-circulated-nobody-new"));
    } else {
        parts.push(ctx.tn("letter-circulated-now", "count", done.asked_now as i64));
    }
    if done.asked_before > 0 {
        parts.push(ctx.tn(
            "letter-circulated-before",
            "count",
            done.asked_before as i64,
        ));
    }
    if done.excluded > 0 {
        parts.push(ctx.tn("letter-circulated-excluded", "count", done.excluded as i64));
    }
    parts.join(" ")
}

#[derive(Deserialize)]
pub struct ExcludeForm {
    #[serde(default)]
    reason: String,
}

#[post("/staff/letters/{id}/officers/{city}/exclude")]
pub async fn exclude(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<ExcludeForm>,
) -> Result<HttpResponse, AppError> {
    let (id, city) = path.into_inner();
    let reason = PlainLine::parse(&form.reason, 300).ok();
    let result = officers::exclude(&state.db, &action.actor, id, city, reason).await;
    action.answer(result, &format!("/staff/letters/{id}"), |name| {
        action.ctx.t1("letter-excluded", "city", name)
    })
}

#[post("/staff/letters/{id}/officers/{city}/include")]
pub async fn include(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, city) = path.into_inner();
    let result = officers::include(&state.db, &action.actor, id, city).await;
    action.answer(result, &format!("/staff/letters/{id}"), |name| {
        action.ctx.t1("letter-included", "city", name)
    })
}

#[post("/staff/letters/{id}/final")]
pub async fn finalise(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let result = sending::finalise(&state.db, &action.actor, id).await;
    action.answer(result, &format!("/staff/letters/{id}"), |_| {
        action.t("letter-finalised")
    })
}

#[derive(Template)]
#[template(path = "letters/send.html")]
struct SendPage {
    ctx: PageCtx,
    plan: SendPlan,
}

/// What sending will do, in numbers, before the button that does it.
#[get("/staff/letters/{id}/send")]
pub async fn confirm_send(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let plan = sending::plan(&state.db, id.into_inner()).await?;
    render(&SendPage {
        ctx: staff.ctx,
        plan,
    })
}

#[post("/staff/letters/{id}/send")]
pub async fn send(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let result = sending::send(&state.db, &action.actor, id).await;
    action.answer(result, &format!("/staff/letters/{id}"), |sent| {
        action.ctx.tn("letter-sent-count", "count", *sent as i64)
    })
}
