//! Admins write campaigns, see the audience count and a rendered preview,
//! send a test to themselves, then send, pause, resume or cancel; a second
//! admin approves campaigns above the threshold.

use actix_session::Session;
use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::audience::{self, Filters};
use super::models::{Campaign, CampaignStatus};
use super::placeholders::{self, TemplateError};
use super::store::{self, CampaignFields, Links, Rendered, Started};
use crate::audit;
use crate::auth::User;
use crate::domain::{EmailAddress, FieldError, MultiLine, PlainLine};
use crate::mail::outbox::Progress;
use crate::membership::countries::{self, Continent};
use crate::membership::join::country_options;
use crate::membership::models::RoleKind;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, Admin, AppError, PageCtx};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(save_settings)
        .service(new_form)
        .service(create)
        .service(edit_form)
        .service(save)
        .service(detail)
        .service(progress_json)
        .service(test_send)
        .service(send)
        .service(approve)
        .service(pause)
        .service(resume)
        .service(cancel);
}

use crate::domain::clock::today;

#[derive(Template)]
#[template(path = "campaigns/list.html")]
struct ListPage {
    ctx: PageCtx,
    campaigns: Vec<Campaign>,
    threshold: i64,
}

#[get("/admin/campaigns")]
async fn list(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (campaigns, threshold) = state
        .db
        .run(|conn| Ok((store::all(conn)?, store::approval_threshold(conn)?)))
        .await?;
    render(&ListPage {
        ctx: admin.ctx,
        campaigns,
        threshold,
    })
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    threshold: String,
}

#[post("/admin/campaigns/settings")]
async fn save_settings(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let threshold: i64 = form
        .threshold
        .trim()
        .parse()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or(AppError::BadRequest("campaign-threshold-invalid"))?;
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let before = store::approval_threshold(conn)?;
            crate::settings::set(conn, store::APPROVAL_THRESHOLD, &threshold.to_string())?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "campaign.settings",
                    entity_type: "setting",
                    entity_id: Some(store::APPROVAL_THRESHOLD.into()),
                    summary: format!("approval threshold {before} → {threshold}"),
                    ip,
                },
            )
        })
        .await?;
    flash::push(
        &session,
        Level::Success,
        admin.ctx.t("campaign-settings-saved"),
    );
    Ok(see_other("/admin/campaigns"))
}

// ------------------------------------------------------------ the form

#[derive(Deserialize, Clone, Default)]
pub struct CampaignForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    essential: Option<String>,
    #[serde(default)]
    continent: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    dues_unpaid: Option<String>,
    #[serde(default)]
    no_exhibition_held: Option<String>,
    #[serde(default)]
    pasted_list: String,
}

impl CampaignForm {
    fn of(campaign: &Campaign) -> CampaignForm {
        CampaignForm {
            subject: campaign.subject.clone(),
            body: campaign.body.clone(),
            essential: campaign.essential.then(|| "on".into()),
            continent: campaign.continent.clone().unwrap_or_default(),
            country: campaign.country_code.clone().unwrap_or_default(),
            role: campaign.role.clone().unwrap_or_default(),
            dues_unpaid: campaign.dues_unpaid.then(|| "on".into()),
            no_exhibition_held: campaign.no_exhibition_held.then(|| "on".into()),
            pasted_list: campaign.pasted_list.clone().unwrap_or_default(),
        }
    }

    fn is_essential(&self) -> bool {
        self.essential.is_some()
    }

    fn is_dues_unpaid(&self) -> bool {
        self.dues_unpaid.is_some()
    }

    fn is_no_exhibition_held(&self) -> bool {
        self.no_exhibition_held.is_some()
    }
}

fn template_error(error: TemplateError) -> FieldError {
    match error {
        TemplateError::Unknown(_) => FieldError("campaign-placeholder-unknown"),
        TemplateError::Unclosed => FieldError("campaign-placeholder-unclosed"),
    }
}

