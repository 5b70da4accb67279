//! The admin Outbox page: every message with its status, counts by status, the
//! last error, and retry / cancel.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::AdminAction;
use crate::mail::admin;
use crate::mail::outbox::{Filter, OutboxMessage, Status, PAGE_SIZE};
use crate::web::{render, Admin, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "mail/outbox.html")]
struct OutboxPage {
    ctx: PageCtx,
    filter: Filter,
    messages: Vec<OutboxMessage>,
    counts: Vec<(Status, i64)>,
    total: i64,
    page: i64,
    pages: i64,
    filter_query: String,
}

#[get("/admin/outbox")]
pub async fn outbox_page(
    admin: Admin,
    state: web::Data<AppState>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let found = admin::search(&state.db, &filter).await?;
    let filter_query = serde_urlencoded::to_string([
        ("status", filter.status.as_str()),
        ("recipient", filter.recipient.as_str()),
    ])
    .unwrap_or_default();
    render(&OutboxPage {
        ctx: admin.ctx,
        page: filter.page.unwrap_or(1).max(1),
        pages: ((found.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        filter,
        messages: found.messages,
        counts: found.counts,
        total: found.total,
        filter_query,
    })
}

#[post("/admin/outbox/{id}/retry")]
pub async fn retry(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let retried = admin::retry(&state.db, &action.actor, id.into_inner()).await;
    action.answer(retried, "/admin/outbox", |_| action.t("outbox-retried"))
}

#[post("/admin/outbox/{id}/cancel")]
pub async fn cancel(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let cancelled = admin::cancel(&state.db, &action.actor, id.into_inner()).await;
    action.answer(cancelled, "/admin/outbox", |_| action.t("outbox-cancelled"))
}
