//! The second step of signing in (a code), setting up an authenticator app
//! (while signing in, when required, or from one's account), the recovery
//! codes shown once, signing out everywhere, an admin's reset of another
//! account's second factor, and the admins' page of failed sign-ins.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::sign_in::{finish_sign_in, refusal};
use crate::accounts::security;
use crate::accounts::{home_for, AccountsError};
use crate::audit::{Actor, AdminAction, SignedInAction};
use crate::auth::throttle::{self, FailureCount};
use crate::auth::{session, two_factor, User};
use crate::web::{
    csrf, local_path, render, render_with_status, see_other, Admin, AppError, AppState, PageCtx,
    SignedIn,
};

#[derive(Template)]
#[template(path = "accounts/login_code.html")]
struct CodePage {
    ctx: PageCtx,
    error: Option<String>,
}

#[get("/login/code")]
pub async fn code_form(ctx: PageCtx, session: Session) -> Result<HttpResponse, AppError> {
    match session::pending(&session) {
        Some(pending) if !pending.enrol => render(&CodePage { ctx, error: None }),
        _ => Ok(see_other("/login")),
    }
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Not a staff action: the user is half signed in. A right code (from the
/// app, or a recovery code) finishes the sign-in.
#[post("/login/code")]
pub async fn submit_code(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = session::pending(&session).filter(|p| !p.enrol) else {
        return Ok(see_other("/login"));
    };
    let Some(user) = security::pending_user(&state.db, &pending).await? else {
        session.purge();
        return Ok(see_other("/login"));
    };
    let from = Actor::visitor(Actor::address_of(&req));
    match security::check_code(&state.db, &user, form.into_inner().code, &from).await {
        Ok(_) => finish_sign_in(&state, &session, &user, pending.next.as_deref()).await,
        Err(error) => {
            let (message, status) = refusal(&ctx, error)?;
            render_with_status(
                &CodePage {
                    ctx,
                    error: Some(message),
                },
                status,
            )
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/two_factor.html")]
struct EnrolPage {
    ctx: PageCtx,
    /// Where the form posts: the sign-in's step or one's account page.
    action: &'static str,
    /// The key as text, in groups of four for typing (apps ignore the spaces).
    secret: String,
    qr_code: String,
    enrolled: bool,
    codes_left: i64,
    error: Option<String>,
}

impl EnrolPage {
    fn new(
        ctx: PageCtx,
        action: &'static str,
        session: &Session,
        user: &User,
        status: (bool, i64),
    ) -> Result<EnrolPage, AppError> {
        let secret = session::enrolment_secret(session)?;
        let uri = two_factor::otpauth_uri(&secret, &user.email);
        let qr_code = two_factor::qr_data_url(&uri)
            .ok_or_else(|| AppError::internal("cannot draw the QR code"))?;
        let grouped = secret
            .as_bytes()
            .chunks(4)
            .map(|group| String::from_utf8_lossy(group).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(EnrolPage {
            ctx,
            action,
            secret: grouped,
            qr_code,
            enrolled: status.0,
            codes_left: status.1,
            error: None,
        })
    }

    /// The page again after a code that does not match the secret shown.
    fn wrong_code(mut self) -> Result<HttpResponse, AppError> {
        self.error = Some(self.ctx.t("two-factor-code-wrong"));
        render_with_status(&self, StatusCode::UNPROCESSABLE_ENTITY)
    }
}

#[derive(Template)]
#[template(path = "accounts/recovery_codes.html")]
struct RecoveryCodesPage {
    ctx: PageCtx,
    codes: Vec<String>,
    next: String,
}

/// Setting up the authenticator that the password step asked for.
#[get("/login/enrol")]
pub async fn enrol_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = session::pending(&session).filter(|p| p.enrol) else {
        return Ok(see_other("/login"));
    };
    let Some(user) = security::pending_user(&state.db, &pending).await? else {
        return Ok(see_other("/login"));
    };
    render(&EnrolPage::new(
        ctx,
        "/login/enrol",
        &session,
        &user,
        (false, 0),
    )?)
}

/// Not a staff action yet: the password was right and the app is now set
/// up; the user is signed in and shown their recovery codes once.
#[post("/login/enrol")]
pub async fn enrol_at_sign_in(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = session::pending(&session).filter(|p| p.enrol) else {
        return Ok(see_other("/login"));
    };
    let Some(user) = security::pending_user(&state.db, &pending).await? else {
        return Ok(see_other("/login"));
    };
    let secret = session::enrolment_secret(&session)?;
    let actor = Actor::user(&user, Actor::address_of(&req));
    match security::enrol(&state.db, &actor, &user, secret, form.into_inner().code).await {
        Ok(codes) => {
            session::sign_in(&session, &state.db, &state.config, &user).await?;
            let next = local_path(
                pending.next.as_deref().filter(|n| !n.is_empty()),
                home_for(user.role),
            );
            // The page is the first of the new session: its user and token.
            let ctx = PageCtx {
                user: Some(user),
                csrf_token: csrf::session_token(&session)?,
                ..ctx
            };
            render(&RecoveryCodesPage { ctx, codes, next })
        }
        Err(AccountsError::CodeWrong) => {
            EnrolPage::new(ctx, "/login/enrol", &session, &user, (false, 0))?.wrong_code()
        }
        Err(e) => Err(e.into()),
    }
}

/// One's own second factor: its state, and setting up an app (again).
#[get("/account/two-factor")]
pub async fn account_two_factor(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let status = security::status(&state.db, signed_in.user.id).await?;
    let page = EnrolPage::new(
        signed_in.ctx,
        "/account/two-factor",
        &session,
        &signed_in.user,
        status,
    )?;
    render(&page)
}

#[post("/account/two-factor")]
pub async fn enrol_from_account(
    action: SignedInAction,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let secret = session::enrolment_secret(&session)?;
    let code = form.into_inner().code;
    match security::enrol(&state.db, &action.actor, &action.user, secret, code).await {
        Ok(codes) => {
            session::forget_enrolment_secret(&session);
            render(&RecoveryCodesPage {
                ctx: action.ctx,
                codes,
                next: "/account".into(),
            })
        }
        Err(AccountsError::CodeWrong) => {
            let status = security::status(&state.db, action.user.id).await?;
            EnrolPage::new(
                action.ctx,
                "/account/two-factor",
                &session,
                &action.user,
                status,
            )?
            .wrong_code()
        }
        Err(e) => Err(e.into()),
    }
}

/// Ends every session of the user, this one too (a lost laptop, a shared
/// computer): copies of any of their cookies stop working.
#[post("/account/sign-out-everywhere")]
pub async fn sign_out_everywhere(
    action: SignedInAction,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    security::sign_out_everywhere(&state.db, &action.actor, action.user.id).await?;
    session.purge();
    Ok(see_other("/login"))
}

/// Another admin removes an account's second factor when its device is lost.
#[post("/admin/users/{id}/two-factor/reset")]
pub async fn reset_two_factor(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let result = security::reset_two_factor(&state.db, &action.actor, id.into_inner()).await;
    action.answer(result, "/admin/users", |target| {
        action
            .ctx
            .t1("two-factor-reset-done", "email", &target.email)
    })
}

#[derive(Template)]
#[template(path = "accounts/sign_in_failures.html")]
struct FailuresPage {
    ctx: PageCtx,
    by_account: Vec<FailureCount>,
    by_address: Vec<FailureCount>,
    account_free: i64,
    account_max_wait: i64,
    address_free: i64,
    address_max_wait: i64,
    address_ceiling: i64,
    keep_days: i64,
}

#[get("/admin/sign-in-failures")]
pub async fn failures_page(
    admin: Admin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (by_account, by_address) = security::recent_failures(&state.db).await?;
    render(&FailuresPage {
        ctx: admin.ctx,
        by_account,
        by_address,
        account_free: throttle::ACCOUNT_FREE,
        account_max_wait: throttle::ACCOUNT_MAX_WAIT_SECONDS,
        address_free: throttle::ADDRESS_FREE,
        address_max_wait: throttle::ADDRESS_MAX_WAIT_SECONDS,
        address_ceiling: throttle::ADDRESS_HOURLY_CEILING,
        keep_days: throttle::KEEP_DAYS,
    })
}
