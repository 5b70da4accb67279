//! Admins write campaigns, see the audience count and a rendered preview,
//! send a test to themselves, then send, pause, resume or cancel; a second
//! admin approves campaigns above the threshold.

use std::sync::Arc;

use super::audience::{self, Audience, Filters};
use super::error::CampaignError;
use super::forms::CampaignForm;
use super::models::{Campaign, CampaignStatus};
use super::store::{self, Links, Rendered, Started};
use super::versions::{self, Plan, Share, Versions};
use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::{EmailAddress, FieldError};
use crate::i18n::Lang;
use crate::mail::outbox::Progress;
use crate::membership::countries::{self, Country};
use crate::web::form::FormErrors;

/// A campaign in the list.
pub struct Listed {
    pub campaign: Campaign,
    /// Sending, and every message is out.
    pub finished: bool,
}

impl Listed {
    /// Its status as shown: "sent" once every message is out.
    pub fn status_key(&self) -> &'static str {
        if self.finished {
            "campaign-status-sent"
        } else {
            self.campaign.status.label_key()
        }
    }
}

/// Every campaign, newest first, and the approval threshold.
pub async fn overview(db: &Db) -> Result<(Vec<Listed>, i64), CampaignError> {
    db.read(|conn| {
        let mut list = Vec::new();
        for campaign in store::all(conn)? {
            let finished = campaign.status == CampaignStatus::Sending
                && store::is_finished(&campaign, &store::progress(conn, campaign.id)?);
            list.push(Listed { campaign, finished });
        }
        Ok((list, store::approval_threshold(conn)?))
    })
    .await
}

// ------------------------------------------------------------ the threshold

/// A raised threshold waiting for a second admin: otherwise one admin could
/// raise it above the audience and then send to every city alone.
const RAISE_REQUEST: &str = "campaigns.approval_threshold_raise";

/// An admin's request to raise the threshold, until another admin confirms it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaiseRequest {
    pub threshold: i64,
    pub requested_by: i64,
}

fn raise_request_in(conn: &mut DbConn) -> DbResult<Option<RaiseRequest>> {
    Ok(
        crate::settings::get(conn, RAISE_REQUEST)?.and_then(|value| {
            let (threshold, requested_by) = value.split_once(':')?;
            Some(RaiseRequest {
                threshold: threshold.parse().ok()?,
                requested_by: requested_by.parse().ok()?,
            })
        }),
    )
}

fn set_raise_request(conn: &mut DbConn, request: Option<RaiseRequest>) -> DbResult<()> {
    let value = request.map_or(String::new(), |r| {
        format!("{}:{}", r.threshold, r.requested_by)
    });
    crate::settings::set(conn, RAISE_REQUEST, &value)
}

/// The raise waiting for a second admin, if any.
pub async fn raise_request(db: &Db) -> Result<Option<RaiseRequest>, CampaignError> {
    db.read(|conn| Ok(raise_request_in(conn)?)).await
}

/// What saving the threshold did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdSaved {
    /// Lowered (or unchanged): in force at once.
    Applied(i64),
    /// Raised: in force once another admin confirms it.
    AwaitingSecondAdmin(i64),
}

/// Sets the number of recipients above which a second admin must approve,
/// audited. Lowering it applies at once; raising it waits for another admin
/// ([`confirm_raise`]).
pub async fn save_threshold(
    db: &Db,
    actor: &Actor,
    text: &str,
) -> Result<ThresholdSaved, CampaignError> {
    let threshold: i64 = text
        .trim()
        .parse()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or(CampaignError::BadRequest("campaign-threshold-invalid"))?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = store::approval_threshold(conn)?;
        let (saved, summary) = if threshold > before {
            let requested_by = actor.user_id.ok_or(CampaignError::Forbidden)?;
            set_raise_request(
                conn,
                Some(RaiseRequest {
                    threshold,
                    requested_by,
                }),
            )?;
            (
                ThresholdSaved::AwaitingSecondAdmin(threshold),
                format!("asked to raise the approval threshold {before} → {threshold}: waiting for a second admin"),
            )
        } else {
            crate::settings::set(conn, store::APPROVAL_THRESHOLD, &threshold.to_string())?;
            set_raise_request(conn, None)?;
            (
                ThresholdSaved::Applied(threshold),
                format!("approval threshold {before} → {threshold}"),
            )
        };
        audit::record(
            conn,
            &actor,
            Action::CampaignSettings,
            store::APPROVAL_THRESHOLD,
            summary,
        )?;
        Ok(saved)
    })
    .await
}

/// Another admin confirms a raise of the threshold, audited; the admin who
/// asked for it cannot.
pub async fn confirm_raise(db: &Db, actor: &Actor) -> Result<i64, CampaignError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let request = raise_request_in(conn)?
            .ok_or(CampaignError::Refused("campaign-threshold-no-request"))?;
        if actor.user_id == Some(request.requested_by) {
            return Err(CampaignError::Refused("campaign-threshold-same-admin"));
        }
        let before = store::approval_threshold(conn)?;
        crate::settings::set(
            conn,
            store::APPROVAL_THRESHOLD,
            &request.threshold.to_string(),
        )?;
        set_raise_request(conn, None)?;
        let summary = format!(
            "approval threshold {before} → {}, asked by user {}",
            request.threshold, request.requested_by
        );
        audit::record(
            conn,
            &actor,
            Action::CampaignSettings,
            store::APPROVAL_THRESHOLD,
            summary,
        )?;
        Ok(request.threshold)
    })
    .await
}

