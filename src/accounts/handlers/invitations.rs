//! An invitee's page: choose a name and password, and be signed in.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::MAX_NAME_CHARS;
use crate::accounts::invitations::{self, Acceptance};
use crate::accounts::{home_for, security, AccountsError};
use crate::audit::Actor;
use crate::auth::queries::Invitation;
use crate::auth::session;
use crate::domain::{Password, PlainLine};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, see_other, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "accounts/invitation.html")]
struct InvitationPage {
    ctx: PageCtx,
    token: String,
    invitation: Invitation,
    display_name: String,
    errors: FormErrors,
}

impl InvitationPage {
    /// A city's user sets up the city's account; only staff join the secretariat.
    fn title_key(&self) -> &'static str {
        match self.invitation.city_id {
            Some(_) => "invite-accept-title-city",
            None => "invite-accept-title",
        }
    }
}

#[get("/invite/{token}")]
pub async fn invitation_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let invitation = invitations::open(&state.db, &token).await?;
    render(&InvitationPage {
        ctx,
        token: token.into_inner(),
        display_name: invitation.display_name.clone(),
        invitation,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize, Default)]
struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

impl AcceptForm {
    fn parse(&self) -> Result<Acceptance, FormErrors> {
        let mut errors = FormErrors::default();
        let name = errors.check(
            "display_name",
            PlainLine::parse(&self.display_name, MAX_NAME_CHARS),
        );
        let password = errors.check(
            "password",
            Password::parse_new(&self.password, &self.password_confirm),
        );
        match (name, password) {
            (Some(name), Some(password)) => Ok(Acceptance { name, password }),
            _ => Err(errors),
        }
    }
}

/// Not a staff action: the invitee has no account yet. The new account is
/// signed in (a new session) and welcomed on its home page.
#[post("/invite/{token}")]
pub async fn accept_invitation(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let (token, form) = (token.into_inner(), form.into_inner());
    let from = Actor::visitor(Actor::address_of(&req));
    let accepted = invitations::accept(&state.db, &from, &token, ctx.lang, form.parse()).await;
    match accepted {
        Ok(user) => {
            if security::required_for(state.config.two_factor, user.role) {
                // The new account sets up its second factor before it is signed in.
                session::begin_second_step(&session, &user, true, None)?;
                return Ok(see_other("/login/enrol"));
            }
            session::sign_in(&session, &state.db, &state.config, &user).await?;
            let welcome = ctx.t1("invite-welcome", "name", &user.display_name);
            Ok(flash::redirect(
                &session,
                Level::Success,
                welcome,
                home_for(user.role),
            ))
        }
        Err(AccountsError::InvalidAcceptance(invitation, errors)) => {
            let page = InvitationPage {
                ctx,
                token,
                invitation: *invitation,
                display_name: form.display_name,
                errors,
            };
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}
