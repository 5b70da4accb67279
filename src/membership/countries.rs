//! Countries and regions, each in one of the six continent groups of the
//! association's own statistics (the paper's Table 4).
//!
//! ISO 3166-1 entries come from the keshvar crate (with Japanese and Korean
//! names) and are written into the `countries` table at start; admins add the
//! regions that have no ISO code (Somaliland, Northern Cyprus, Kosovo).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use keshvar::{CountryIterator, Region, SubRegion};

use crate::db::{DbConn, DbResult};
use crate::domain::FieldError;
use crate::i18n::Lang;
use crate::schema::countries;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Continent {
    Asia,
    Oceania,
    Africa,
    Europe,
    NorthAmerica,
    LatinAmerica,
}

impl Continent {
    /// In the order of Table 4.
    pub const ALL: [Continent; 6] = [
        Continent::Asia,
        Continent::Oceania,
        Continent::Africa,
        Continent::Europe,
        Continent::NorthAmerica,
        Continent::LatinAmerica,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Continent::Asia => "asia",
            Continent::Oceania => "oceania",
            Continent::Africa => "africa",
            Continent::Europe => "europe",
            Continent::NorthAmerica => "north_america",
            Continent::LatinAmerica => "latin_america",
        }
    }

    pub fn parse(text: &str) -> Option<Continent> {
        Continent::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Continent::Asia => "continent-asia",
            Continent::Oceania => "continent-oceania",
            Continent::Africa => "continent-africa",
            Continent::Europe => "continent-europe",
            Continent::NorthAmerica => "continent-north-america",
            Continent::LatinAmerica => "continent-latin-america",
        }
    }

    /// The UN M49 grouping, with the Americas split as the association does.
    fn of(region: Region, subregion: Option<SubRegion>) -> Option<Continent> {
        match region {
            Region::Asia => Some(Continent::Asia),
            Region::Europe => Some(Continent::Europe),
            Region::Africa => Some(Continent::Africa),
            Region::Oceania => Some(Continent::Oceania),
            Region::Americas if subregion == Some(SubRegion::NorthernAmerica) => {
                Some(Continent::NorthAmerica)
            }
            Region::Americas => Some(Continent::LatinAmerica),
            Region::Antarctica => None,
        }
    }
}

impl TryFrom<String> for Continent {
    type Error = String;

    fn try_from(text: String) -> Result<Continent, String> {
        Continent::parse(&text).ok_or_else(|| format!("unknown continent {text:?}"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = countries)]
pub struct Country {
    pub code: String,
    pub name_en: String,
    pub name_ja: Option<String>,
    pub name_ko: Option<String>,
    #[diesel(deserialize_as = String)]
    pub continent: Continent,
    pub iso: bool,
    pub created_at: NaiveDateTime,
}

impl Country {
    /// The name in `lang`, falling back to English.
    pub fn name(&self, lang: &Lang) -> &str {
        let translated = match lang.code().as_str() {
            "ja" => self.name_ja.as_deref(),
            "ko" => self.name_ko.as_deref(),
            _ => None,
        };
        translated.unwrap_or(&self.name_en)
    }
}

/// Everyday English names where ISO's short name is formal or contested.
fn everyday_english_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "GB" => "United Kingdom",
        "US" => "United States",
        "KR" => "Republic of Korea",
        "KP" => "Democratic People's Republic of Korea",
        "TW" => "Taiwan",
        "RU" => "Russia",
        "IR" => "Iran",
        "SY" => "Syria",
        "LA" => "Laos",
        "BO" => "Bolivia",
        "VE" => "Venezuela",
        "TZ" => "Tanzania",
        "MD" => "Moldova",
        "PS" => "Palestine",
        "FM" => "Micronesia",
        "CD" => "Democratic Republic of the Congo",
        "CG" => "Republic of the Congo",
        "VN" => "Viet Nam",
        "BN" => "Brunei",
        "NL" => "Netherlands",
        "PH" => "Philippines",
        "CZ" => "Czechia",
        "TR" => "Türkiye",
        _ => return None,
    })
}

/// Regions without an ISO code that the association counts, present from the start.
const REGIONS_WITHOUT_ISO_CODE: [(&str, &str, &str, &str, Continent); 3] = [
    (
        "X-SOMALILAND",
        "Somaliland",
        "ソマリランド",
        "소말릴란드",
        Continent::Africa,
    ),
    (
        "X-NORTHERN-CYPRUS",
        "Northern Cyprus",
        "北キプロス",
        "북키프로스",
        Continent::Asia,
    ),
    ("XK", "Kosovo", "コソボ", "코소보", Continent::Europe),
];