/// The countries a campaign may be limited to.
pub async fn countries(db: &Db) -> Result<Vec<Country>, CampaignError> {
    db.read(|conn| Ok(countries::all(conn)?)).await
}

/// Parses a campaign form, its country checked against the table.
async fn parse(db: &Db, form: &CampaignForm) -> Result<store::CampaignFields, CampaignError> {
    let known = match form.country_code() {
        Some(Ok(code)) => {
            db.read(move |conn| Ok::<_, CampaignError>(countries::find(conn, &code)?.is_some()))
                .await?
        }
        _ => false,
    };
    form.parse(known).map_err(CampaignError::Invalid)
}

/// Creates a draft from its form, audited; returns its id.
pub async fn create(db: &Db, actor: &Actor, form: &CampaignForm) -> Result<i64, CampaignError> {
    let fields = parse(db, form).await?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let created_by = actor.user_id.ok_or(CampaignError::Forbidden)?;
        let id = store::insert(conn, &fields, created_by)?;
        audit::record(conn, &actor, Action::CampaignCreate, id, fields.subject)?;
        Ok(id)
    })
    .await
}

/// A draft to edit; a campaign that is no longer one cannot be.
pub async fn editable(db: &Db, id: i64) -> Result<Campaign, CampaignError> {
    let campaign = find(db, id).await?;
    if campaign.is_draft() {
        Ok(campaign)
    } else {
        Err(CampaignError::BadRequest("campaign-not-draft"))
    }
}

/// Saves a draft from its form, audited.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    form: &CampaignForm,
) -> Result<(), CampaignError> {
    let fields = parse(db, form).await?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        if versions::has_translation(conn, id, fields.language)? {
            let mut errors = FormErrors::default();
            errors.add("language", FieldError("campaign-language-has-version"));
            return Err(CampaignError::Invalid(errors));
        }
        if !store::update(conn, id, &fields)? {
            return Err(CampaignError::BadRequest("campaign-not-draft"));
        }
        audit::record(conn, &actor, Action::CampaignUpdate, id, fields.subject)?;
        Ok(())
    })
    .await
}

pub async fn find(db: &Db, id: i64) -> Result<Campaign, CampaignError> {
    db.read(move |conn| store::find(conn, id)?.ok_or(CampaignError::NotFound))
        .await
}

/// A language's cities, the version they get and its rendering for the first
/// of them: (city, subject and body).
pub struct Preview {
    pub share: Share,
    pub sample: Option<(String, Rendered)>,
}

impl Preview {
    /// How many cities of this language are in the audience.
    pub fn cities(&self) -> i64 {
        i64::try_from(self.share.cities).unwrap_or(i64::MAX)
    }
}

/// What the campaign page shows.
pub struct CampaignView {
    pub campaign: Campaign,
    /// Who it reaches now; empty once started (the audience is what was enqueued).
    pub audience: Audience,
    pub progress: Progress,
    pub versions: Versions,
    /// Per language: how many cities, which version, a preview.
    pub previews: Vec<Preview>,
    /// Cities whose language is not installed: they get the default.
    pub others: usize,
    /// In how many languages the messages go out.
    pub languages: usize,
    /// More recipients than the threshold: a second admin must approve.
    pub needs_approval: bool,
}

impl CampaignView {
    /// Sending, and every message is out.
    pub fn finished(&self) -> bool {
        store::is_finished(&self.campaign, &self.progress)
    }

    /// A placeholder is broken in some version.
    pub fn has_broken_version(&self) -> bool {
        self.versions.check_all().is_err()
    }

    /// Recipients: the audience now, or what was enqueued once started.
    pub fn recipients(&self) -> usize {
        if self.campaign.has_started() {
            usize::try_from(self.campaign.recipient_count).unwrap_or(0)
        } else {
            self.audience.recipients.len()
        }
    }
}

pub async fn view(db: &Db, id: i64) -> Result<CampaignView, CampaignError> {
    let (campaign, audience, progress, versions, threshold) = db
        .read(move |conn| {
            let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
            let audience = if campaign.has_started() {
                Audience::default()
            } else {
                audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?
            };
            let progress = store::progress(conn, id)?;
            let versions = Versions::load(conn, &campaign)?;
            let threshold = store::approval_threshold(conn)?;
            Ok::<_, CampaignError>((campaign, audience, progress, versions, threshold))
        })
        .await?;
    let plan = Plan::of(&versions, &audience.recipients);
    let languages = plan.languages_sent(versions.default_version().lang);
    let previews = plan
        .shares
        .into_iter()
        .map(|share| {
            let version = versions
                .get(share.gets)
                .unwrap_or(versions.default_version());
            let sample = share.sample.as_ref().and_then(|recipient| {
                store::render_for(version, recipient)
                    .ok()
                    .map(|r| (recipient.city.display_name(), r))
            });
            Preview { share, sample }
        })
        .collect();
    let needs_approval = i64::try_from(audience.recipients.len()).unwrap_or(i64::MAX) > threshold;
    Ok(CampaignView {
        campaign,
        audience,
        progress,
        versions,
        previews,
        others: plan.others,
        languages,
        needs_approval,
    })
}

