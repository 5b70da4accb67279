//! A city user's own pages: the city's record and its contact details.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::CityAction;
use crate::membership::accounts::{self, parse_contact, ContactForm};
use crate::membership::directory::{self, join_date_label};
use crate::membership::error::MembershipError;
use crate::membership::models::MemberCity;
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{render, render_with_status, AppError, PageCtx, SignedIn};

#[derive(Template)]
#[template(path = "membership/own_city.html")]
struct OwnCityPage {
    ctx: PageCtx,
    city: MemberCity,
    country: String,
    joined: String,
    changes: Vec<crate::membership::records::HistoryLine>,
}

#[get("/city")]
pub async fn own_city(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let lang = signed_in.ctx.lang;
    let (city, country) = directory::city_with_country(&state.db, city_id, lang).await?;
    let joined = join_date_label(&lang, &city);
    let changes = crate::membership::records::city_history(&state.db, city_id, lang).await?;
    render(&OwnCityPage {
        ctx: signed_in.ctx,
        city,
        country,
        joined,
        changes,
    })
}

#[derive(Template)]
#[template(path = "membership/contact_form.html")]
struct ContactPage {
    ctx: PageCtx,
    city: MemberCity,
    form: ContactForm,
    errors: FormErrors,
}

#[get("/city/edit")]
pub async fn edit_form(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city = accounts::city(&state.db, signed_in.own_city()?).await?;
    render(&ContactPage {
        form: ContactForm::of(&city),
        ctx: signed_in.ctx,
        city,
        errors: FormErrors::default(),
    })
}

/// Saves the city's contact details, audited with what changed.
#[post("/city/edit")]
pub async fn save_contact(
    action: CityAction,
    state: web::Data<AppState>,
    form: web::Form<ContactForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = action.own_city()?;
    let form = form.into_inner();
    let saved = match parse_contact(&form) {
        Ok(contact) => accounts::save_contact(&state.db, &action.actor, city_id, contact).await,
        Err(invalid) => Err(invalid),
    };
    match saved {
        Ok(()) => Ok(action.done(action.t("city-contact-saved"), "/city")),
        Err(MembershipError::Invalid(errors)) => {
            let city = accounts::city(&state.db, city_id).await?;
            let page = ContactPage {
                ctx: action.ctx,
                city,
                form,
                errors,
            };
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(error) => Err(error.into()),
    }
}
