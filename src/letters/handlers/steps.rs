//! A draft's steps out: circulate to the officers, mark final, send.

use actix_web::{post, web, HttpResponse};

use crate::audit::StaffAction;
use crate::letters::sending;
use crate::web::{AppError, AppState};

#[post("/staff/letters/{id}/circulate")]
pub async fn circulate(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let config = &state.config;
    let asked = sending::circulate(
        &state.db,
        &action.actor,
        id,
        &config.secret_key,
        &config.base_url,
    )
    .await?;
    let message = if asked == 0 {
        action.t("letter-circulated-none")
    } else {
        action.ctx.tn("letter-circulated", "count", asked)
    };
    Ok(action.done(message, &format!("/staff/letters/{id}")))
}

#[post("/staff/letters/{id}/final")]
pub async fn finalise(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    sending::finalise(&state.db, &action.actor, id).await?;
    Ok(action.done(
        action.t("letter-finalised"),
        &format!("/staff/letters/{id}"),
    ))
}

#[post("/staff/letters/{id}/send")]
pub async fn send(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let sent = sending::send(&state.db, &action.actor, id).await?;
    let message = action.ctx.tn("letter-sent", "count", sent);
    Ok(action.done(message, &format!("/staff/letters/{id}")))
}