/// Writes the ISO 3166-1 countries and the known regions into the table, once.
/// Rows already there (possibly edited by an admin) are left as they are.
pub fn ensure_reference_data(conn: &mut DbConn) -> DbResult<usize> {
    let existing: Vec<String> = countries::table.select(countries::code).load(conn)?;
    let now = crate::domain::clock::now();
    let mut rows = Vec::new();
    for country in CountryIterator::new() {
        let Some(region) = country.maybe_region() else {
            continue;
        };
        let Some(continent) = Continent::of(region, country.maybe_subregion()) else {
            continue;
        };
        let code = country.alpha2().to_string();
        if existing.contains(&code) {
            continue;
        }
        let name_en = everyday_english_name(&code)
            .map(str::to_string)
            .unwrap_or_else(|| country.iso_short_name().to_string());
        let translations = country.translations();
        rows.push((
            countries::code.eq(code),
            countries::name_en.eq(name_en),
            countries::name_ja.eq(translations.get("ja").map(|s| s.to_string())),
            countries::name_ko.eq(translations.get("ko").map(|s| s.to_string())),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(true),
            countries::created_at.eq(now),
        ));
    }
    for (code, en, ja, ko, continent) in REGIONS_WITHOUT_ISO_CODE {
        if existing.iter().any(|c| c == code) {
            continue;
        }
        rows.push((
            countries::code.eq(code.to_string()),
            countries::name_en.eq(en.to_string()),
            countries::name_ja.eq(Some(ja.to_string())),
            countries::name_ko.eq(Some(ko.to_string())),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(false),
            countries::created_at.eq(now),
        ));
    }
    let added = rows.len();
    for chunk in rows.chunks(100) {
        crate::on_backend!(conn, |c| diesel::insert_into(countries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(added)
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<Country>> {
    Ok(countries::table
        .order(countries::name_en.asc())
        .select(Country::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, code: &str) -> DbResult<Option<Country>> {
    Ok(countries::table
        .find(code)
        .select(Country::as_select())
        .first(conn)
        .optional()?)
}

/// A country code from a form, checked against the table.
pub fn parse_code(conn: &mut DbConn, input: &str) -> DbResult<Result<Country, FieldError>> {
    let code = input.trim();
    if code.is_empty() {
        return Ok(Err(FieldError("error-choose-country")));
    }
    Ok(find(conn, code)?.ok_or(FieldError("error-choose-country")))
}

/// Adds a region without an ISO code; its code is made from its English name.
pub fn add_region(
    conn: &mut DbConn,
    name_en: &str,
    name_ja: Option<&str>,
    name_ko: Option<&str>,
    continent: Continent,
) -> DbResult<String> {
    let slug: String = crate::membership::names::fold(name_en)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '-'
            }
        })
        .collect();
    let code = format!("X-{}", slug.trim_matches('-'));
    diesel::insert_into(countries::table)
        .values((
            countries::code.eq(&code),
            countries::name_en.eq(name_en),
            countries::name_ja.eq(name_ja),
            countries::name_ko.eq(name_ko),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(false),
            countries::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(code)
}

pub fn set_continent(conn: &mut DbConn, code: &str, continent: Continent) -> DbResult<bool> {
    Ok(diesel::update(countries::table.find(code))
        .set(countries::continent.eq(continent.as_str()))
        .execute(conn)?
        == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn americas_split_as_the_association_counts_them() {
        let continent_of = |code: &str| {
            let country = CountryIterator::new()
                .find(|c| c.alpha2().to_string() == code)
                .unwrap();
            Continent::of(country.maybe_region().unwrap(), country.maybe_subregion()).unwrap()
        };
        assert_eq!(continent_of("US"), Continent::NorthAmerica);
        assert_eq!(continent_of("CA"), Continent::NorthAmerica);
        assert_eq!(continent_of("GL"), Continent::NorthAmerica);
        assert_eq!(continent_of("MX"), Continent::LatinAmerica);
        assert_eq!(continent_of("CR"), Continent::LatinAmerica);
        assert_eq!(continent_of("BR"), Continent::LatinAmerica);
        assert_eq!(continent_of("JP"), Continent::Asia);
        assert_eq!(continent_of("CM"), Continent::Africa);
        assert_eq!(continent_of("NZ"), Continent::Oceania);
        assert_eq!(continent_of("NO"), Continent::Europe);
    }
}

pub mod admin {
    //! The admins' page of countries and regions: add a region without an ISO
    //! code, or move a country to another continent group.

    use actix_session::Session;
    use actix_web::{get, post, web, HttpRequest, HttpResponse};
    use askama::Template;
    use serde::Deserialize;

    use super::{Continent, Country};
    use crate::audit;
    use crate::domain::PlainLine;
    use crate::web::flash::{self, Level};
    use crate::web::AppState;
    use crate::web::{client_ip, render, see_other, Admin, AppError, PageCtx};

    pub fn configure(cfg: &mut web::ServiceConfig) {
        cfg.service(countries_page)
            .service(add_region)
            .service(move_country);
    }

    #[derive(Template)]
    #[template(path = "membership/countries.html")]
    struct CountriesPage {
        ctx: PageCtx,
        countries: Vec<Country>,
        continents: &'static [Continent],
    }

    #[get("/admin/countries")]
    async fn countries_page(
        admin: Admin,
        state: web::Data<AppState>,
    ) -> Result<HttpResponse, AppError> {
        let mut countries = state.db.run(super::all).await?;
        countries.sort_by(|a, b| {
            (a.continent, a.name(&admin.ctx.lang)).cmp(&(b.continent, b.name(&admin.ctx.lang)))
        });
        render(&CountriesPage {
            ctx: admin.ctx,
            countries,
            continents: &Continent::ALL,
        })
    }

    #[derive(Deserialize)]
    struct RegionForm {
        #[serde(default)]
        name_en: String,
        #[serde(default)]
        name_ja: String,
        #[serde(default)]
        name_ko: String,
        #[serde(default)]
        continent: String,
    }

    fn optional_name(text: &str) -> Option<String> {
        PlainLine::parse(text, 100).ok().map(PlainLine::into_string)
    }

    #[post("/admin/countries")]
    async fn add_region(
        admin: Admin,
        state: web::Data<AppState>,
        session: Session,
        req: HttpRequest,
        form: web::Form<RegionForm>,
    ) -> Result<HttpResponse, AppError> {
        let (Ok(name_en), Some(continent)) = (
            PlainLine::parse(&form.name_en, 100),
            Continent::parse(&form.continent),
        ) else {
            flash::push(&session, Level::Error, admin.ctx.t("countries-add-invalid"));
            return Ok(see_other("/admin/countries"));
        };
        let (name_ja, name_ko) = (optional_name(&form.name_ja), optional_name(&form.name_ko));
        let actor = admin.user.clone();
        let ip = client_ip(&req, state.config.behind_proxy);
        let added = state
            .db
            .write(move |conn| {
                let code = super::add_region(
                    conn,
                    name_en.as_str(),
                    name_ja.as_deref(),
                    name_ko.as_deref(),
                    continent,
                )?;
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: Some(&actor),
                        action: "country.add_region",
                        entity_type: "country",
                        entity_id: Some(code.clone()),
                        summary: format!("{} in {}", name_en.as_str(), continent.as_str()),
                        ip,
                    },
                )?;
                Ok(code)
            })
            .await;
        match added {
            Ok(_) => flash::push(&session, Level::Success, admin.ctx.t("countries-added")),
            Err(e) if e.is_unique_violation() => {
                flash::push(&session, Level::Error, admin.ctx.t("countries-exists"))
            }
            Err(e) => return Err(e.into()),
        }
        Ok(see_other("/admin/countries"))
    }

    #[derive(Deserialize)]
    struct MoveForm {
        continent: String,
    }

    #[post("/admin/countries/{code}/continent")]
    async fn move_country(
        admin: Admin,
        state: web::Data<AppState>,
        session: Session,
        req: HttpRequest,
        code: web::Path<String>,
        form: web::Form<MoveForm>,
    ) -> Result<HttpResponse, AppError> {
        let continent =
            Continent::parse(&form.continent).ok_or(AppError::BadRequest("error-choose-option"))?;
        let code = code.into_inner();
        let actor = admin.user.clone();
        let ip = client_ip(&req, state.config.behind_proxy);
        state
            .db
            .write(move |conn| {
                let Some(before) = super::find(conn, &code)? else {
                    return Ok(None);
                };
                super::set_continent(conn, &code, continent)?;
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: Some(&actor),
                        action: "country.continent",
                        entity_type: "country",
                        entity_id: Some(code.clone()),
                        summary: format!(
                            "{}: {} → {}",
                            before.name_en,
                            before.continent.as_str(),
                            continent.as_str()
                        ),
                        ip,
                    },
                )?;
                Ok(Some(()))
            })
            .await?
            .ok_or(AppError::NotFound)?;
        flash::push(&session, Level::Success, admin.ctx.t("countries-moved"));
        Ok(see_other("/admin/countries"))
    }
}
