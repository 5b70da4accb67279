//! Sending a campaign: a test to the admin, sending (or asking a second admin),
//! approving, and pausing, resuming or cancelling.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::AdminAction;
use crate::campaigns::error::CampaignError;
use crate::campaigns::manage::{self, CampaignView, Change};
use crate::campaigns::models::Campaign;
use crate::campaigns::store::Started;
use crate::campaigns::versions::installed;
use crate::i18n::FluentArg;
use crate::web::{render, Admin, AppError, AppState, PageCtx};

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

#[derive(Deserialize)]
struct TestForm {
    /// The version to test; empty: the default.
    #[serde(default)]
    language: String,
}

#[post("/admin/campaigns/{id}/test")]
pub async fn test_send(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<TestForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let lang = match form.language.trim() {
        "" => None,
        code => Some(installed(code).ok_or(AppError::BadRequest("error-choose-option"))?),
    };
    let to = &action.user.email;
    let sent = manage::test_send(&state.db, &state.config, id, lang, to).await;
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

#[derive(Template)]
#[template(path = "campaigns/confirm_send.html")]
struct ConfirmPage {
    ctx: PageCtx,
    campaign: Campaign,
    /// "Send to 3,231 cities in 3 languages".
    summary: String,
    /// Per language of the cities: who gets which version.
    shares: Vec<String>,
    /// What stops the sending, if anything (a message key).
    refusal: Option<&'static str>,
    needs_approval: bool,
}

impl ConfirmPage {
    fn new(ctx: PageCtx, view: CampaignView) -> ConfirmPage {
        let lang = ctx.lang;
        let count = |n: usize| FluentArg::Count(i64::try_from(n).unwrap_or(i64::MAX));
        let recipients = view.recipients();
        let summary = lang.t_with(
            "campaign-confirm-send",
            &[
                ("count", count(recipients)),
                ("languages", count(view.languages)),
            ],
        );
        let shares = view
            .previews
            .iter()
            .filter(|p| p.share.cities > 0)
            .map(|p| {
                lang.t_with(
                    "campaign-confirm-share",
                    &[
                        ("language", FluentArg::Str(p.share.lang.name())),
                        ("count", count(p.share.cities)),
                        ("version", FluentArg::Str(p.share.gets.name())),
                    ],
                )
            })
            .collect();
        let refusal = if !view.campaign.is_draft() {
            Some("campaign-not-allowed")
        } else if view.has_broken_version() {
            Some("campaign-version-placeholder-broken")
        } else if recipients == 0 {
            Some("campaign-no-recipients")
        } else {
            None
        };
        ConfirmPage {
            ctx,
            summary,
            shares,
            refusal,
            needs_approval: view.needs_approval,
            campaign: view.campaign,
        }
    }
}

/// What sending will do, in numbers, before it is done.
#[get("/admin/campaigns/{id}/send")]
pub async fn confirm_send(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = manage::view(&state.db, id.into_inner()).await?;
    render(&ConfirmPage::new(admin.ctx, view))
}
