//! Sending a campaign: a test to the admin, sending (or asking a second admin),
//! approving, and pausing, resuming or cancelling.

use actix_web::{post, web, HttpResponse};

use crate::audit::AdminAction;
use crate::campaigns::error::CampaignError;
use crate::campaigns::manage::{self, Change};
use crate::campaigns::store::Started;
use crate::web::{AppError, AppState};

/// Answers a send or an approval: sending (success), waiting for a second
/// admin (for information), or the refusal.
fn answer_started(
    action: &AdminAction,
    id: i64,
    started: Result<Started, CampaignError>,
) -> Result<HttpResponse, AppError> {
    let to = format!("/admin/campaigns/{id}");
    match started {
        Ok(Started::NeedsApproval(n)) => {
            Ok(action.inform(action.ctx.tn("campaign-needs-approval", "count", n), &to))
        }
        started => action.answer(started, &to, |started| match started {
            Started::Sending(n) | Started::NeedsApproval(n) => {
                action.ctx.tn("campaign-sending", "count", *n)
            }
        }),
    }
}

#[post("/admin/campaigns/{id}/test")]
pub async fn test_send(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let sent = manage::test_send(&state.db, &state.config, id, &action.user.email).await;
    action.answer(sent, &format!("/admin/campaigns/{id}"), |_| {
        action.t("campaign-test-sent")
    })
}

#[post("/admin/campaigns/{id}/send")]
pub async fn send(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let started = manage::send(&state.db, &action.actor, &state.config, id).await;
    answer_started(&action, id, started)
}

#[post("/admin/campaigns/{id}/approve")]
pub async fn approve(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let started = manage::approve(&state.db, &action.actor, &state.config, id).await;
    answer_started(&action, id, started)
}

#[post("/admin/campaigns/{id}/pause")]
pub async fn pause(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(action, &state, id.into_inner(), Change::Pause).await
}

#[post("/admin/campaigns/{id}/resume")]
pub async fn resume(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(action, &state, id.into_inner(), Change::Resume).await
}

#[post("/admin/campaigns/{id}/cancel")]
pub async fn cancel(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(action, &state, id.into_inner(), Change::Cancel).await
}

/// Pause, resume and cancel alike: the change, then the campaign's page.
async fn change(
    action: AdminAction,
    state: &AppState,
    id: i64,
    change: Change,
) -> Result<HttpResponse, AppError> {
    let changed = manage::change(&state.db, &action.actor, id, change).await;
    action.answer(changed, &format!("/admin/campaigns/{id}"), |()| {
        action.t(change.done_key())
    })
}
