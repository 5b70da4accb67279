//! The overview of a fiscal year and the admins' settings on it.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::AdminAction;
use crate::domain::clock::today;
use crate::dues::fiscal::FiscalYear;
use crate::dues::forms::{parse_settings, SettingsForm};
use crate::dues::models::DuesStatus;
use crate::dues::overview::{self as year_overview, CityLine, OverviewFilter};
use crate::dues::reports::YearSummary;
use crate::dues::settings::DuesSettings;
use crate::dues::{entries, year_choices};
use crate::web::page::Plain;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "dues/overview.html")]
struct OverviewPage {
    ctx: PageCtx,
    year: FiscalYear,
    year_label: String,
    period: String,
    years: Vec<(FiscalYear, String)>,
    summary: YearSummary,
    lines: Vec<CityLine>,
    matching: usize,
    page: usize,
    pages: usize,
    filter: OverviewFilter,
    statuses: &'static [DuesStatus],
    settings: DuesSettings,
    months: Vec<(u32, String)>,
}

impl OverviewPage {
    fn money(&self, minor_units: impl Plain<i64>, currency: &str) -> String {
        self.ctx.lang.money(minor_units.plain(), currency)
    }

    fn counted(&self, key: &str, count: impl Plain<i64>) -> String {
        crate::dues::counted(&self.ctx.lang, key, count)
    }

    fn page_link(&self, page: usize) -> String {
        let query = serde_urlencoded::to_string([
            ("year", self.year.to_string()),
            ("status", self.filter.status.clone()),
            ("q", self.filter.q.clone()),
            ("page", page.to_string()),
        ])
        .unwrap_or_default();
        format!("/staff/dues?{query}")
    }
}

#[get("/staff/dues")]
pub async fn overview(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<OverviewFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let lang = staff.ctx.lang;
    let found = year_overview::load(&state.db, &filter, lang).await?;
    render(&OverviewPage {
        year_label: found.year.label(&lang),
        period: found.settings.calendar.period(found.year, &lang),
        years: year_choices(&found.settings, today(), &lang),
        months: (1..=12)
            .map(|m| (m, lang.t(&format!("month-{m}"))))
            .collect(),
        ctx: staff.ctx,
        year: found.year,
        summary: found.summary,
        lines: found.lines,
        matching: found.matching,
        page: found.page,
        pages: found.pages,
        filter,
        statuses: DuesStatus::ALL,
        settings: found.settings,
    })
}

/// Admins set the fee (for the current and later years; past years keep
/// theirs), the fiscal year's first month and the reminder interval.
#[post("/admin/dues/settings")]
pub async fn save_settings(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let Some(new) = parse_settings(&form) else {
        return Ok(action.refused(action.t("dues-settings-invalid"), "/staff/dues"));
    };
    let saved = entries::save_settings(&state.db, &action.actor, new).await;
    action.answer(saved, "/staff/dues", |_| action.t("dues-settings-saved"))
}
