//! The campaigns' pages: the list and its settings, the campaign form, and a
//! campaign's page with its audience, preview and progress.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::AdminAction;
use crate::campaigns::error::CampaignError;
use crate::campaigns::forms::CampaignForm;
use crate::campaigns::manage::{self, CampaignView, Preview};
use crate::campaigns::models::{Campaign, CampaignStatus};
use crate::campaigns::placeholders;
use crate::i18n::Lang;
use crate::mail::outbox::Progress;
use crate::membership::countries::Continent;
use crate::membership::join::country_options;
use crate::membership::models::RoleKind;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, Admin, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "campaigns/list.html")]
struct ListPage {
    ctx: PageCtx,
    campaigns: Vec<manage::Listed>,
    threshold: i64,
    /// A raise of the threshold waiting for a second admin.
    raise: Option<manage::RaiseRequest>,
    /// Whether this admin may confirm it (another admin asked for it).
    can_confirm_raise: bool,
}

#[get("/admin/campaigns")]
pub async fn list(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (campaigns, threshold) = manage::overview(&state.db).await?;
    let raise = manage::raise_request(&state.db).await?;
    let can_confirm_raise = raise.is_some_and(|r| r.requested_by != admin.user.id);
    render(&ListPage {
        ctx: admin.ctx,
        campaigns,
        threshold,
        raise,
        can_confirm_raise,
    })
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    threshold: String,
}

#[post("/admin/campaigns/settings")]
pub async fn save_settings(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let saved = manage::save_threshold(&state.db, &action.actor, &form.threshold).await;
    action.answer(saved, "/admin/campaigns", |saved| match saved {
        manage::ThresholdSaved::Applied(_) => action.t("campaign-settings-saved"),
        manage::ThresholdSaved::AwaitingSecondAdmin(_) => {
            action.t("campaign-threshold-raise-requested")
        }
    })
}

/// Another admin confirms a raise of the threshold.
#[post("/admin/campaigns/settings/confirm")]
pub async fn confirm_threshold(
    action: AdminAction,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let confirmed = manage::confirm_raise(&state.db, &action.actor).await;
    action.answer(confirmed, "/admin/campaigns", |_| {
        action.t("campaign-threshold-raise-confirmed")
    })
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
    languages: &'static [Lang],
}

impl FormPage {
    async fn show(
        ctx: PageCtx,
        state: &AppState,
        campaign_id: Option<i64>,
        form: CampaignForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let countries = country_options(&manage::countries(&state.db).await?, &ctx.lang);
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = FormPage {
            ctx,
            campaign_id,
            form,
            errors,
            countries,
            continents: Continent::ALL,
            roles: RoleKind::ALL,
            placeholders: placeholders::NAMES,
            languages: Lang::all(),
        };
        render_with_status(&page, status)
    }

    /// Answers a save: to the campaign's page, or the form again with its errors.
    async fn answer(
        action: AdminAction,
        state: &AppState,
        id: Option<i64>,
        form: CampaignForm,
        saved: Result<i64, CampaignError>,
    ) -> Result<HttpResponse, AppError> {
        match saved {
            Ok(id) => Ok(action.done(
                action.t("campaign-saved"),
                &format!("/admin/campaigns/{id}"),
            )),
            Err(CampaignError::Invalid(errors)) => {
                FormPage::show(action.ctx, state, id, form, errors).await
            }
            Err(error) => Err(error.into()),
        }
    }
}

#[get("/admin/campaigns/new")]
pub async fn new_form(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (form, errors) = (CampaignForm::default(), FormErrors::default());
    FormPage::show(admin.ctx, &state, None, form, errors).await
}

#[post("/admin/campaigns")]
pub async fn create(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<CampaignForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let created = manage::create(&state.db, &action.actor, &form).await;
    FormPage::answer(action, &state, None, form, created).await
}

