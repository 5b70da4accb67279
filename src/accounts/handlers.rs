//! Login and logout, first-run setup, staff invitations, the account page,
//! password change and the language switcher.

use actix_session::Session;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use crate::audit;
use crate::auth::queries::{self, Invitation, NewAccount, NewInvitation};
use crate::auth::{password, session, throttle, Role, User};
use crate::db::{self, write_transaction, DbError};
use crate::domain::random;
use crate::domain::{EmailAddress, FieldError, Password, PlainLine};
use crate::i18n::Lang;
use crate::mail;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::page::LANG_COOKIE;
use crate::web::AppState;
use crate::web::{
    client_ip, local_path, render, render_with_status, see_other, Admin, AppError, PageCtx,
    SignedIn,
};

const SETUP_LINK_VALID_MINUTES: i64 = 60;
const INVITATION_VALID_DAYS: i64 = 7;
const MAX_NAME_CHARS: usize = 100;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login_form)
        .service(login)
        .service(logout)
        .service(setup_form)
        .service(setup)
        .service(invitation_form)
        .service(accept_invitation)
        .service(account_page)
        .service(password_form)
        .service(change_password)
        .service(switch_language)
        .service(users_page)
        .service(invite_staff)
        .service(set_user_active);
}

/// Where a user lands after signing in.
/// Where a user lands after signing in: staff on their dashboard, a city's
/// user on the city's own record.
fn home_for(role: Role) -> &'static str {
    match role {
        Role::City => "/city",
        Role::Admin | Role::Staff => "/staff",
    }
}

// ---------------------------------------------------------------- login

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
async fn login_form(ctx: PageCtx, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
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

#[post("/login")]
async fn login(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let LoginForm {
        email,
        password,
        next,
    } = form.into_inner();
    let refuse = |ctx: PageCtx, message: String, status: StatusCode| {
        let page = LoginPage {
            next: local_path(next.as_deref(), ""),
            email: email.clone(),
            error: Some(message),
            ctx,
        };
        render_with_status(&page, status)
    };
    let Ok(address) = EmailAddress::parse(&email) else {
        let message = ctx.t("login-failed");
        return refuse(ctx, message, StatusCode::UNAUTHORIZED);
    };
    let key = address.key();

    let lookup_key = key.clone();
    let (lock, account) = state
        .db
        .run(move |conn| {
            let lock = throttle::remaining_lock(conn, &lookup_key, crate::domain::clock::now())?;
            let account = if lock.is_none() {
                queries::find_login(conn, &lookup_key)?
            } else {
                None
            };
            Ok((lock, account))
        })
        .await?;
    if let Some(lock) = lock {
        let message = ctx.tn("login-locked", "minutes", throttle::minutes_left(lock));
        return refuse(ctx, message, StatusCode::TOO_MANY_REQUESTS);
    }

    let (user, hash) = account.map_or((None, None), |(user, hash)| (Some(user), Some(hash)));
    let password_ok = password::verify(password, hash).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        let failed_key = key.clone();
        let lock = state
            .db
            .write(move |conn| {
                throttle::record_failure(conn, &failed_key, crate::domain::clock::now())
            })
            .await?;
        let message = match lock {
            Some(lock) => ctx.tn("login-locked", "minutes", throttle::minutes_left(lock)),
            None => ctx.t("login-failed"),
        };
        return refuse(ctx, message, StatusCode::UNAUTHORIZED);
    };

    let user_id = user.id;
    state
        .db
        .write(move |conn| {
            throttle::clear(conn, &key)?;
            queries::record_login(conn, user_id, crate::domain::clock::now())
        })
        .await?;
    session::sign_in(&session, &user)?;
    let mut response = see_other(&local_path(next.as_deref(), home_for(user.role)));
    if let Some(lang) = user.language.as_deref().and_then(Lang::parse) {
        response
            .add_cookie(&language_cookie(lang))
            .map_err(AppError::internal)?;
    }
    Ok(response)
}

#[post("/logout")]
async fn logout(session: Session) -> HttpResponse {
    session::sign_out(&session);
    see_other("/")
}

// ---------------------------------------------------------------- first-run setup

/// Called at start: while no admin exists, makes a one-time setup link.
pub fn create_setup_link(conn: &mut db::DbConn, base_url: &str) -> Result<Option<String>, DbError> {
    write_transaction(conn, |conn| {
        if queries::admin_exists(conn)? {
            return Ok(None);
        }
        let token = random::random_token();
        let now = crate::domain::clock::now();
        queries::insert_setup_token(
            conn,
            &random::hash_token(&token),
            now + Duration::minutes(SETUP_LINK_VALID_MINUTES),
            now,
        )?;
        Ok(Some(format!("{base_url}/setup/{token}")))
    })
}