fn parse_campaign(form: &CampaignForm, country_known: bool) -> Result<CampaignFields, FormErrors> {
    let mut errors = FormErrors::default();
    let subject = errors.check(
        "subject",
        PlainLine::parse(&form.subject, 200).and_then(|s| {
            placeholders::check(s.as_str())
                .map_err(template_error)
                .map(|_| s)
        }),
    );
    let body = errors.check(
        "body",
        MultiLine::parse(&form.body, 50_000).and_then(|b| {
            placeholders::check(b.as_str())
                .map_err(template_error)
                .map(|_| b)
        }),
    );
    let continent = match form.continent.trim() {
        "" => Some(None),
        text => errors.check(
            "continent",
            Continent::parse(text)
                .map(Some)
                .ok_or(FieldError("error-choose-option")),
        ),
    };
    let role = match form.role.trim() {
        "" => Some(None),
        text => errors.check(
            "role",
            RoleKind::parse(text)
                .map(Some)
                .ok_or(FieldError("error-choose-option")),
        ),
    };
    let country = form.country.trim();
    if !country.is_empty() && !country_known {
        errors.add("country", FieldError("error-choose-country"));
    }
    let pasted = match form.pasted_list.trim() {
        "" => Some(None),
        text => errors.check(
            "pasted_list",
            MultiLine::parse(text, 500_000).map(|t| Some(t.as_str().to_string())),
        ),
    };
    match (subject, body, continent, role, pasted, errors.is_empty()) {
        (Some(subject), Some(body), Some(continent), Some(role), Some(pasted_list), true) => {
            Ok(CampaignFields {
                subject: subject.into_string(),
                body: body.as_str().to_string(),
                essential: form.is_essential(),
                filters: Filters {
                    continent,
                    country_code: (!country.is_empty()).then(|| country.to_string()),
                    role,
                    dues_unpaid: form.is_dues_unpaid(),
                    no_exhibition_held: form.is_no_exhibition_held(),
                    pasted_list,
                },
            })
        }
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "campaigns/form.html")]
struct FormPage {
    ctx: PageCtx,
    campaign_id: Option<i64>,
    form: CampaignForm,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    continents: [Continent; 6],
    roles: &'static [RoleKind],
    placeholders: [&'static str; 4],
}

async fn form_page(
    ctx: PageCtx,
    state: &AppState,
    campaign_id: Option<i64>,
    form: CampaignForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let countries = state
        .db
        .run(move |conn| Ok(country_options(&countries::all(conn)?, &lang)))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(
        &FormPage {
            ctx,
            campaign_id,
            form,
            errors,
            countries,
            continents: Continent::ALL,
            roles: RoleKind::ALL,
            placeholders: placeholders::NAMES,
        },
        status,
    )
}

#[get("/admin/campaigns/new")]
async fn new_form(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    form_page(
        admin.ctx,
        &state,
        None,
        CampaignForm::default(),
        FormErrors::default(),
    )
    .await
}

async fn parse_with_country(
    state: &AppState,
    form: &CampaignForm,
) -> Result<Result<CampaignFields, FormErrors>, AppError> {
    let code = form.country.trim().to_string();
    let known = code.is_empty()
        || state
            .db
            .run(move |conn| countries::find(conn, &code))
            .await?
            .is_some();
    Ok(parse_campaign(form, known))
}

fn audit_entry<'a>(
    actor: &'a User,
    action: &'a str,
    id: i64,
    summary: String,
    ip: Option<String>,
) -> audit::Entry<'a> {
    audit::Entry {
        actor: Some(actor),
        action,
        entity_type: "campaign",
        entity_id: Some(id.to_string()),
        summary,
        ip,
    }
}

#[post("/admin/campaigns")]
async fn create(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<CampaignForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let fields = match parse_with_country(&state, &form).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(admin.ctx, &state, None, form, errors).await,
    };
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let id = state
        .db
        .write(move |conn| {
            let id = store::insert(conn, &fields, actor.id)?;
            audit::record_entry(
                conn,
                audit_entry(&actor, "campaign.create", id, fields.subject.clone(), ip),
            )?;
            Ok(id)
        })
        .await?;
    flash::push(&session, Level::Success, admin.ctx.t("campaign-saved"));
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

async fn load(state: &AppState, id: i64) -> Result<Campaign, AppError> {
    state
        .db
        .run(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)
}

#[get("/admin/campaigns/{id}/edit")]
async fn edit_form(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let campaign = load(&state, id.into_inner()).await?;
    if !campaign.is_draft() {
        return Err(AppError::BadRequest("campaign-not-draft"));
    }
    form_page(
        admin.ctx,
        &state,
        Some(campaign.id),
        CampaignForm::of(&campaign),
        FormErrors::default(),
    )
    .await
}

#[post("/admin/campaigns/{id}")]
async fn save(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<CampaignForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let fields = match parse_with_country(&state, &form).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(admin.ctx, &state, Some(id), form, errors).await,
    };
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let saved = state
        .db
        .write(move |conn| {
            let saved = store::update(conn, id, &fields)?;
            if saved {
                audit::record_entry(
                    conn,
                    audit_entry(&actor, "campaign.update", id, fields.subject.clone(), ip),
                )?;
            }
            Ok(saved)
        })
        .await?;
    if !saved {
        return Err(AppError::BadRequest("campaign-not-draft"));
    }
    flash::push(&session, Level::Success, admin.ctx.t("campaign-saved"));
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

