//! Signing in (throttled, then a second factor where the account has or
//! needs one) and out.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::language_cookie;
use crate::accounts::home_for;
use crate::accounts::security::{self, SecondStep};
use crate::accounts::AccountsError;
use crate::audit::Actor;
use crate::auth::{session, throttle, AuthError, User};
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

/// Why a sign-in step was refused, in words and status: a short wait the
/// page explains (429), or the same words for any wrong address, password
/// or code (401). Anything else is an error page.
pub(super) fn refusal(
    ctx: &PageCtx,
    error: AccountsError,
) -> Result<(String, StatusCode), AppError> {
    match error {
        AccountsError::Auth(AuthError::Wait(wait)) => Ok((
            ctx.tn("login-wait", "seconds", throttle::seconds_left(wait)),
            StatusCode::TOO_MANY_REQUESTS,
        )),
        AccountsError::Auth(AuthError::Failed) => {
            Ok((ctx.t("login-failed"), StatusCode::UNAUTHORIZED))
        }
        other => Err(other.into()),
    }
}

impl LoginForm {
    /// The login page again, with why not and the address typed.
    fn refused(self, ctx: PageCtx, error: AccountsError) -> Result<HttpResponse, AppError> {
        let (message, status) = refusal(&ctx, error)?;
        let page = LoginPage {
            next: local_path(self.next.as_deref(), ""),
            email: self.email,
            error: Some(message),
            ctx,
        };
        render_with_status(&page, status)
    }
}

/// Not a staff action: nobody is signed in yet. A right password signs in
/// (a new session, a new CSRF token, the user's language cookie), or leads to
/// the second step: the code, or setting up an authenticator first.
#[post("/login")]
pub async fn login(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let ip = Actor::address_of(&req);
    let checked = match EmailAddress::parse(&form.email) {
        Ok(address) => {
            let policy = state.config.two_factor;
            security::check_password(&state.db, address.key(), form.password.clone(), ip, policy)
                .await
        }
        Err(_) => Err(AccountsError::Auth(AuthError::Failed)),
    };
    let (user, next_step) = match checked {
        Ok(checked) => checked,
        Err(error) => return form.refused(ctx, error),
    };
    let next = form.next.as_deref().map(|n| local_path(Some(n), ""));
    match next_step {
        SecondStep::None => finish_sign_in(&state, &session, &user, next.as_deref()).await,
        SecondStep::Code => {
            session::begin_second_step(&session, &user, false, next)?;
            Ok(see_other("/login/code"))
        }
        SecondStep::Enrol => {
            session::begin_second_step(&session, &user, true, next)?;
            Ok(see_other("/login/enrol"))
        }
    }
}

/// Signs `user` in and goes on to `next` (or their home page), with their
/// language cookie.
pub(super) async fn finish_sign_in(
    state: &AppState,
    session: &Session,
    user: &User,
    next: Option<&str>,
) -> Result<HttpResponse, AppError> {
    session::sign_in(session, &state.db, &state.config, user).await?;
    let target = local_path(next.filter(|n| !n.is_empty()), home_for(user.role));
    let mut response = see_other(&target);
    if let Some(lang) = user.language.as_deref().and_then(Lang::parse) {
        response
            .add_cookie(&language_cookie(lang))
            .map_err(AppError::internal)?;
    }
    Ok(response)
}

/// Ends the session on the server too: a copy of the cookie no longer works.
#[post("/logout")]
pub async fn logout(
    session: Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    session::sign_out(&session, &state.db).await?;
    Ok(see_other("/"))
}
