//! The public home page, the staff dashboard and the health check.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::dues::DashboardDues;
use crate::home::dashboard::{self as figures, WorkCounts};
use crate::membership::statistics;
use crate::web::page_cache;
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};
use actix_web::middleware::from_fn;

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    member_cities: i64,
    member_countries: i64,
    /// "Member cities by continent today: Asia 3,231, Europe 3,032, …"
    by_continent: String,
}

/// The continents with members, most cities first, as one sentence in `lang`.
fn by_continent(lang: &crate::i18n::Lang, table: &statistics::Table4) -> String {
    use crate::i18n::FluentArg;
    let mut rows: Vec<&statistics::ContinentRow> =
        table.rows.iter().filter(|row| row.cities > 0).collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.cities));
    let entries: Vec<String> = rows
        .into_iter()
        .map(|row| {
            lang.t_with(
                "home-continent-entry",
                &[
                    (
                        "continent",
                        FluentArg::Str(lang.t(row.continent.label_key())),
                    ),
                    ("cities", FluentArg::Count(row.cities)),
                ],
            )
        })
        .collect();
    let list = entries.join(&lang.t("home-list-separator"));
    lang.t_with("home-figures", &[("continents", FluentArg::Str(list))])
}

#[get("/", wrap = "from_fn(page_cache::serve)")]
pub async fn home(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let table = statistics::totals(&state.db).await?;
    render(&HomePage {
        by_continent: by_continent(&ctx.lang, &table),
        ctx,
        member_cities: table.total_cities,
        member_countries: table.total_countries,
    })
}

#[derive(Template)]
#[template(path = "home/dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    mail_failed: i64,
    mail_queued: i64,
    applications_open: i64,
    applications_approved: i64,
    dues: DashboardDues,
    work: WorkCounts,
}

#[get("/staff")]
pub async fn dashboard(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let figures = figures::dashboard(&state.db, staff.ctx.lang).await?;
    render(&DashboardPage {
        mail_failed: figures.mail_failed,
        mail_queued: figures.mail_queued,
        applications_open: figures.applications_open,
        applications_approved: figures.applications_approved,
        dues: figures.dues,
        work: figures.work,
        ctx: staff.ctx,
    })
}

/// 200 when the database answers, 503 when it does not: for load balancers.
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    if state.draining.load(std::sync::atomic::Ordering::Relaxed) {
        return HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("stopping");
    }
    match figures::database_answers(&state.db).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
