//! The report of a fiscal year, as a page with a chart and as a CSV file.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::domain::clock::today;
use crate::dues::fiscal::FiscalYear;
use crate::dues::reports::{self, percent_bars, share_height, ShareBar, YearReport};
use crate::dues::reports::{SHARE_BAR, SHARE_LABEL_WIDTH, SHARE_WIDTH};
use crate::dues::{year_choices, YearQuery};
use crate::web::page::Plain;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "dues/report.html")]
struct ReportPage {
    ctx: PageCtx,
    report: YearReport,
    year_label: String,
    period: String,
    years: Vec<(FiscalYear, String)>,
    received_jpy_total: i64,
    share_bars: Vec<ShareBar>,
    chart_width: i64,
    chart_height: i64,
    label_width: i64,
    bar_height: i64,
}

impl ReportPage {
    fn money(&self, minor_units: impl Plain<i64>, currency: &str) -> String {
        self.ctx.lang.money(minor_units.plain(), currency)
    }
}

#[get("/staff/dues/reports")]
pub async fn report_page(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (report, settings) = reports::report_for(&state.db, query.into_inner()).await?;
    let lang = staff.ctx.lang;
    let share_values: Vec<(String, i64)> = report
        .continents
        .iter()
        .map(|line| (lang.t(line.continent.label_key()), line.paid_percent()))
        .collect();
    render(&ReportPage {
        year_label: report.year.label(&lang),
        period: settings.calendar.period(report.year, &lang),
        years: year_choices(&settings, today(), &lang),
        received_jpy_total: report.received.iter().map(|t| t.jpy).sum(),
        share_bars: percent_bars(&share_values),
        chart_width: SHARE_WIDTH,
        chart_height: share_height(share_values.len()),
        label_width: SHARE_LABEL_WIDTH,
        bar_height: SHARE_BAR,
        ctx: staff.ctx,
        report,
    })
}

#[get("/staff/dues/reports.csv")]
pub async fn report_csv(
    _staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (year, bytes) = reports::csv_for(&state.db, query.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"dues-fy{year}.csv\""),
        ))
        .body(bytes))
}
