//! Staff's side of the members: the directory with withdrawn members, and the
//! changes a city's staff page posts (status, roles, users).

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::domain::clock::today;
use crate::domain::{EmailAddress, MultiLine, PlainLine};
use crate::membership::accounts;
use crate::membership::cities::DirectoryFilter;
use crate::membership::directory::{self, StatusChange, WithdrawalPreview};
use crate::membership::models::{MembershipStatus, RoleKind};
use crate::membership::roles::{self, parse_regions, Term};
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};

#[get("/staff/members")]
pub async fn staff_directory(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    super::public::directory_page(staff.ctx, &state, filter.into_inner(), true).await
}

#[derive(Template)]
#[template(path = "membership/withdraw.html")]
struct WithdrawPage {
    ctx: PageCtx,
    preview: WithdrawalPreview,
    today: NaiveDate,
}

impl WithdrawPage {
    /// "Ypres leaves the public directory; its 2 roles end on the date of
    /// withdrawal; its 1 user account stays open."
    fn consequences(&self) -> String {
        let lang = &self.ctx.lang;
        lang.t_with(
            "secretariat-withdraw-consequences",
            &[
                ("city", self.preview.city.display_name().into()),
                ("roles", self.preview.roles.into()),
                ("users", self.preview.users.into()),
            ],
        )
    }
}

/// The step before a withdrawal: what it does, in numbers, and the form.
#[get("/staff/members/{id}/withdraw")]
pub async fn withdraw_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let preview = directory::withdrawal_preview(&state.db, id.into_inner()).await?;
    render(&WithdrawPage {
        ctx: staff.ctx,
        preview,
        today: today(),
    })
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    on: Option<NaiveDate>,
    #[serde(default)]
    reason: String,
    /// A withdrawal is done only with this box ticked on its own page.
    #[serde(default)]
    confirm: String,
}

/// Withdraw (with date and reason) or reinstate a member. Dues never do this.
#[post("/staff/members/{id}/status")]
pub async fn change_status(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let (id, back) = (*id, format!("/staff/members/{id}"));
    let status =
        MembershipStatus::parse(&form.status).ok_or(AppError::BadRequest("error-bad-form"))?;
    if status == MembershipStatus::Withdrawn && form.confirm != "withdraw" {
        let page = format!("/staff/members/{id}/withdraw");
        return Ok(action.refused(action.t("secretariat-confirm-missing"), &page));
    }
    let reason = MultiLine::parse(&form.reason, 1000).ok();
    let on = form.on.unwrap_or_else(today);
    let changed = match StatusChange::new(status, on, reason) {
        Ok(change) => directory::change_status(&state.db, &action.actor, id, change).await,
        Err(refused) => Err(refused),
    };
    match changed {
        Ok(false) => Ok(action.inform(action.t("member-status-unchanged"), &back)),
        other => action.answer(other, &back, |_| action.t("member-status-changed")),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    starts_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    ends_on: Option<NaiveDate>,
    /// The countries or regions a lead city leads, as codes ("JP, KR").
    #[serde(default)]
    regions: String,
}

impl RoleForm {
    fn term(&self) -> Result<Term, crate::membership::MembershipError> {
        let role = RoleKind::parse(&self.role).ok_or(
            crate::membership::MembershipError::Refused("error-bad-form"),
        )?;
        Term::new(
            role,
            self.starts_on,
            self.ends_on,
            parse_regions(&self.regions)?,
        )
    }
}

#[post("/staff/members/{id}/roles")]
pub async fn add_role(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let (id, back) = (*id, format!("/staff/members/{id}"));
    let added = match form.term() {
        Ok(term) => roles::add(&state.db, &action.actor, id, term).await,
        Err(refused) => Err(refused),
    };
    action.answer(added, &back, |_| action.t("role-added"))
}

/// Changes a role's term, and what a lead city leads.
#[post("/staff/members/{id}/roles/{role_id}")]
pub async fn edit_role(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let (id, role_id) = path.into_inner();
    let edited = match form.term() {
        Ok(term) => roles::edit(&state.db, &action.actor, id, role_id, term).await,
        Err(refused) => Err(refused),
    };
    action.answer(edited, &format!("/staff/members/{id}"), |_| {
        action.t("role-changed")
    })
}

#[derive(Deserialize)]
pub struct EndRoleForm {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    ends_on: Option<NaiveDate>,
}

#[post("/staff/members/{id}/roles/{role_id}/end")]
pub async fn end_role(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<EndRoleForm>,
) -> Result<HttpResponse, AppError> {
    let (id, role_id) = path.into_inner();
    let ends_on = form.ends_on.unwrap_or_else(today);
    let ended = roles::end(&state.db, &action.actor, id, role_id, ends_on).await;
    action.answer(ended, &format!("/staff/members/{id}"), |_| {
        action.t("role-ended")
    })
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

/// Staff invite a person to act for a member city (by default its contact person).
#[post("/staff/members/{id}/users")]
pub async fn invite_city_user(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (city_id, back) = (*id, format!("/staff/members/{id}"));
    let (Ok(email), Ok(name)) = (
        EmailAddress::parse(&form.email),
        PlainLine::parse(&form.name, 100),
    ) else {
        return Ok(action.refused(action.t("city-invite-invalid"), &back));
    };
    let (db, base_url) = (&state.db, state.config.base_url.as_str());
    let done = action.ctx.t1("invite-created", "email", email.key());
    let invited = accounts::invite_user(
        db,
        &action.actor,
        &action.user,
        city_id,
        email,
        name,
        base_url,
    )
    .await;
    action.answer(invited, &back, |_| done)
}
