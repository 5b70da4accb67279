use actix_web::{get, web, HttpResponse};
use askama::Template;

use super::{Entity, Filter, LoggedAction, PAGE_SIZE};
use crate::web::{render, Admin, AppError, AppState, PageCtx};

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

impl AuditPage {
    /// The filter as a query string, without the page.
    fn query_of(filter: &Filter) -> String {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        serde_urlencoded::to_string([
            ("actor", filter.actor.as_str()),
            ("action", filter.action.as_str()),
            ("entity_type", filter.entity_type.as_str()),
            ("entity_id", filter.entity_id.as_str()),
            ("from", &date(filter.from)),
            ("to", &date(filter.to)),
        ])
        .unwrap_or_default()
    }

    /// A kind of record in the reader's language (as stored when unknown).
    fn label_of(ctx: &PageCtx, kind: String) -> (String, String) {
        let label = Entity::parse(&kind).map_or_else(|| kind.clone(), |e| ctx.t(e.label_key()));
        (kind, label)
    }
}

#[get("/admin/audit")]
async fn audit_page(
    admin: Admin,
    state: web::Data<AppState>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let (entries, total, kinds) = super::page(&state.db, filter.clone()).await?;
    let entity_types = kinds
        .into_iter()
        .map(|kind| AuditPage::label_of(&admin.ctx, kind))
        .collect();
    render(&AuditPage {
        page: filter.page.unwrap_or(1).max(1),
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        filter_query: AuditPage::query_of(&filter),
        ctx: admin.ctx,
        filter,
        entries,
        entity_types,
        total,
    })
}
