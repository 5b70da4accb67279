//! Public pages about the members: the directory, the officers, a member's
//! certificate and the statistics.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::membership::certificate::{Certificate, Viewer};
use crate::membership::cities::{DirectoryFilter, DirectoryRow, DIRECTORY_PAGE_SIZE};
use crate::membership::countries::Continent;
use crate::membership::directory;
use crate::membership::models::RoleKind;
use crate::membership::roles::{self, OfficerRow};
use crate::membership::statistics::{
    self, bars, rows, Bar, Row, Table4, CHART_HEIGHT, CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT,
};
use crate::web::map::{world_map, WorldMap};
use crate::web::page_cache;
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx};
use actix_web::middleware::from_fn;

#[derive(Template)]
#[template(path = "membership/directory.html")]
struct DirectoryPage {
    ctx: PageCtx,
    staff_view: bool,
    filter: DirectoryFilter,
    rows: Vec<DirectoryRow>,
    total: i64,
    pages: i64,
    countries: Vec<(String, String)>,
    years: Vec<i32>,
    continents: &'static [Continent],
    roles: &'static [RoleKind],
    country_names: std::collections::HashMap<String, String>,
}

impl DirectoryPage {
    fn continent_label(&self, code: &str) -> &'static str {
        Continent::parse(code).map_or("", Continent::label_key)
    }

    fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_names.get(code).map_or(code, String::as_str)
    }
}

/// The directory page, public or for staff (with withdrawn members).
pub(super) async fn directory_page(
    ctx: PageCtx,
    state: &AppState,
    filter: DirectoryFilter,
    staff_view: bool,
) -> Result<HttpResponse, AppError> {
    let view = directory::search(&state.db, filter.clone(), staff_view, ctx.lang).await?;
    render(&DirectoryPage {
        country_names: view.countries.iter().cloned().collect(),
        ctx,
        staff_view,
        pages: ((view.total + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE).max(1),
        filter,
        rows: view.rows,
        total: view.total,
        countries: view.countries,
        years: view.years,
        continents: &Continent::ALL,
        roles: RoleKind::ALL,
    })
}

/// Names, countries and join years only: no contact data in public.
#[get("/members", wrap = "from_fn(page_cache::serve)")]
pub async fn public_directory(
    ctx: PageCtx,
    state: web::Data<AppState>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    directory_page(ctx, &state, filter.into_inner(), false).await
}

#[derive(Template)]
#[template(path = "membership/officers.html")]
struct OfficersPage {
    ctx: PageCtx,
    officers: Vec<OfficerRow>,
}

/// The current officers and their mayors; contact emails for staff only.
#[get("/officers", wrap = "from_fn(page_cache::serve)")]
pub async fn officers_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let officers = roles::officers(&state.db, ctx.lang).await?;
    render(&OfficersPage { ctx, officers })
}

#[derive(Template)]
#[template(path = "membership/certificate.html")]
struct CertificatePage {
    ctx: PageCtx,
    certificate: Certificate,
}

/// The membership certificate, a printable page in the city's language: for
/// staff and the city's own users, 404 to anyone else (see
/// [`crate::membership::certificate`]).
#[get("/members/{id}/certificate")]
pub async fn certificate(
    ctx: PageCtx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let viewer = Viewer::of(ctx.user.as_ref());
    let certificate = crate::membership::certificate::certificate(&state.db, *id, viewer).await?;
    let mut response = render(&CertificatePage { ctx, certificate })?;
    // A page for its city alone: kept out of shared caches.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "membership/statistics.html")]
struct StatisticsPage {
    ctx: PageCtx,
    table: Table4,
    year_bars: Vec<Bar>,
    continent_rows: Vec<Row>,
    chart_width: i64,
    chart_height: i64,
    row_height: i64,
    label_width: i64,
    world_map: WorldMap,
    by_country: Vec<statistics::CountryRow>,
}

#[get("/statistics", wrap = "from_fn(page_cache::serve)")]
pub async fn statistics_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let statistics::MapFigures {
        table,
        years,
        countries: by_country,
        names,
    } = statistics::page(&state.db, ctx.lang).await?;
    let counts: Vec<(String, i64)> = by_country
        .iter()
        .map(|r| (r.code.clone(), r.cities))
        .collect();
    let world_map = world_map(ctx.t("map-members-label"), &counts, &names);
    let year_values: Vec<(String, i64)> = years.iter().map(|(y, n)| (y.to_string(), *n)).collect();
    let continent_values: Vec<(String, i64)> = table
        .rows
        .iter()
        .map(|r| (ctx.t(r.continent.label_key()), r.cities))
        .collect();
    render(&StatisticsPage {
        year_bars: bars(&year_values),
        continent_rows: rows(&continent_values),
        row_height: ROW_HEIGHT,
        label_width: LABEL_WIDTH,
        ctx,
        table,
        chart_width: CHART_WIDTH,
        chart_height: CHART_HEIGHT,
        world_map,
        by_country,
    })
}

#[derive(Template)]
#[template(path = "membership/members_by_country.html")]
struct MembersByCountryPage {
    ctx: PageCtx,
    rows: Vec<statistics::CountryRow>,
    order: &'static str,
    total_cities: i64,
}

#[derive(serde::Deserialize)]
pub struct CountryOrderQuery {
    #[serde(default)]
    sort: String,
}

impl MembersByCountryPage {
    /// Whether the continent changes at this row (rows grouped by continent).
    fn starts_continent(&self, index: &usize) -> bool {
        let index = *index;
        index == 0
            || self
                .rows
                .get(index - 1)
                .zip(self.rows.get(index))
                .is_some_and(|(before, row)| before.continent != row.continent)
    }
}

/// Active members by country or region: continent, cities, year of the first
/// member; beside Table 4 on the statistics page.
#[get("/statistics/countries", wrap = "from_fn(page_cache::serve)")]
pub async fn members_by_country(
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<CountryOrderQuery>,
) -> Result<HttpResponse, AppError> {
    let order = statistics::CountryOrder::parse(query.sort.trim());
    let rows = statistics::countries_page(&state.db, ctx.lang, order).await?;
    render(&MembersByCountryPage {
        total_cities: rows.iter().map(|r| r.cities).sum(),
        ctx,
        rows,
        order: order.as_str(),
    })
}