/// A campaign and how far its sending is.
pub async fn progress(db: &Db, id: i64) -> Result<(Campaign, Progress), CampaignError> {
    db.read(move |conn| {
        let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
        Ok((campaign, store::progress(conn, id)?))
    })
    .await
}

/// Sends the version in `lang` (the default when `None`) to `to` (the admin)
/// alone, rendered for a city of that language, or the first city when none
/// speaks it.
pub async fn test_send(
    db: &Db,
    config: &Arc<Config>,
    id: i64,
    lang: Option<Lang>,
    to: &str,
) -> Result<(), CampaignError> {
    let to =
        EmailAddress::parse(to).map_err(|_| CampaignError::BadRequest("error-email-invalid"))?;
    let config = config.clone();
    db.transaction(move |conn| {
        let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
        let versions = Versions::load(conn, &campaign)?;
        let version = match lang {
            None => versions.default_version(),
            Some(lang) => versions.get(lang).ok_or(CampaignError::NotFound)?,
        };
        let audience =
            audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?;
        let sample = audience
            .recipients
            .iter()
            .find(|r| versions::installed(&r.city.language) == Some(version.lang))
            .or(audience.recipients.first())
            .ok_or(CampaignError::Refused("campaign-no-recipients"))?;
        store::test_send(conn, &campaign, version, sample, to, &links(&config))
    })
    .await
}

fn links(config: &Config) -> Links<'_> {
    Links {
        base_url: &config.base_url,
        secret_key: &config.secret_key,
    }
}

fn started_summary(started: Started) -> String {
    match started {
        Started::Sending(n) => format!("{n} messages enqueued"),
        Started::NeedsApproval(n) => format!("{n} recipients: waiting for a second admin"),
    }
}

/// An admin asks to send a draft (see [`store::request_send`]), audited.
pub async fn send(
    db: &Db,
    actor: &Actor,
    config: &Arc<Config>,
    id: i64,
) -> Result<Started, CampaignError> {
    let (actor, config) = (actor.clone(), config.clone());
    db.transaction(move |conn| {
        let started = store::request_send(conn, id, actor.user_id, &links(&config), today())?;
        audit::record(
            conn,
            &actor,
            Action::CampaignSend,
            id,
            started_summary(started),
        )?;
        Ok(started)
    })
    .await
}

/// A second admin approves a large campaign (see [`store::approve`]), audited.
pub async fn approve(
    db: &Db,
    actor: &Actor,
    config: &Arc<Config>,
    id: i64,
) -> Result<Started, CampaignError> {
    let (actor, config) = (actor.clone(), config.clone());
    db.transaction(move |conn| {
        let started = store::approve(conn, id, actor.user_id, &links(&config), today())?;
        audit::record(
            conn,
            &actor,
            Action::CampaignApprove,
            id,
            started_summary(started),
        )?;
        Ok(started)
    })
    .await
}

/// Pause, resume and cancel: one state change each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Pause,
    Resume,
    Cancel,
}

impl Change {
    fn action(self) -> Action {
        match self {
            Change::Pause => Action::CampaignPause,
            Change::Resume => Action::CampaignResume,
            Change::Cancel => Action::CampaignCancel,
        }
    }

    fn apply(self, conn: &mut DbConn, id: i64) -> DbResult<bool> {
        match self {
            Change::Pause => store::pause(conn, id),
            Change::Resume => store::resume(conn, id),
            Change::Cancel => store::cancel(conn, id),
        }
    }

    /// The message that says it was done.
    pub fn done_key(self) -> &'static str {
        match self {
            Change::Pause => "campaign-paused",
            Change::Resume => "campaign-resumed",
            Change::Cancel => "campaign-cancelled",
        }
    }
}

/// Pauses, resumes or cancels a campaign, audited; one not in a state for it
/// is a bad request.
pub async fn change(db: &Db, actor: &Actor, id: i64, change: Change) -> Result<(), CampaignError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        if !change.apply(conn, id)? {
            return Err(CampaignError::BadRequest("campaign-not-allowed"));
        }
        let action = change.action();
        audit::record(conn, &actor, action, id, action.as_str())?;
        Ok(())
    })
    .await
}

/// May `admin` approve this campaign (a second admin, the campaign waiting)?
pub fn can_approve(campaign: &Campaign, admin_id: i64) -> bool {
    campaign.status == CampaignStatus::AwaitingApproval && campaign.requested_by != Some(admin_id)
}