/// The fields of a new account (first admin or invited user).
#[derive(Deserialize, Default)]
struct AccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    ctx: PageCtx,
    token: String,
    email: String,
    display_name: String,
    errors: FormErrors,
}

async fn setup_link_is_open(state: &AppState, token: &str) -> Result<bool, AppError> {
    let hash = random::hash_token(token);
    Ok(state
        .db
        .run(move |conn| {
            Ok(!queries::admin_exists(conn)?
                && queries::setup_token_is_valid(conn, &hash, crate::domain::clock::now())?)
        })
        .await?)
}

#[get("/setup/{token}")]
async fn setup_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if !setup_link_is_open(&state, &token).await? {
        return Err(AppError::Gone("setup-link-gone"));
    }
    render(&SetupPage {
        ctx,
        token: token.into_inner(),
        email: String::new(),
        display_name: String::new(),
        errors: FormErrors::default(),
    })
}

#[post("/setup/{token}")]
async fn setup(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    if !setup_link_is_open(&state, &token).await? {
        return Err(AppError::Gone("setup-link-gone"));
    }
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let name = errors.check(
        "display_name",
        PlainLine::parse(&form.display_name, MAX_NAME_CHARS),
    );
    let new_password = errors.check(
        "password",
        Password::parse_new(&form.password, &form.password_confirm),
    );
    let (Some(email), Some(name), Some(new_password)) = (email, name, new_password) else {
        let page = SetupPage {
            ctx,
            token,
            email: form.email,
            display_name: form.display_name,
            errors,
        };
        return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let hash = password::hash(new_password.expose().to_string()).await?;
    let token_hash = random::hash_token(&token);
    let ip = client_ip(&req, state.config.behind_proxy);
    let language = ctx.lang.code();
    let created = state
        .db
        .write(move |conn| {
            let now = crate::domain::clock::now();
            if queries::admin_exists(conn)?
                || !queries::setup_token_is_valid(conn, &token_hash, now)?
            {
                return Ok(None);
            }
            let account = NewAccount {
                email_key: &email.key(),
                display_name: name.as_str(),
                password_hash: &hash,
                role: Role::Admin,
                language: Some(&language),
                city_id: None,
            };
            let id = queries::insert_user(conn, account, now)?;
            queries::delete_setup_tokens(conn)?;
            let user = queries::find_user(conn, id)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: user.as_ref(),
                    action: "user.create_first_admin",
                    entity_type: "user",
                    entity_id: Some(id.to_string()),
                    summary: format!("first admin {} created through the setup link", email.key()),
                    ip,
                },
            )?;
            Ok(user)
        })
        .await?;
    let Some(user) = created else {
        return Err(AppError::Gone("setup-link-gone"));
    };
    session::sign_in(&session, &user)?;
    flash::push(&session, Level::Success, ctx.t("setup-done"));
    Ok(see_other("/staff"))
}

// ---------------------------------------------------------------- invitations

#[derive(Template)]
#[template(path = "accounts/users.html")]
struct UsersPage {
    ctx: PageCtx,
    users: Vec<User>,
    invitations: Vec<Invitation>,
    form: InviteForm,
    errors: FormErrors,
    me: i64,
}

#[derive(Deserialize, Default)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
}

async fn users_page_with(
    admin: Admin,
    state: &AppState,
    form: InviteForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (users, invitations) = state
        .db
        .run(|conn| {
            Ok((
                queries::list_users(conn)?,
                queries::list_open_invitations(conn, crate::domain::clock::now())?,
            ))
        })
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = UsersPage {
        me: admin.user.id,
        ctx: admin.ctx,
        users,
        invitations,
        form,
        errors,
    };
    render_with_status(&page, status)
}

#[get("/admin/users")]
async fn users_page(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    users_page_with(
        admin,
        &state,
        InviteForm {
            role: "staff".into(),
            ..Default::default()
        },
        FormErrors::default(),
    )
    .await
}

#[post("/admin/users/invite")]
async fn invite_staff(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let name = errors.check(
        "display_name",
        PlainLine::parse(&form.display_name, MAX_NAME_CHARS),
    );
    // City accounts are invited from the member city's page (membership area).
    let role = errors.check(
        "role",
        Role::parse(&form.role)
            .filter(|r| r.is_staff())
            .ok_or(FieldError("error-choose-option")),
    );
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return users_page_with(admin, &state, form, errors).await;
    };

    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let (lang, base_url) = (admin.ctx.lang, state.config.base_url.clone());
    let invite_email = email.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let request = InvitationRequest {
                email: &invite_email,
                name: &name,
                role,
                city_id: None,
                invited_by: Some(&actor),
                lang,
                base_url: &base_url,
            };
            let Some(id) = invite(conn, request)? else {
                return Ok(false);
            };
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "user.invite",
                    entity_type: "invitation",
                    entity_id: Some(id.to_string()),
                    summary: format!("invited {} as {}", invite_email.key(), role.as_str()),
                    ip,
                },
            )?;
            Ok(true)
        })
        .await?;
    if !outcome {
        errors.add("email", FieldError("error-email-taken"));
        return users_page_with(admin, &state, form, errors).await;
    }
    flash::push(
        &session,
        Level::Success,
        admin.ctx.t1("invite-created", "email", email.key()),
    );
    Ok(see_other("/admin/users"))
}

