//! Staff correct every field of a member city's record (reached from the
//! city's staff page); the changes go into its history and the audit log.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::membership::accounts;
use crate::membership::error::MembershipError;
use crate::membership::models::MemberCity;
use crate::membership::records::{self, RecordForm};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{render, render_with_status, AppError, PageCtx, Staff};

#[derive(Template)]
#[template(path = "membership/record_form.html")]
struct RecordPage {
    ctx: PageCtx,
    city: MemberCity,
    form: RecordForm,
    countries: Vec<(String, String)>,
    errors: FormErrors,
}

#[get("/staff/members/{id:\\d+}/edit")]
pub async fn edit_form(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city = accounts::city(&state.db, id.into_inner()).await?;
    let countries = records::form_countries(&state.db, staff.ctx.lang).await?;
    render(&RecordPage {
        form: RecordForm::of(&city),
        ctx: staff.ctx,
        city,
        countries,
        errors: FormErrors::default(),
    })
}

/// Saves the record; a bad value shows the form again with its error (422)
/// and changes nothing.
#[post("/staff/members/{id:\\d+}/edit")]
pub async fn save(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RecordForm>,
) -> Result<HttpResponse, AppError> {
    let (city_id, back) = (*id, format!("/staff/members/{id}"));
    let form = form.into_inner();
    let saved = match records::parse_form(&form) {
        Ok(values) => records::edit(&state.db, &action.actor, city_id, values).await,
        Err(invalid) => Err(invalid),
    };
    match saved {
        Ok(0) => Ok(action.inform(action.t("city-record-unchanged"), &back)),
        Ok(changed) => Ok(action.done(
            action.ctx.tn("city-record-saved", "count", changed as i64),
            &back,
        )),
        Err(MembershipError::Invalid(errors)) => {
            let city = accounts::city(&state.db, city_id).await?;
            let countries = records::form_countries(&state.db, action.ctx.lang).await?;
            let page = RecordPage {
                ctx: action.ctx,
                city,
                form,
                countries,
                errors,
            };
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(error) => Err(error.into()),
    }
}
