//! Signing in (throttled) and out.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::language_cookie;
use crate::accounts::home_for;
use crate::auth::login::check_credentials;
use crate::auth::{session, throttle, AuthError};
use crate::domain::EmailAddress;
use crate::i18n::Lang;
use crate::web::{local_path, render, render_with_status, see_other, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

#[get("/login")]
pub async fn login_form(
    ctx: PageCtx,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = &ctx.user {
        return Ok(see_other(home_for(user.role)));
    }
    render(&LoginPage {
        ctx,
        email: String::new(),
        next: local_path(query.next.as_deref(), ""),
        error: None,
    })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

impl LoginForm {
    /// The login page again, with why not (the same words for a wrong address
    /// or password) and the address typed.
    fn refused(self, ctx: PageCtx, error: AuthError) -> Result<HttpResponse, AppError> {
        let (message, status) = match error {
            AuthError::Locked(lock) => (
                ctx.tn("login-locked", "minutes", throttle::minutes_left(lock)),
                StatusCode::TOO_MANY_REQUESTS,
            ),
            AuthError::Failed { lock: Some(lock) } => (
                ctx.tn("login-locked", "minutes", throttle::minutes_left(lock)),
                StatusCode::UNAUTHORIZED,
            ),
            AuthError::Failed { lock: None } => (ctx.t("login-failed"), StatusCode::UNAUTHORIZED),
            other => return Err(other.into()),
        };
        let page = LoginPage {
            next: local_path(self.next.as_deref(), ""),
            email: self.email,
            error: Some(message),
            ctx,
        };
        render_with_status(&page, status)
    }
}

/// Not a staff action: nobody is signed in yet. Signing in starts a new
/// session and sets the user's language cookie on the redirect.
#[post("/login")]
pub async fn login(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let checked = match EmailAddress::parse(&form.email) {
        Ok(address) => check_credentials(&state.db, address.key(), form.password.clone()).await,
        Err(_) => Err(AuthError::Failed { lock: None }),
    };
    let user = match checked {
        Ok(user) => user,
        Err(error) => return form.refused(ctx, error),
    };
    session::sign_in(&session, &user)?;
    let mut response = see_other(&local_path(form.next.as_deref(), home_for(user.role)));
    if let Some(lang) = user.language.as_deref().and_then(Lang::parse) {
        response
            .add_cookie(&language_cookie(lang))
            .map_err(AppError::internal)?;
    }
    Ok(response)
}

#[post("/logout")]
pub async fn logout(session: Session) -> HttpResponse {
    session::sign_out(&session);
    see_other("/")
}
