//! Members by continent (the paper's Table 4), by year of joining and by country.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::ApiError;
use super::http::{json, Freshness};
use crate::membership::countries::{Continent, Country};
use crate::membership::{open_data, statistics};
use crate::web::AppState;

/// A continent as the association groups countries and regions (Table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContinentCode {
    Asia,
    Oceania,
    Africa,
    Europe,
    NorthAmerica,
    LatinAmerica,
}

impl From<Continent> for ContinentCode {
    fn from(continent: Continent) -> ContinentCode {
        match continent {
            Continent::Asia => ContinentCode::Asia,
            Continent::Oceania => ContinentCode::Oceania,
            Continent::Africa => ContinentCode::Africa,
            Continent::Europe => ContinentCode::Europe,
            Continent::NorthAmerica => ContinentCode::NorthAmerica,
            Continent::LatinAmerica => ContinentCode::LatinAmerica,
        }
    }
}

impl From<ContinentCode> for Continent {
    fn from(code: ContinentCode) -> Continent {
        match code {
            ContinentCode::Asia => Continent::Asia,
            ContinentCode::Oceania => Continent::Oceania,
            ContinentCode::Africa => Continent::Africa,
            ContinentCode::Europe => Continent::Europe,
            ContinentCode::NorthAmerica => Continent::NorthAmerica,
            ContinentCode::LatinAmerica => Continent::LatinAmerica,
        }
    }
}

/// Active members of one continent.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContinentFigures {
    pub continent: ContinentCode,
    /// Countries and regions with at least one active member.
    pub countries: i64,
    /// Active member cities.
    pub cities: i64,
}

/// Active members who joined in one year.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearFigures {
    pub year: i32,
    pub cities: i64,
}

/// Active members by continent and by year of joining.
#[derive(Debug, Serialize, ToSchema)]
pub struct Statistics {
    pub total_countries: i64,
    pub total_cities: i64,
    /// In the order of Table 4, every continent present (zero when empty).
    pub continents: Vec<ContinentFigures>,
    /// Oldest year first, with no gaps.
    pub joins_by_year: Vec<YearFigures>,
}

/// Active members by continent and by year of joining.
#[utoipa::path(
    get,
    path = "/api/v1/statistics",
    tag = "members",
    responses(
        (status = 200, description = "Active members by continent and year of joining", body = Statistics,
            headers(("ETag" = String, description = "Changes when the figures do"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/statistics")]
pub async fn get_statistics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let (table, years) = statistics::overview(&state.db).await?;
    let body = Statistics {
        total_countries: table.total_countries,
        total_cities: table.total_cities,
        continents: table
            .rows
            .iter()
            .map(|r| ContinentFigures {
                continent: r.continent.into(),
                countries: r.countries,
                cities: r.cities,
            })
            .collect(),
        joins_by_year: years
            .into_iter()
            .map(|(year, cities)| YearFigures { year, cities })
            .collect(),
    };
    Ok(json(&req, &body, Freshness::Minute))
}

/// A country's or region's names in the app's languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryNames {
    pub en: String,
    pub ja: Option<String>,
    pub ko: Option<String>,
}

impl CountryNames {
    pub fn of(country: &Country) -> CountryNames {
        CountryNames {
            en: country.name_en.clone(),
            ja: country.name_ja.clone(),
            ko: country.name_ko.clone(),
        }
    }
}

/// Active members of one country or region.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryFigures {
    /// ISO 3166-1 alpha-2, or `X-…` for a region without an ISO code.
    #[schema(pattern = r"^([A-Z]{2}|X-[A-Z0-9]+(-[A-Z0-9]+)*)$")]
    pub code: String,
    pub names: CountryNames,
    pub continent: ContinentCode,
    /// True for a region without an ISO 3166 code (e.g. Somaliland).
    pub without_iso_code: bool,
    pub cities: i64,
}

/// Active members by country or region, most first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryStatistics {
    pub total_countries: i64,
    pub total_cities: i64,
    pub countries: Vec<CountryFigures>,
}

/// Active members by country or region.
#[utoipa::path(
    get,
    path = "/api/v1/statistics/countries",
    tag = "members",
    responses(
        (status = 200, description = "Active members per country or region, most first", body = CountryStatistics,
            headers(("ETag" = String, description = "Changes when the figures do"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = super::error::Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/statistics/countries")]
pub async fn get_country_statistics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let rows = open_data::active_by_country(&state.db).await?;
    let countries: Vec<CountryFigures> = rows
        .iter()
        .map(|(country, cities)| CountryFigures {
            code: country.code.to_string(),
            names: CountryNames::of(country),
            continent: country.continent.into(),
            without_iso_code: !country.iso,
            cities: *cities,
        })
        .collect();
    let body = CountryStatistics {
        total_countries: i64::try_from(countries.len()).unwrap_or(i64::MAX),
        total_cities: countries.iter().map(|c| c.cities).sum(),
        countries,
    };
    Ok(json(&req, &body, Freshness::Minute))
}