/// Who to invite, as what, and in which language to write to them.
pub struct InvitationRequest<'a> {
    pub email: &'a EmailAddress,
    pub name: &'a PlainLine,
    pub role: Role,
    /// The member city a city user will act for.
    pub city_id: Option<i64>,
    pub invited_by: Option<&'a User>,
    pub lang: Lang,
    pub base_url: &'a str,
}

/// Creates an invitation and queues its email, inside the caller's transaction.
/// `None` when an account with the address exists already.
pub fn invite(
    conn: &mut db::DbConn,
    request: InvitationRequest<'_>,
) -> Result<Option<i64>, DbError> {
    if queries::find_user_by_email(conn, &request.email.key())?.is_some() {
        return Ok(None);
    }
    let token = random::random_token();
    let now = crate::domain::clock::now();
    let invitation = NewInvitation {
        email_key: &request.email.key(),
        display_name: request.name.as_str(),
        role: request.role,
        token_hash: &random::hash_token(&token),
        invited_by: request.invited_by.map(|u| u.id),
        expires_at: now + Duration::days(INVITATION_VALID_DAYS),
        city_id: request.city_id,
    };
    let id = queries::insert_invitation(conn, invitation, now)?;
    let email = invitation_email(&request, &format!("{}/invite/{token}", request.base_url));
    mail::enqueue(
        conn,
        &format!("invitation-{id}"),
        &email,
        Some(mail::Reference::new("invitation", id)),
    )?;
    Ok(Some(id))
}

/// The invitation email; the invitee has no language setting yet, so the caller
/// chooses (the inviting admin's, or the member city's).
fn invitation_email(request: &InvitationRequest<'_>, link: &str) -> mail::Email {
    let lang = request.lang;
    let inviter = request
        .invited_by
        .map_or_else(|| lang.t("mail-footer-name"), |u| u.display_name.clone());
    let content = mail::EmailContent {
        subject: lang.t("mail-invite-subject"),
        greeting: lang.t_with("mail-greeting", &[("name", request.name.as_str().into())]),
        paragraphs: vec![lang.t_with(
            "mail-invite-body",
            &[
                ("inviter", inviter.into()),
                ("role", lang.t(request.role.label_key()).into()),
            ],
        )],
        action: Some((lang.t("mail-invite-action"), link.to_string())),
        after: vec![lang.t("mail-invite-expiry")],
    };
    mail::Email::new(
        request.email.clone(),
        Some(request.name.as_str()),
        lang,
        &content,
    )
}

#[derive(Template)]
#[template(path = "accounts/invitation.html")]
struct InvitationPage {
    ctx: PageCtx,
    token: String,
    invitation: Invitation,
    display_name: String,
    errors: FormErrors,
}

async fn open_invitation(state: &AppState, token: &str) -> Result<Invitation, AppError> {
    let hash = random::hash_token(token);
    state
        .db
        .run(move |conn| queries::find_open_invitation(conn, &hash, crate::domain::clock::now()))
        .await?
        .ok_or(AppError::Gone("invite-link-gone"))
}

#[get("/invite/{token}")]
async fn invitation_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let invitation = open_invitation(&state, &token).await?;
    render(&InvitationPage {
        ctx,
        token: token.into_inner(),
        display_name: invitation.display_name.clone(),
        invitation,
        errors: FormErrors::default(),
    })
}

