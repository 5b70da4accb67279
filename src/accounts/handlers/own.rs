//! One's own account: the account page, the password change and the language
//! switcher.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::language_cookie;
use crate::accounts::own::{self, PasswordChange};
use crate::accounts::AccountsError;
use crate::audit::SignedInAction;
use crate::auth::{session, User};
use crate::domain::Password;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{
    local_path, render, render_with_status, see_other, AppError, AppState, PageCtx, SignedIn,
};

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: PageCtx,
    user: User,
}

#[get("/account")]
pub async fn account_page(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    render(&AccountPage {
        ctx: signed_in.ctx,
        user: signed_in.user,
    })
}

#[derive(Template)]
#[template(path = "accounts/password.html")]
struct PasswordPage {
    ctx: PageCtx,
    errors: FormErrors,
}

#[get("/account/password")]
pub async fn password_form(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    render(&PasswordPage {
        ctx: signed_in.ctx,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// This session stays (renewed, with the new epoch); the user's others end.
#[post("/account/password")]
pub async fn change_password(
    action: SignedInAction,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let change = PasswordChange {
        new: Password::parse_new(&form.password, &form.password_confirm),
        current: form.current_password,
    };
    match own::change_password(&state.db, &action.actor, &action.user, change).await {
        Ok(epoch) => {
            session::keep_after_password_change(&session, &state.db, action.user.id, epoch).await?;
            Ok(action.done(action.t("password-changed"), "/account"))
        }
        Err(AccountsError::Invalid(errors)) => {
            let page = PasswordPage {
                ctx: action.ctx,
                errors,
            };
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// The language switcher on every page, for visitors too: remembers the
/// choice in a cookie, and for a signed-in user also in their account, so
/// emails to them use it too.
#[post("/language")]
pub async fn switch_language(
    ctx: PageCtx,
    state: web::Data<AppState>,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.lang).ok_or(AppError::BadRequest("error-language-unknown"))?;
    if let Some(user) = &ctx.user {
        own::set_language(&state.db, user.id, lang).await?;
    }
    let mut response = see_other(&local_path(form.next.as_deref(), "/"));
    response
        .add_cookie(&language_cookie(lang))
        .map_err(AppError::internal)?;
    Ok(response)
}
