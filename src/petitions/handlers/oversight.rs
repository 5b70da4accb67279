//! Oversight pages: exports and the hand-over report, bursts and their
//! invalidation, the blocklist of email domains.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::{AdminAction, StaffAction};
use crate::petitions::error::PetitionError;
use crate::petitions::models::Petition;
use crate::petitions::oversight::{self, Download, SourceKind, Sources, BURST_THRESHOLD};
use crate::petitions::store::Counts;
use crate::web::{render, Admin, AppError, AppState, PageCtx, Staff};

/// A CSV file to download, never cached.
fn csv_download(file: Download) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file.name),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(file.body)
}

/// Verified signatures: name, country, city, date; email addresses for admins only.
#[get("/staff/petitions/{id}/signatures.csv")]
pub async fn signatures_csv(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let with_email = action.ctx.is_admin();
    let file =
        oversight::signatures_csv(&state.db, &action.actor, id.into_inner(), with_email).await?;
    Ok(csv_download(file))
}

#[get("/staff/petitions/{id}/countries.csv")]
pub async fn countries_csv(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let file = oversight::countries_csv(&state.db, id.into_inner()).await?;
    Ok(csv_download(file))
}

#[derive(Template)]
#[template(path = "petitions/report.html")]
struct ReportPage {
    ctx: PageCtx,
    petition: Petition,
    body_html: String,
    counts: Counts,
    country_names: HashMap<String, String>,
    today: NaiveDate,
}

impl ReportPage {
    fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_names.get(code).map_or(code, String::as_str)
    }
}

/// A printable hand-over report (for delivery to the UN, a government...).
#[get("/staff/petitions/{id}/report")]
pub async fn handover_report(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (petition, counts, countries) = oversight::counted(&state.db, id.into_inner()).await?;
    let lang = staff.ctx.lang;
    render(&ReportPage {
        body_html: petition.body_html(),
        country_names: countries
            .iter()
            .map(|c| (c.code.to_string(), c.name(&lang).to_string()))
            .collect(),
        ctx: staff.ctx,
        petition,
        counts,
        today: crate::domain::clock::today(),
    })
}

#[derive(Deserialize)]
struct WindowQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    minutes: Option<i64>,
}

#[derive(Template)]
#[template(path = "petitions/bursts.html")]
struct BurstsPage {
    ctx: PageCtx,
    petition: Petition,
    minutes: i64,
    by_ip: Sources,
    by_domain: Sources,
    threshold: i64,
}

impl BurstsPage {
    /// The two lists, each with its heading and what its rows are.
    fn sections(&self) -> [(&'static str, &'static str, &Sources); 2] {
        [
            ("bursts-by-ip", "ip", &self.by_ip),
            ("bursts-by-domain", "domain", &self.by_domain),
        ]
    }
}

#[get("/staff/petitions/{id}/bursts")]
pub async fn bursts_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<WindowQuery>,
) -> Result<HttpResponse, AppError> {
    let minutes = oversight::window(query.minutes);
    let (petition, by_ip, by_domain) =
        oversight::recent_bursts(&state.db, id.into_inner(), minutes).await?;
    render(&BurstsPage {
        ctx: staff.ctx,
        petition,
        minutes,
        by_ip,
        by_domain,
        threshold: BURST_THRESHOLD,
    })
}

#[derive(Deserialize)]
struct InvalidateForm {
    kind: String,
    value: String,
    minutes: i64,
}

/// Invalidates every live submission from one IP address or domain in the window.
#[post("/staff/petitions/{id}/invalidate")]
pub async fn invalidate(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<InvalidateForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let kind = SourceKind::parse(&form.kind).ok_or(AppError::BadRequest("error-bad-form"))?;
    let minutes = oversight::window(Some(form.minutes));
    let result =
        oversight::invalidate(&state.db, &action.actor, id, kind, form.value, minutes).await;
    let to = format!("/staff/petitions/{id}/bursts?minutes={minutes}");
    action.answer(result, &to, |count| {
        let count = i64::try_from(*count).unwrap_or(0);
        action.ctx.tn("bursts-invalidated", "count", count)
    })
}

#[derive(Template)]
#[template(path = "petitions/blocklist.html")]
struct BlocklistPage {
    ctx: PageCtx,
    domains: Vec<(String, Option<String>)>,
}

#[get("/admin/petitions/blocklist")]
pub async fn blocklist_page(
    admin: Admin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let domains = oversight::blocklist(&state.db).await?;
    render(&BlocklistPage {
        ctx: admin.ctx,
        domains,
    })
}

#[derive(Deserialize)]
struct DomainForm {
    #[serde(default)]
    domain: String,
    #[serde(default)]
    reason: String,
}

#[post("/admin/petitions/blocklist")]
pub async fn block_domain(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    let result =
        oversight::change_blocklist(&state.db, &action.actor, &form.domain, &form.reason, true)
            .await;
    let to = "/admin/petitions/blocklist";
    match result {
        Err(PetitionError::Already(key)) => Ok(action.inform(action.t(key), to)),
        result => action.answer(result, to, |_| action.t("blocklist-added")),
    }
}

#[post("/admin/petitions/blocklist/remove")]
pub async fn unblock_domain(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    let result =
        oversight::change_blocklist(&state.db, &action.actor, &form.domain, &form.reason, false)
            .await;
    action.answer(result, "/admin/petitions/blocklist", |_| {
        action.t("blocklist-removed")
    })
}
