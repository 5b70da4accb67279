//! The first-run setup page: the first admin account, through the one-time link.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::MAX_NAME_CHARS;
use crate::accounts::setup::{check_link, create_first_admin, NewAdmin};
use crate::accounts::{security, AccountsError};
use crate::audit::Actor;
use crate::auth::session;
use crate::domain::{EmailAddress, Password, PlainLine};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, see_other, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    ctx: PageCtx,
    token: String,
    email: String,
    display_name: String,
    errors: FormErrors,
}

#[get("/setup/{token}")]
pub async fn setup_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    check_link(&state.db, &token).await?;
    render(&SetupPage {
        ctx,
        token: token.into_inner(),
        email: String::new(),
        display_name: String::new(),
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize, Default)]
struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

impl SetupForm {
    fn parse(&self) -> Result<NewAdmin, FormErrors> {
        let mut errors = FormErrors::default();
        let email = errors.check("email", EmailAddress::parse(&self.email));
        let name = errors.check(
            "display_name",
            PlainLine::parse(&self.display_name, MAX_NAME_CHARS),
        );
        let password = errors.check(
            "password",
            Password::parse_new(&self.password, &self.password_confirm),
        );
        match (email, name, password) {
            (Some(email), Some(name), Some(password)) => Ok(NewAdmin {
                email,
                name,
                password,
            }),
            _ => Err(errors),
        }
    }
}

/// Not a staff action: nobody is signed in yet. The new admin is signed in
/// (a new session) and welcomed on the dashboard.
#[post("/setup/{token}")]
pub async fn setup(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    let (token, form) = (token.into_inner(), form.into_inner());
    let from = Actor::visitor(Actor::address_of(&req));
    let created = create_first_admin(&state.db, &from, &token, ctx.lang, form.parse()).await;
    match created {
        Ok(user) => {
            if security::required_for(state.config.two_factor, user.role) {
                // The new account sets up its second factor before it is signed in.
                session::begin_second_step(&session, &user, true, None)?;
                return Ok(see_other("/login/enrol"));
            }
            session::sign_in(&session, &state.db, &state.config, &user).await?;
            Ok(flash::redirect(
                &session,
                Level::Success,
                ctx.t("setup-done"),
                "/staff",
            ))
        }
        Err(AccountsError::Invalid(errors)) => {
            let page = SetupPage {
                ctx,
                token,
                email: form.email,
                display_name: form.display_name,
                errors,
            };
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}
