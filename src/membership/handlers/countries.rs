//! The admins' page of countries and regions: add a region without an ISO
//! code, or move a country to another continent group.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::AdminAction;
use crate::domain::{CountryCode, PlainLine};
use crate::membership::countries::{self, Continent, Country, NewRegion};
use crate::web::AppState;
use crate::web::{render, Admin, AppError, PageCtx};

#[derive(Template)]
#[template(path = "membership/countries.html")]
struct CountriesPage {
    ctx: PageCtx,
    countries: Vec<Country>,
    continents: &'static [Continent],
}

#[get("/admin/countries")]
pub async fn countries_page(
    admin: Admin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let mut countries = countries::list(&state.db).await?;
    let lang = admin.ctx.lang;
    countries.sort_by_cached_key(|c| (c.continent, lang.sort_key(c.name(&lang))));
    render(&CountriesPage {
        ctx: admin.ctx,
        countries,
        continents: &Continent::ALL,
    })
}

#[derive(Deserialize)]
pub struct RegionForm {
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_ko: String,
    #[serde(default)]
    continent: String,
}

impl RegionForm {
    fn parse(&self) -> Option<NewRegion> {
        let optional_name = |text: &str| PlainLine::parse(text, 100).ok();
        Some(NewRegion {
            name_en: PlainLine::parse(&self.name_en, 100).ok()?,
            name_ja: optional_name(&self.name_ja),
            name_ko: optional_name(&self.name_ko),
            continent: Continent::parse(&self.continent)?,
        })
    }
}

#[post("/admin/countries")]
pub async fn add_region(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<RegionForm>,
) -> Result<HttpResponse, AppError> {
    let Some(region) = form.parse() else {
        return Ok(action.refused(action.t("countries-add-invalid"), "/admin/countries"));
    };
    let added = countries::add_new_region(&state.db, &action.actor, region).await;
    action.answer(added, "/admin/countries", |_| action.t("countries-added"))
}

#[derive(Deserialize)]
pub struct MoveForm {
    continent: String,
}

#[post("/admin/countries/{code}/continent")]
pub async fn move_country(
    action: AdminAction,
    state: web::Data<AppState>,
    code: web::Path<String>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let continent =
        Continent::parse(&form.continent).ok_or(AppError::BadRequest("error-choose-option"))?;
    let code = CountryCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let moved = countries::move_to_continent(&state.db, &action.actor, code, continent).await;
    action.answer(moved, "/admin/countries", |_| action.t("countries-moved"))
}
