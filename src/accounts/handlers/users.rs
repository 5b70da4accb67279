//! An admin's list of users: invite staff, deactivate and reactivate accounts.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::MAX_NAME_CHARS;
use crate::accounts::invitations::{self, StaffInvitation};
use crate::accounts::{users, AccountsError};
use crate::audit::AdminAction;
use crate::auth::queries::Invitation;
use crate::auth::{Role, User};
use crate::db::Db;
use crate::domain::{EmailAddress, FieldError, PlainLine};
use crate::web::form::FormErrors;
use crate::web::page::Plain;
use crate::web::{render_with_status, Admin, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "accounts/users.html")]
struct UsersPage {
    ctx: PageCtx,
    users: Vec<User>,
    invitations: Vec<Invitation>,
    two_factor: HashSet<i64>,
    form: InviteForm,
    errors: FormErrors,
    me: i64,
}

impl UsersPage {
    fn has_two_factor(&self, user_id: impl Plain<i64>) -> bool {
        self.two_factor.contains(&user_id.plain())
    }

    /// The list with the invitation form: fresh (200), or again with its errors (422).
    async fn answer(
        ctx: PageCtx,
        me: i64,
        db: &Db,
        form: InviteForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let (users, invitations, two_factor) = users::overview(db).await?;
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = UsersPage {
            ctx,
            users,
            invitations,
            two_factor,
            form,
            errors,
            me,
        };
        render_with_status(&page, status)
    }
}

#[get("/admin/users")]
pub async fn users_page(
    admin: Admin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let form = InviteForm {
        role: "staff".into(),
        ..Default::default()
    };
    UsersPage::answer(
        admin.ctx,
        admin.user.id,
        &state.db,
        form,
        FormErrors::default(),
    )
    .await
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

impl InviteForm {
    fn parse(&self) -> Result<StaffInvitation, FormErrors> {
        let mut errors = FormErrors::default();
        let email = errors.check("email", EmailAddress::parse(&self.email));
        let name = errors.check(
            "display_name",
            PlainLine::parse(&self.display_name, MAX_NAME_CHARS),
        );
        // City accounts are invited from the member city's page (membership area).
        let role = errors.check(
            "role",
            Role::parse(&self.role)
                .filter(|r| r.is_staff())
                .ok_or(FieldError("error-choose-option")),
        );
        match (email, name, role) {
            (Some(email), Some(name), Some(role)) => Ok(StaffInvitation { email, name, role }),
            _ => Err(errors),
        }
    }
}

#[post("/admin/users/invite")]
pub async fn invite_staff(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (me, db) = (action.user.id, &state.db);
    let invitation = match form.parse() {
        Ok(invitation) => invitation,
        Err(errors) => return UsersPage::answer(action.ctx, me, db, form, errors).await,
    };
    let email = invitation.email.key();
    let (lang, base_url) = (action.lang(), &state.config.base_url);
    match invitations::invite_staff(db, &action.actor, &action.user, invitation, lang, base_url)
        .await
    {
        Ok(_) => Ok(action.done(
            action.ctx.t1("invite-created", "email", email),
            "/admin/users",
        )),
        Err(AccountsError::EmailTaken) => {
            let mut errors = FormErrors::default();
            errors.add("email", FieldError("error-email-taken"));
            UsersPage::answer(action.ctx, me, db, form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ActiveForm {
    active: bool,
}

#[post("/admin/users/{id}/active")]
pub async fn set_user_active(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let active = form.active;
    let result = users::set_active(&state.db, &action.actor, id.into_inner(), active).await;
    let key = if active {
        "users-reactivated"
    } else {
        "users-deactivated"
    };
    action.answer(result, "/admin/users", |target| {
        action.ctx.t1(key, "email", &target.email)
    })
}
