//! A city's own page of contributions.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::dues::city::{self, CityDues};
use crate::membership::models::MemberCity;
use crate::web::{render, AppError, AppState, PageCtx, SignedIn};

#[derive(Template)]
#[template(path = "dues/city.html")]
struct OwnDuesPage {
    ctx: PageCtx,
    city: MemberCity,
    dues: CityDues,
}

/// A city's own contributions, its receipts, and its choice about reminders.
#[get("/city/dues")]
pub async fn own_dues(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let (city, dues) = city::own(&state.db, city_id, signed_in.ctx.lang).await?;
    render(&OwnDuesPage {
        ctx: signed_in.ctx,
        city,
        dues,
    })
}
