//! Admins write campaigns, see the audience count and a rendered preview,
//! send a test to themselves, then send, pause, resume or cancel; a second
//! admin approves campaigns above the threshold.

use std::sync::Arc;

use super::audience::{self, Audience, Filters};
use super::error::CampaignError;
use super::forms::CampaignForm;
use super::models::{Campaign, CampaignStatus};
use super::store::{self, Links, Rendered, Started};
use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::EmailAddress;
use crate::mail::outbox::Progress;
use crate::membership::countries::{self, Country};

/// Every campaign, newest first, and the approval threshold.
pub async fn overview(db: &Db) -> Result<(Vec<Campaign>, i64), CampaignError> {
    db.read(|conn| Ok((store::all(conn)?, store::approval_threshold(conn)?)))
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

/// What the campaign page shows.
pub struct CampaignView {
    pub campaign: Campaign,
    /// Who it reaches now; empty once started (the audience is what was enqueued).
    pub audience: Audience,
    pub progress: Progress,
    /// The message key of what is wrong with a placeholder, if anything.
    pub template_error: Option<&'static str>,
    /// The rendering for the first recipient: (city, subject and body).
    pub sample: Option<(String, Rendered)>,
}

impl CampaignView {
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
    let (campaign, audience, progress) = db
        .read(move |conn| {
            let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
            let audience = if campaign.has_started() {
                Audience::default()
            } else {
                audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?
            };
            let progress = store::progress(conn, id)?;
            Ok::<_, CampaignError>((campaign, audience, progress))
        })
        .await?;
    let template_error = store::check_placeholders(&campaign)
        .err()
        .map(|e| e.message_key());
    let sample = match (template_error, audience.recipients.first()) {
        (None, Some(recipient)) => store::render_for(&campaign, recipient)
            .ok()
            .map(|r| (recipient.city.display_name(), r)),
        _ => None,
    };
    Ok(CampaignView {
        campaign,
        audience,
        progress,
        template_error,
        sample,
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

/// Sends the rendering for the first recipient to `to` (the admin) alone.
pub async fn test_send(
    db: &Db,
    config: &Arc<Config>,
    id: i64,
    to: &str,
) -> Result<(), CampaignError> {
    let to =
        EmailAddress::parse(to).map_err(|_| CampaignError::BadRequest("error-email-invalid"))?;
    let config = config.clone();
    db.transaction(move |conn| {
        let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
        let audience =
            audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today())?;
        let sample = audience
            .recipients
            .first()
            .ok_or(CampaignError::Refused("campaign-no-recipients"))?;
        store::test_send(conn, &campaign, sample, to, &links(&config))
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
