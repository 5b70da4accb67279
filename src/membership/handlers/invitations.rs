//! Sister-city invitations: a city user's for their city, staff's for any.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::{CityAction, StaffAction};
use crate::membership::error::MembershipError;
use crate::membership::sister::{self, InviteForm, Inviter, TrackedInvitation};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{render_with_status, AppError, PageCtx, SignedIn, Staff};

#[derive(Template)]
#[template(path = "membership/sister.html")]
struct InvitationsPage {
    ctx: PageCtx,
    staff_view: bool,
    invitations: Vec<TrackedInvitation>,
    countries: Vec<(String, String)>,
    form: InviteForm,
    errors: FormErrors,
}

/// The list with the form (422 with the form's errors beside its fields).
async fn invitations_page(
    ctx: PageCtx,
    state: &AppState,
    inviter: Inviter,
    form: InviteForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let city_id = inviter.listed_city();
    let (invitations, countries) = sister::list(&state.db, city_id, ctx.lang).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let language = match form.language.is_empty() {
        true => ctx.lang.code(),
        false => form.language.clone(),
    };
    let page = InvitationsPage {
        form: InviteForm { language, ..form },
        staff_view: city_id.is_none(),
        ctx,
        invitations,
        countries,
        errors,
    };
    render_with_status(&page, status)
}

/// Sends the invitation: the list again, or the form with its errors.
async fn send<G>(
    action: crate::audit::Acting<G>,
    state: &AppState,
    inviter: Inviter,
    form: InviteForm,
) -> Result<HttpResponse, AppError> {
    let (db, base_url) = (&state.db, state.config.base_url.as_str());
    match sister::send(db, &action.actor, inviter, form.clone(), base_url).await {
        Ok(()) => Ok(action.done(action.t("sister-sent"), inviter.page())),
        Err(MembershipError::Invalid(errors)) => {
            invitations_page(action.ctx, state, inviter, form, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

#[get("/city/invitations")]
pub async fn city_invitations(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let inviter = Inviter::City(signed_in.own_city()?);
    let (form, errors) = (InviteForm::default(), FormErrors::default());
    invitations_page(signed_in.ctx, &state, inviter, form, errors).await
}

#[post("/city/invitations")]
pub async fn city_invite(
    action: CityAction,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let inviter = Inviter::City(action.own_city()?);
    send(action, &state, inviter, form.into_inner()).await
}

#[get("/staff/invitations")]
pub async fn staff_invitations(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (form, errors) = (InviteForm::default(), FormErrors::default());
    invitations_page(staff.ctx, &state, Inviter::Staff, form, errors).await
}

#[post("/staff/invitations")]
pub async fn staff_invite(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    send(action, &state, Inviter::Staff, form.into_inner()).await
}
