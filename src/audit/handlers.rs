use actix_web::{get, web, HttpResponse};
use askama::Template;

use super::{entity_types, search, Entity, Filter, LoggedAction, PAGE_SIZE};
use crate::web::AppState;
use crate::web::{render, Admin, AppError, PageCtx};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(audit_page);
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    ctx: PageCtx,
    filter: Filter,
    entries: Vec<LoggedAction>,
    /// Kinds of record in the log: stored text and its name in the reader's language.
    entity_types: Vec<(String, String)>,
    total: i64,
    page: i64,
    pages: i64,
    /// The filter as a query string, for the page links.
    filter_query: String,
}

#[get("/admin/audit")]
async fn audit_page(
    admin: Admin,
    state: web::Data<AppState>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let query_filter = filter.clone();
    let (entries, total, entity_types) = state
        .db
        .run(move |conn| {
            let (entries, total) = search(conn, &query_filter)?;
            Ok((entries, total, entity_types(conn)?))
        })
        .await?;
    let filter_query = serde_urlencoded::to_string([
        ("actor", filter.actor.as_str()),
        ("action", filter.action.as_str()),
        ("entity_type", filter.entity_type.as_str()),
        ("entity_id", filter.entity_id.as_str()),
        (
            "from",
            &filter.from.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("to", &filter.to.map(|d| d.to_string()).unwrap_or_default()),
    ])
    .unwrap_or_default();
    let entity_types = entity_types
        .into_iter()
        .map(|kind| {
            let label =
                Entity::parse(&kind).map_or_else(|| kind.clone(), |e| admin.ctx.t(e.label_key()));
            (kind, label)
        })
        .collect();
    render(&AuditPage {
        ctx: admin.ctx,
        page: filter.page.unwrap_or(1).max(1),
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        filter,
        entries,
        entity_types,
        total,
        filter_query,
    })
}