#[get("/admin/campaigns/{id}/edit")]
pub async fn edit_form(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let campaign = manage::editable(&state.db, id.into_inner()).await?;
    let form = CampaignForm::of(&campaign);
    FormPage::show(
        admin.ctx,
        &state,
        Some(campaign.id),
        form,
        FormErrors::default(),
    )
    .await
}

#[post("/admin/campaigns/{id}")]
pub async fn save(
    action: AdminAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<CampaignForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let saved = manage::update(&state.db, &action.actor, id, &form)
        .await
        .map(|()| id);
    FormPage::answer(action, &state, Some(id), form, saved).await
}

#[derive(Template)]
#[template(path = "campaigns/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    campaign: Campaign,
    recipients: usize,
    without_email: usize,
    unsubscribed: usize,
    unmatched: Vec<String>,
    /// Per language of the cities: how many, which version, a preview.
    previews: Vec<Preview>,
    /// Cities whose language is not installed (they get the default).
    others: i64,
    /// The default version's language.
    default_lang: Lang,
    /// Installed languages with neither cities nor a version yet.
    unused: Vec<Lang>,
    /// A placeholder is broken in some version: sending is refused.
    broken: bool,
    /// Every message is out: "sent", nothing left to pause or cancel.
    finished: bool,
    progress: Progress,
    /// May this admin approve (a second admin, the campaign waiting)?
    can_approve: bool,
    /// Refresh the page while messages are going out.
    refresh: bool,
}

impl DetailPage {
    fn new(ctx: PageCtx, admin_id: i64, view: CampaignView) -> DetailPage {
        let recipients = view.recipients();
        let (finished, broken) = (view.finished(), view.has_broken_version());
        let campaign = view.campaign;
        let unused = Lang::all()
            .iter()
            .copied()
            .filter(|lang| !view.previews.iter().any(|p| p.share.lang == *lang))
            .collect();
        DetailPage {
            ctx,
            recipients,
            without_email: view.audience.without_email,
            unsubscribed: view.audience.unsubscribed,
            unmatched: view.audience.unmatched,
            previews: view.previews,
            others: i64::try_from(view.others).unwrap_or(i64::MAX),
            default_lang: view.versions.default_version().lang,
            unused,
            broken,
            finished,
            can_approve: manage::can_approve(&campaign, admin_id),
            refresh: campaign.status == CampaignStatus::Sending && !view.progress.is_settled(),
            progress: view.progress,
            campaign,
        }
    }

    /// The status as shown: "sent" once every message is out.
    fn status_key(&self) -> &'static str {
        if self.finished {
            "campaign-status-sent"
        } else {
            self.campaign.status.label_key()
        }
    }

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
pub async fn detail(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = manage::view(&state.db, id.into_inner()).await?;
    render(&DetailPage::new(admin.ctx, admin.user.id, view))
}

/// What `static/live.js` reads: texts and progress bars by element id.
#[derive(serde::Serialize)]
struct LiveFigures {
    done: bool,
    values: BTreeMap<&'static str, String>,
    progress: BTreeMap<&'static str, i64>,
}

impl LiveFigures {
    fn of(campaign: &Campaign, progress: &Progress, lang: &Lang) -> LiveFigures {
        let count = |n: i64| lang.number(n);
        LiveFigures {
            done: campaign.status != CampaignStatus::Sending || progress.is_settled(),
            values: BTreeMap::from([
                ("queued", count(progress.queued + progress.sending)),
                ("held", count(progress.held)),
                ("sent", count(progress.sent)),
                ("failed", count(progress.failed)),
                ("cancelled", count(progress.cancelled)),
            ]),
            progress: BTreeMap::from([("sent-progress", sent_percent(progress))]),
        }
    }
}

/// The figures of the campaign page while it sends, for `static/live.js`.
#[get("/admin/campaigns/{id}/progress.json")]
pub async fn progress_json(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (campaign, progress) = manage::progress(&state.db, id.into_inner()).await?;
    let figures = LiveFigures::of(&campaign, &progress, &admin.ctx.lang);
    Ok(HttpResponse::Ok().json(figures))
}
