//! The member directory (the public page's fields only: name, country,
//! continent, year of joining) and the current officers.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use super::http::{date, json, Freshness};
use super::statistics::ContinentCode;
use crate::domain::CountryCode;
use crate::membership::cities::{DirectoryFilter, DIRECTORY_PAGE_SIZE};
use crate::membership::countries::Continent;
use crate::membership::directory;
use crate::membership::models::RoleKind;
use crate::membership::roles::{self, OfficerRow};
use crate::web::AppState;

pub const COUNTRY_PATTERN: &str = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$";
const MAX_PAGE: i64 = 100_000;
const MAX_NAME_CHARS: usize = 100;
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// Filters of the directory; all optional, combined with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CityQuery {
    /// Part of the city's name, in any script; case and accents are ignored.
    #[param(max_length = 100)]
    pub name: Option<String>,
    pub continent: Option<ContinentCode>,
    /// ISO 3166-1 alpha-2 code, or `X-…` for a region without one.
    #[param(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub country: Option<String>,
    /// Year of joining.
    #[param(minimum = 1900, maximum = 2100)]
    pub year: Option<i32>,
    /// Page number, from 1; 50 cities a page.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A country code exactly as the document's pattern has it.
pub fn country_param(text: &str) -> Result<String, ApiError> {
    match CountryCode::parse(text) {
        Ok(code) if code.as_str() == text => Ok(code.into_string()),
        _ => Err(ApiError::bad(
            "country",
            "an upper-case ISO 3166-1 alpha-2 code or X-… region code",
        )),
    }
}

pub fn year_param(year: i32) -> Result<i32, ApiError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::bad(
            "year",
            format!("a year from {FIRST_YEAR} to {LAST_YEAR}"),
        ))
    }
}

impl CityQuery {
    fn filter(&self) -> Result<DirectoryFilter, ApiError> {
        let name = self.name.clone().unwrap_or_default();
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(ApiError::bad(
                "name",
                format!("at most {MAX_NAME_CHARS} characters"),
            ));
        }
        let page = self.page.unwrap_or(1);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(ApiError::bad("page", format!("from 1 to {MAX_PAGE}")));
        }
        Ok(DirectoryFilter {
            // Control characters match no name (and PostgreSQL refuses NUL in text).
            q: name.chars().filter(|c| !c.is_control()).collect(),
            continent: self
                .continent
                .map(|c| Continent::from(c).as_str().to_string())
                .unwrap_or_default(),
            country: self
                .country
                .as_deref()
                .map(country_param)
                .transpose()?
                .unwrap_or_default(),
            year: self.year.map(year_param).transpose()?,
            page: Some(page),
            sort: "name".into(),
            ..DirectoryFilter::default()
        })
    }
}

/// A member city as the public directory shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct City {
    /// Stable id of the city.
    pub id: i64,
    /// The name in Latin letters.
    pub name: String,
    /// The name in the city's own script, when it has one.
    pub name_native: Option<String>,
    #[schema(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub country: String,
    /// The country's English name.
    pub country_name: String,
    pub continent: ContinentCode,
    pub join_year: i32,
}

/// One page of the directory, in order of name.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityPage {
    pub page: i64,
    pub per_page: i64,
    /// Cities matching the filters, on all pages.
    pub total: i64,
    pub pages: i64,
    pub items: Vec<City>,
}

/// Active member cities, filtered and paginated.
#[utoipa::path(
    get,
    path = "/api/v1/cities",
    tag = "members",
    params(CityQuery),
    responses(
        (status = 200, description = "One page of active member cities", body = CityPage,
            headers(("ETag" = String, description = "Changes when the page does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 400, description = "A parameter is not what this document says", body = super::error::Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/cities")]
pub async fn get_cities(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CityQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = query.filter()?;
    let page = filter.page();
    let view = directory::search(&state.db, filter, false, crate::i18n::Lang::english()).await?;
    let items = view
        .rows
        .into_iter()
        .map(|(city, country_name, continent)| City {
            id: city.id,
            name: city.name_latin,
            name_native: city.name_native,
            country: city.country_code.into_string(),
            country_name,
            continent: Continent::parse(&continent)
                .unwrap_or(Continent::Asia)
                .into(),
            join_year: city.join_date.year(),
        })
        .collect();
    let body = CityPage {
        page,
        per_page: DIRECTORY_PAGE_SIZE,
        total: view.total,
        pages: ((view.total + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE).max(1),
        items,
    };
    Ok(json(&req, &body, Freshness::Minute))
}

/// An office a city holds.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Office {
    President,
    VicePresident,
    Executive,
    Lead,
}

impl From<RoleKind> for Office {
    fn from(role: RoleKind) -> Office {
        match role {
            RoleKind::President => Office::President,
            RoleKind::VicePresident => Office::VicePresident,
            RoleKind::Executive => Office::Executive,
            RoleKind::Lead => Office::Lead,
        }
    }
}

/// A city holding an office today, and its mayor (who acts for it).
#[derive(Debug, Serialize, ToSchema)]
pub struct Officer {
    pub office: Office,
    /// The city's id, as in `/api/v1/cities`.
    pub city_id: i64,
    pub city: String,
    pub city_native: Option<String>,
    #[schema(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub country: String,
    pub country_name: String,
    pub mayor: Option<String>,
    #[schema(format = Date)]
    pub term_starts_on: String,
    #[schema(format = Date)]
    pub term_ends_on: Option<String>,
}

/// The current officers: president, vice-presidents, executive and lead cities.
#[utoipa::path(
    get,
    path = "/api/v1/officers",
    tag = "members",
    responses(
        (status = 200, description = "The offices held today", body = Vec<Officer>,
            headers(("ETag" = String, description = "Changes when the list does"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/officers")]
pub async fn get_officers(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officers = roles::officers(&state.db, crate::i18n::Lang::english()).await?;
    let body: Vec<Officer> = officers
        .into_iter()
        .map(
            |OfficerRow {
                 role,
                 city,
                 country: country_name,
                 ..
             }| Officer {
                office: role.role.into(),
                city_id: city.id,
                city: city.name_latin,
                city_native: city.name_native,
                country: city.country_code.into_string(),
                country_name,
                mayor: city.mayor_name,
                term_starts_on: date(role.starts_on),
                term_ends_on: role.ends_on.map(date),
            },
        )
        .collect();
    Ok(json(&req, &body, Freshness::Minute))
}