// ------------------------------------------------------------ the campaign page

#[derive(Template)]
#[template(path = "campaigns/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    campaign: Campaign,
    recipients: usize,
    without_email: usize,
    unsubscribed: usize,
    unmatched: Vec<String>,
    sample: Option<(String, Rendered)>,
    template_error: Option<&'static str>,
    progress: Progress,
    /// May this admin approve (a second admin, the campaign waiting)?
    can_approve: bool,
    /// Refresh the page while messages are going out.
    refresh: bool,
}

impl DetailPage {
    fn sent_percent(&self) -> i64 {
        sent_percent(&self.progress)
    }
}

/// The share of the campaign's messages sent, in percent.
fn sent_percent(progress: &Progress) -> i64 {
    let total = progress.total();
    if total == 0 {
        0
    } else {
        progress.sent * 100 / total
    }
}

#[get("/admin/campaigns/{id}")]
async fn detail(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (campaign, audience, progress) = state
        .db
        .run(move |conn| {
            let Some(campaign) = store::find(conn, id)? else {
                return Ok(None);
            };
            // Once started, the audience is what was enqueued: no need to resolve it.
            let audience = if campaign.has_started() {
                audience::Audience::default()
            } else {
                audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?
            };
            let progress = store::progress(conn, id)?;
            Ok(Some((campaign, audience, progress)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let template_error = store::check_placeholders(&campaign)
        .err()
        .map(|e| template_error(e).0);
    let sample = match (template_error, audience.recipients.first()) {
        (None, Some(recipient)) => store::render_for(&campaign, recipient)
            .ok()
            .map(|r| (recipient.city.display_name(), r)),
        _ => None,
    };
    let can_approve = campaign.status == CampaignStatus::AwaitingApproval
        && campaign.requested_by != Some(admin.user.id);
    let refresh = campaign.status == CampaignStatus::Sending && !progress.is_settled();
    render(&DetailPage {
        ctx: admin.ctx,
        recipients: if campaign.has_started() {
            usize::try_from(campaign.recipient_count).unwrap_or(0)
        } else {
            audience.recipients.len()
        },
        without_email: audience.without_email,
        unsubscribed: audience.unsubscribed,
        unmatched: audience.unmatched,
        sample,
        template_error,
        progress,
        can_approve,
        refresh,
        campaign,
    })
}

/// The figures of the campaign page while it sends, for `static/live.js`.
#[get("/admin/campaigns/{id}/progress.json")]
async fn progress_json(
    _admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (campaign, progress) = state
        .db
        .run(move |conn| {
            let Some(campaign) = store::find(conn, id)? else {
                return Ok(None);
            };
            Ok(Some((campaign, store::progress(conn, id)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let done = campaign.status != CampaignStatus::Sending || progress.is_settled();
    let count = |n: i64| n.to_string();
    Ok(HttpResponse::Ok().json(LiveFigures {
        done,
        values: BTreeMap::from([
            ("queued", count(progress.queued + progress.sending)),
            ("held", count(progress.held)),
            ("sent", count(progress.sent)),
            ("failed", count(progress.failed)),
            ("cancelled", count(progress.cancelled)),
        ]),
        progress: BTreeMap::from([("sent-progress", sent_percent(&progress))]),
    }))
}

/// What `static/live.js` reads: texts and progress bars by element id.
#[derive(serde::Serialize)]
struct LiveFigures {
    done: bool,
    values: BTreeMap<&'static str, String>,
    progress: BTreeMap<&'static str, i64>,
}

fn links(state: &AppState) -> (String, Vec<u8>) {
    (
        state.config.base_url.clone(),
        state.config.secret_key.clone(),
    )
}

#[post("/admin/campaigns/{id}/test")]
async fn test_send(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let to = EmailAddress::parse(&admin.user.email)
        .map_err(|_| AppError::BadRequest("error-email-invalid"))?;
    let (base_url, secret_key) = links(&state);
    let outcome = state
        .db
        .write(move |conn| {
            let Some(campaign) = store::find(conn, id)? else {
                return Ok(None);
            };
            let audience =
                audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?;
            let Some(sample) = audience.recipients.first() else {
                return Ok(Some(Err("campaign-no-recipients")));
            };
            let links = Links {
                base_url: &base_url,
                secret_key: &secret_key,
            };
            Ok(Some(
                store::test_send(conn, &campaign, sample, to, &links)?
                    .map_err(|e| template_error(e).0),
            ))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    match outcome {
        Ok(()) => flash::push(&session, Level::Success, admin.ctx.t("campaign-test-sent")),
        Err(key) => flash::push(&session, Level::Error, admin.ctx.t(key)),
    }
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

fn started_message(ctx: &PageCtx, started: Started) -> (Level, String) {
    match started {
        Started::Sending(n) => (Level::Success, ctx.t1("campaign-sending", "count", n)),
        Started::NeedsApproval(n) => (Level::Info, ctx.t1("campaign-needs-approval", "count", n)),
        Started::BadTemplate => (Level::Error, ctx.t("campaign-placeholder-unknown")),
        Started::NoRecipients => (Level::Error, ctx.t("campaign-no-recipients")),
        Started::NotAllowed => (Level::Error, ctx.t("campaign-not-allowed")),
    }
}

fn started_summary(started: Started) -> String {
    match started {
        Started::Sending(n) => format!("{n} messages enqueued"),
        Started::NeedsApproval(n) => format!("{n} recipients: waiting for a second admin"),
        other => format!("{other:?}"),
    }
}

#[post("/admin/campaigns/{id}/send")]
async fn send(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let (base_url, secret_key) = links(&state);
    let started = state
        .db
        .write(move |conn| {
            let links = Links {
                base_url: &base_url,
                secret_key: &secret_key,
            };
            let started = store::request_send(conn, id, actor.id, &links, today())?;
            if matches!(started, Started::Sending(_) | Started::NeedsApproval(_)) {
                audit::record_entry(
                    conn,
                    audit_entry(&actor, "campaign.send", id, started_summary(started), ip),
                )?;
            }
            Ok(started)
        })
        .await?;
    let (level, message) = started_message(&admin.ctx, started);
    flash::push(&session, level, message);
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

#[post("/admin/campaigns/{id}/approve")]
async fn approve(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let (base_url, secret_key) = links(&state);
    let started = state
        .db
        .write(move |conn| {
            let links = Links {
                base_url: &base_url,
                secret_key: &secret_key,
            };
            let started = store::approve(conn, id, actor.id, &links, today())?;
            if let Started::Sending(_) = started {
                audit::record_entry(
                    conn,
                    audit_entry(&actor, "campaign.approve", id, started_summary(started), ip),
                )?;
            }
            Ok(started)
        })
        .await?;
    if started == Started::NotAllowed {
        return Err(AppError::Forbidden);
    }
    let (level, message) = started_message(&admin.ctx, started);
    flash::push(&session, level, message);
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

/// Pause, resume and cancel: one state change each, audited.
struct StateChange {
    action: &'static str,
    apply: fn(&mut crate::db::DbConn, i64) -> crate::db::DbResult<bool>,
    done_key: &'static str,
}

const PAUSE: StateChange = StateChange {
    action: "campaign.pause",
    apply: store::pause,
    done_key: "campaign-paused",
};
const RESUME: StateChange = StateChange {
    action: "campaign.resume",
    apply: store::resume,
    done_key: "campaign-resumed",
};
const CANCEL: StateChange = StateChange {
    action: "campaign.cancel",
    apply: store::cancel,
    done_key: "campaign-cancelled",
};

async fn change(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: i64,
    change: StateChange,
) -> Result<HttpResponse, AppError> {
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let (action, apply) = (change.action, change.apply);
    let changed = state
        .db
        .write(move |conn| {
            let changed = apply(conn, id)?;
            if changed {
                audit::record_entry(conn, audit_entry(&actor, action, id, action.into(), ip))?;
            }
            Ok(changed)
        })
        .await?;
    if !changed {
        return Err(AppError::BadRequest("campaign-not-allowed"));
    }
    flash::push(&session, Level::Success, admin.ctx.t(change.done_key));
    Ok(see_other(&format!("/admin/campaigns/{id}")))
}

#[post("/admin/campaigns/{id}/pause")]
async fn pause(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(admin, state, session, req, id.into_inner(), PAUSE).await
}

#[post("/admin/campaigns/{id}/resume")]
async fn resume(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(admin, state, session, req, id.into_inner(), RESUME).await
}

#[post("/admin/campaigns/{id}/cancel")]
async fn cancel(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    change(admin, state, session, req, id.into_inner(), CANCEL).await
}