#[post("/invite/{token}")]
async fn accept_invitation(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let invitation = open_invitation(&state, &token).await?;
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let name = errors.check(
        "display_name",
        PlainLine::parse(&form.display_name, MAX_NAME_CHARS),
    );
    let new_password = errors.check(
        "password",
        Password::parse_new(&form.password, &form.password_confirm),
    );
    let (Some(name), Some(new_password)) = (name, new_password) else {
        let page = InvitationPage {
            ctx,
            token,
            invitation,
            display_name: form.display_name,
            errors,
        };
        return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let hash = password::hash(new_password.expose().to_string()).await?;
    let ip = client_ip(&req, state.config.behind_proxy);
    let language = ctx.lang.code();
    let created = state
        .db
        .write(move |conn| {
            let now = crate::domain::clock::now();
            // Accepting twice at once: only the first marks it accepted.
            if !queries::mark_invitation_accepted(conn, invitation.id, now)? {
                return Ok(None);
            }
            let account = NewAccount {
                email_key: &invitation.email,
                display_name: name.as_str(),
                password_hash: &hash,
                role: invitation.role,
                language: Some(&language),
                city_id: invitation.city_id,
            };
            let id = queries::insert_user(conn, account, now)?;
            let user = queries::find_user(conn, id)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: user.as_ref(),
                    action: "user.accept_invitation",
                    entity_type: "user",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "{} joined as {} (invitation {})",
                        invitation.email,
                        invitation.role.as_str(),
                        invitation.id
                    ),
                    ip,
                },
            )?;
            Ok(user)
        })
        .await;
    let user = match created {
        Ok(Some(user)) => user,
        Ok(None) => return Err(AppError::Gone("invite-link-gone")),
        // Someone made an account with this address after the invitation was sent.
        Err(e) if e.is_unique_violation() => return Err(AppError::Gone("invite-link-gone")),
        Err(e) => return Err(e.into()),
    };
    session::sign_in(&session, &user)?;
    flash::push(
        &session,
        Level::Success,
        ctx.t1("invite-welcome", "name", &user.display_name),
    );
    Ok(see_other(home_for(user.role)))
}

#[derive(Deserialize)]
struct ActiveForm {
    active: bool,
}

#[post("/admin/users/{id}/active")]
async fn set_user_active(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let user_id = id.into_inner();
    if user_id == admin.user.id {
        flash::push(
            &session,
            Level::Error,
            admin.ctx.t("users-cannot-deactivate-self"),
        );
        return Ok(see_other("/admin/users"));
    }
    let active = form.active;
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let target = state
        .db
        .write(move |conn| {
            let Some(target) = queries::find_user(conn, user_id)? else {
                return Ok(None);
            };
            queries::set_active(conn, user_id, active, crate::domain::clock::now())?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: if active {
                        "user.reactivate"
                    } else {
                        "user.deactivate"
                    },
                    entity_type: "user",
                    entity_id: Some(user_id.to_string()),
                    summary: format!("{}: active {} → {}", target.email, target.active, active),
                    ip,
                },
            )?;
            Ok(Some(target))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let key = if active {
        "users-reactivated"
    } else {
        "users-deactivated"
    };
    flash::push(
        &session,
        Level::Success,
        admin.ctx.t1(key, "email", &target.email),
    );
    Ok(see_other("/admin/users"))
}

// ---------------------------------------------------------------- account

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: PageCtx,
    user: User,
}

#[get("/account")]
async fn account_page(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
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
async fn password_form(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
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

#[post("/account/password")]
async fn change_password(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let SignedIn { ctx, user } = signed_in;
    let form = form.into_inner();
    let email = user.email.clone();
    let current_hash = state
        .db
        .run(move |conn| Ok(queries::find_login(conn, &email)?.map(|(_, hash)| hash)))
        .await?;
    let mut errors = FormErrors::default();
    if !password::verify(form.current_password, current_hash).await? {
        errors.add("current_password", FieldError("error-password-wrong"));
    }
    let new_password = errors.check(
        "password",
        Password::parse_new(&form.password, &form.password_confirm),
    );
    let (true, Some(new_password)) = (errors.is_empty(), new_password) else {
        return render_with_status(
            &PasswordPage { ctx, errors },
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let hash = password::hash(new_password.expose().to_string()).await?;
    let ip = client_ip(&req, state.config.behind_proxy);
    let epoch = state
        .db
        .write(move |conn| {
            let epoch = queries::set_password(conn, user.id, &hash, crate::domain::clock::now())?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&user),
                    action: "user.change_password",
                    entity_type: "user",
                    entity_id: Some(user.id.to_string()),
                    summary: "password changed; other sessions ended".into(),
                    ip,
                },
            )?;
            Ok(epoch)
        })
        .await?;
    session::keep_after_password_change(&session, epoch)?;
    flash::push(&session, Level::Success, ctx.t("password-changed"));
    Ok(see_other("/account"))
}

// ---------------------------------------------------------------- language

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

fn language_cookie(lang: Lang) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(CookieDuration::days(365))
        .finish()
}

/// The language switcher on every page: remembers the choice in a cookie, and for a
/// signed-in user also in their account, so emails to them use it too.
#[post("/language")]
async fn switch_language(
    ctx: PageCtx,
    state: web::Data<AppState>,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.lang).ok_or(AppError::BadRequest("error-language-unknown"))?;
    if let Some(user) = &ctx.user {
        let (user_id, code) = (user.id, lang.code());
        state
            .db
            .run(move |conn| {
                queries::set_language(conn, user_id, &code, crate::domain::clock::now())
            })
            .await?;
    }
    let mut response = see_other(&local_path(form.next.as_deref(), "/"));
    response
        .add_cookie(&language_cookie(lang))
        .map_err(AppError::internal)?;
    Ok(response)
}
