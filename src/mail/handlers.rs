//! The admin Outbox page: every message with its status, counts by status, the
//! last error, and retry / cancel.

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::outbox::{self, Filter, OutboxMessage, Status, PAGE_SIZE};
use crate::audit;
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, Admin, AppError, PageCtx};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(outbox_page).service(retry).service(cancel);
}

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
async fn outbox_page(
    admin: Admin,
    state: web::Data<AppState>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let query = filter.clone();
    let (messages, total, counts) = state
        .db
        .run(move |conn| {
            let (messages, total) = outbox::search(conn, &query)?;
            Ok((messages, total, outbox::counts(conn)?))
        })
        .await?;
    let filter_query = serde_urlencoded::to_string([
        ("status", filter.status.as_str()),
        ("recipient", filter.recipient.as_str()),
    ])
    .unwrap_or_default();
    render(&OutboxPage {
        ctx: admin.ctx,
        page: filter.page.unwrap_or(1).max(1),
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        filter,
        messages,
        counts,
        total,
        filter_query,
    })
}

/// Retry or cancel, audited; `change` returns false when the message's status
/// does not allow it (someone else acted first).
async fn act_on_message(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: i64,
    action: &'static str,
    change: fn(&mut crate::db::DbConn, i64) -> crate::db::DbResult<bool>,
) -> Result<HttpResponse, AppError> {
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let changed = state
        .db
        .write(move |conn| {
            let Some(before) = outbox::find(conn, id)? else {
                return Ok(None);
            };
            if !change(conn, id)? {
                return Ok(Some(false));
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action,
                    entity_type: "outbox",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "to {}: \"{}\" (status was {})",
                        before.recipient_email,
                        before.subject,
                        before.status.as_str()
                    ),
                    ip,
                },
            )?;
            Ok(Some(true))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let message = match (changed, action) {
        (true, "outbox.retry") => (Level::Success, "outbox-retried"),
        (true, _) => (Level::Success, "outbox-cancelled"),
        (false, _) => (Level::Error, "outbox-not-changed"),
    };
    flash::push(&session, message.0, admin.ctx.t(message.1));
    Ok(see_other("/admin/outbox"))
}

#[post("/admin/outbox/{id}/retry")]
async fn retry(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    act_on_message(
        admin,
        state,
        session,
        req,
        id.into_inner(),
        "outbox.retry",
        outbox::requeue,
    )
    .await
}

#[post("/admin/outbox/{id}/cancel")]
async fn cancel(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    act_on_message(
        admin,
        state,
        session,
        req,
        id.into_inner(),
        "outbox.cancel",
        outbox::cancel,
    )
    .await
}
