//! Saving campaigns, rendering each recipient's message, and starting,
//! pausing, resuming and cancelling the sending through the outbox.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::audience::{self, Audience, Filters, Recipient};
use super::error::CampaignError;
use super::models::{Campaign, CampaignStatus};
use super::placeholders::{self, TemplateError, Values};
use super::versions::{Version, Versions};
use crate::db::{self, DbConn, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, outbox, Email, EmailContent, Reference};
use crate::schema::{campaign_unsubscribes, campaigns};

/// Above this many recipients a second admin must approve the sending.
pub const APPROVAL_THRESHOLD: &str = "campaigns.approval_threshold";
pub const DEFAULT_APPROVAL_THRESHOLD: i64 = 1000;

pub fn approval_threshold(conn: &mut DbConn) -> DbResult<i64> {
    Ok(crate::settings::get(conn, APPROVAL_THRESHOLD)?
        .and_then(|v| v.parse().ok())
        .filter(|n| *n >= 0)
        .unwrap_or(DEFAULT_APPROVAL_THRESHOLD))
}

pub fn reference(campaign_id: i64) -> Reference {
    Reference::new("campaign", campaign_id)
}

/// A campaign form, parsed.
#[derive(Debug, Clone)]
pub struct CampaignFields {
    pub subject: String,
    pub body: String,
    pub essential: bool,
    pub filters: Filters,
    /// The language of the subject and body (the default version).
    pub language: Lang,
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Campaign>> {
    Ok(campaigns::table
        .find(id)
        .select(Campaign::as_select())
        .first(conn)
        .optional()?)
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<Campaign>> {
    Ok(campaigns::table
        .order(campaigns::id.desc())
        .select(Campaign::as_select())
        .load(conn)?)
}

pub fn insert(conn: &mut DbConn, fields: &CampaignFields, actor_id: i64) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    let f = &fields.filters;
    Ok(diesel::insert_into(campaigns::table)
        .values((
            campaigns::subject.eq(&fields.subject),
            campaigns::body.eq(&fields.body),
            campaigns::essential.eq(fields.essential),
            campaigns::language.eq(fields.language.code()),
            campaigns::continent.eq(f.continent.map(|c| c.as_str())),
            campaigns::country_code.eq(f.country_code.as_deref()),
            campaigns::role.eq(f.role.map(|r| r.as_str())),
            campaigns::dues_unpaid.eq(f.dues_unpaid),
            campaigns::no_exhibition_held.eq(f.no_exhibition_held),
            campaigns::pasted_list.eq(&f.pasted_list),
            campaigns::status.eq(CampaignStatus::Draft.as_str()),
            campaigns::recipient_count.eq(0),
            campaigns::created_by.eq(actor_id),
            campaigns::created_at.eq(now),
            campaigns::updated_at.eq(now),
        ))
        .returning(campaigns::id)
        .get_result(conn)?)
}

/// Saves a draft; false when it is no longer a draft.
pub fn update(conn: &mut DbConn, id: i64, fields: &CampaignFields) -> DbResult<bool> {
    let f = &fields.filters;
    let updated = diesel::update(
        campaigns::table
            .filter(campaigns::id.eq(id))
            .filter(campaigns::status.eq(CampaignStatus::Draft.as_str())),
    )
    .set((
        campaigns::subject.eq(&fields.subject),
        campaigns::body.eq(&fields.body),
        campaigns::essential.eq(fields.essential),
        campaigns::language.eq(fields.language.code()),
        campaigns::continent.eq(f.continent.map(|c| c.as_str())),
        campaigns::country_code.eq(f.country_code.as_deref()),
        campaigns::role.eq(f.role.map(|r| r.as_str())),
        campaigns::dues_unpaid.eq(f.dues_unpaid),
        campaigns::no_exhibition_held.eq(f.no_exhibition_held),
        campaigns::pasted_list.eq(&f.pasted_list),
        campaigns::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Moves a campaign from `from` to `to`; false when it was not in `from`
/// (another admin, or a double click, got there first).
fn transition(
    conn: &mut DbConn,
    id: i64,
    from: &[CampaignStatus],
    to: CampaignStatus,
) -> DbResult<bool> {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let updated = diesel::update(
        campaigns::table
            .filter(campaigns::id.eq(id))
            .filter(campaigns::status.eq_any(from)),
    )
    .set((
        campaigns::status.eq(to.as_str()),
        campaigns::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

// ------------------------------------------------------------ rendering

/// The link in a message: `/unsubscribe/...` unsubscribes (after a button, or
/// the RFC 8058 one-click POST); `/unsubscribe/preview/...` only shows that page.
///
/// The purpose is signed with the ids (`Purpose::CampaignUnsubscribe`, or
/// `CampaignUnsubscribePreview` in an admin's test send), so a preview token
/// never unsubscribes anyone.
pub fn unsubscribe_url(
    base_url: &str,
    secret_key: &[u8],
    preview: bool,
    campaign_id: i64,
    city_id: i64,
) -> String {
    let (folder, purpose) = if preview {
        ("unsubscribe/preview", Purpose::CampaignUnsubscribePreview)
    } else {
        ("unsubscribe", Purpose::CampaignUnsubscribe)
    };
    format!(
        "{}/{folder}/{campaign_id}/{city_id}/{}",
        base_url.trim_end_matches('/'),
        signed_link::token(secret_key, purpose, &[campaign_id, city_id])
    )
}

/// Where links in campaign emails point.
pub struct Links<'a> {
    pub base_url: &'a str,
    pub secret_key: &'a [u8],
}

/// A recipient's subject and body, placeholders filled.
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// The `version` filled for `recipient`; the country is named in the version's language.
pub fn render_for(version: &Version, recipient: &Recipient) -> Result<Rendered, TemplateError> {
    let lang = version.lang;
    let number = recipient.city.number_label();
    let values = Values {
        city: &recipient.city.name_latin,
        mayor: recipient.city.mayor_name.as_deref().unwrap_or_default(),
        country: recipient.country.name(&lang),
        member_number: &number,
    };
    Ok(Rendered {
        subject: placeholders::render(&version.subject, &values)?,
        body: placeholders::render(&version.body, &values)?,
    })
}

/// The email to one recipient, in the version of its language (or the
/// default): paragraphs of the body, and for a non-essential campaign the
/// unsubscribe link in the text and in the RFC 8058 headers.
pub fn email_for(
    campaign: &Campaign,
    versions: &Versions,
    recipient: &Recipient,
    links: &Links<'_>,
) -> Result<Email, TemplateError> {
    email_with_link(
        campaign,
        versions.for_recipient(recipient),
        recipient,
        links,
        false,
    )
}

/// The whole email is in the version's language, its own lines included.
fn email_with_link(
    campaign: &Campaign,
    version: &Version,
    recipient: &Recipient,
    links: &Links<'_>,
    preview: bool,
) -> Result<Email, TemplateError> {
    let rendered = render_for(version, recipient)?;
    let lang = version.lang;
    let unsubscribe = (!campaign.essential).then(|| {
        unsubscribe_url(
            links.base_url,
            links.secret_key,
            preview,
            campaign.id,
            recipient.city.id,
        )
    });
    let content = EmailContent {
        subject: rendered.subject,
        greeting: String::new(),
        paragraphs: rendered
            .body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        action: None,
        after: unsubscribe
            .iter()
            .map(|url| {
                lang.t_with(
                    "campaign-mail-unsubscribe",
                    &[("url", FluentArg::Raw(url.clone()))],
                )
            })
            .collect(),
    };
    let email = Email::new(
        recipient.email.clone(),
        recipient.city.mayor_name.as_deref(),
        lang,
        &content,
    );
    Ok(match unsubscribe {
        Some(url) => email.with_list_unsubscribe(url),
        None => email,
    })
}

// ------------------------------------------------------------ sending

/// What asking to send did; anything else is refused (`CampaignError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// Enqueued this many messages.
    Sending(usize),
    /// Too many recipients: waiting for a second admin.
    NeedsApproval(usize),
}

const BAD_TEMPLATE: CampaignError = CampaignError::Refused("campaign-version-placeholder-broken");
const NOT_ALLOWED: CampaignError = CampaignError::Refused("campaign-not-allowed");

/// Enqueues one message per recipient (multi-row inserts) and marks the campaign
/// sending, in the caller's transaction: all or nothing.
fn enqueue_all(
    conn: &mut DbConn,
    campaign: &Campaign,
    versions: &Versions,
    audience: &Audience,
    links: &Links<'_>,
) -> Result<usize, CampaignError> {
    let mut messages = Vec::with_capacity(audience.recipients.len());
    for recipient in &audience.recipients {
        let email = email_for(campaign, versions, recipient, links).map_err(|_| BAD_TEMPLATE)?;
        messages.push((
            format!("campaign-{}-city-{}", campaign.id, recipient.city.id),
            email,
        ));
    }
    let count = outbox::enqueue_bulk(conn, &messages, &reference(campaign.id))?;
    let now = crate::domain::clock::now();
    diesel::update(campaigns::table.find(campaign.id))
        .set((
            campaigns::recipient_count.eq(i32::try_from(count).unwrap_or(i32::MAX)),
            campaigns::started_at.eq(now),
            campaigns::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(count)
}

/// An admin asks to send a draft: it goes out at once, or waits for a second
/// admin when it has more recipients than the threshold. Refused (and nothing
/// written) when it is not a draft, a placeholder is unknown, or nobody is in
/// the audience.
pub fn request_send(
    conn: &mut DbConn,
    id: i64,
    actor_id: Option<i64>,
    links: &Links<'_>,
    today: NaiveDate,
) -> Result<Started, CampaignError> {
    let campaign = find(conn, id)?.ok_or(NOT_ALLOWED)?;
    if !campaign.is_draft() {
        return Err(NOT_ALLOWED);
    }
    let versions = Versions::load(conn, &campaign)?;
    versions.check_all()?;
    let audience = audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today)?;
    let count = audience.recipients.len();
    if count == 0 {
        return Err(CampaignError::Refused("campaign-no-recipients"));
    }
    let threshold = approval_threshold(conn)?;
    if i64::try_from(count).unwrap_or(i64::MAX) > threshold {
        if !transition(
            conn,
            id,
            &[CampaignStatus::Draft],
            CampaignStatus::AwaitingApproval,
        )? {
            return Err(NOT_ALLOWED);
        }
        diesel::update(campaigns::table.find(id))
            .set((
                campaigns::requested_by.eq(actor_id),
                campaigns::recipient_count.eq(i32::try_from(count).unwrap_or(i32::MAX)),
            ))
            .execute(conn)?;
        return Ok(Started::NeedsApproval(count));
    }
    if !transition(conn, id, &[CampaignStatus::Draft], CampaignStatus::Sending)? {
        return Err(NOT_ALLOWED);
    }
    Ok(Started::Sending(enqueue_all(
        conn, &campaign, &versions, &audience, links,
    )?))
}

/// A second admin (not the one who asked) approves a large campaign, which
/// then goes out to the audience as it is now. Anyone else, or a campaign not
/// waiting, is forbidden.
pub fn approve(
    conn: &mut DbConn,
    id: i64,
    approver_id: Option<i64>,
    links: &Links<'_>,
    today: NaiveDate,
) -> Result<Started, CampaignError> {
    let campaign = find(conn, id)?.ok_or(CampaignError::Forbidden)?;
    if campaign.status != CampaignStatus::AwaitingApproval
        || approver_id.is_none()
        || campaign.requested_by == approver_id
    {
        return Err(CampaignError::Forbidden);
    }
    // Checked before the status changes, so a campaign never sits in `sending`
    // with nothing enqueued.
    let versions = Versions::load(conn, &campaign)?;
    versions.check_all()?;
    let audience = audience::resolve(conn, &Filters::of(&campaign), campaign.essential, today)?;
    if !transition(
        conn,
        id,
        &[CampaignStatus::AwaitingApproval],
        CampaignStatus::Sending,
    )? {
        return Err(CampaignError::Forbidden);
    }
    diesel::update(campaigns::table.find(id))
        .set(campaigns::approved_by.eq(approver_id))
        .execute(conn)?;
    Ok(Started::Sending(enqueue_all(
        conn, &campaign, &versions, &audience, links,
    )?))
}

/// Sending, and every message is out (sent or failed): the campaign is sent.
pub fn is_finished(campaign: &Campaign, progress: &outbox::Progress) -> bool {
    campaign.status == CampaignStatus::Sending && campaign.has_started() && progress.is_settled()
}

/// A finished campaign can be neither paused nor cancelled.
fn finished(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    Ok(match find(conn, id)? {
        Some(campaign) => is_finished(&campaign, &progress(conn, id)?),
        None => false,
    })
}

/// Pausing holds the messages no worker has claimed yet.
pub fn pause(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    if finished(conn, id)? {
        return Ok(false);
    }
    if !transition(conn, id, &[CampaignStatus::Sending], CampaignStatus::Paused)? {
        return Ok(false);
    }
    outbox::hold(conn, &reference(id))?;
    Ok(true)
}

pub fn resume(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    if !transition(conn, id, &[CampaignStatus::Paused], CampaignStatus::Sending)? {
        return Ok(false);
    }
    outbox::release_held(conn, &reference(id))?;
    Ok(true)
}

pub fn cancel(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    if finished(conn, id)? {
        return Ok(false);
    }
    if !transition(
        conn,
        id,
        &[
            CampaignStatus::Draft,
            CampaignStatus::AwaitingApproval,
            CampaignStatus::Sending,
            CampaignStatus::Paused,
        ],
        CampaignStatus::Cancelled,
    )? {
        return Ok(false);
    }
    outbox::cancel_reference(conn, &reference(id))?;
    Ok(true)
}

/// Records that a city wants no more non-essential campaigns; true when new.
pub fn unsubscribe(conn: &mut DbConn, campaign_id: i64, city_id: i64) -> DbResult<bool> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(campaign_unsubscribes::table)
            .values((
                campaign_unsubscribes::city_id.eq(city_id),
                campaign_unsubscribes::campaign_id.eq(campaign_id),
                campaign_unsubscribes::created_at.eq(crate::domain::clock::now()),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(e) => {
            let error = db::DbError::from(e);
            if error.is_unique_violation() {
                Ok(false)
            } else {
                Err(error)
            }
        }
    }
}

pub fn progress(conn: &mut DbConn, id: i64) -> DbResult<outbox::Progress> {
    outbox::progress(conn, &reference(id))
}

/// Sends `version` rendered for a sample recipient to the admin alone. Its unsubscribe
/// link only shows the page the city would see: clicking it in a test must not
/// unsubscribe the sample city.
pub fn test_send(
    conn: &mut DbConn,
    campaign: &Campaign,
    version: &Version,
    sample: &Recipient,
    to: crate::domain::EmailAddress,
    links: &Links<'_>,
) -> Result<(), CampaignError> {
    let mut test = email_with_link(campaign, version, sample, links, true)
        .map_err(|e| CampaignError::Refused(e.message_key()))?;
    test.to = to;
    test.to_name = None;
    // No header a mail client would act on.
    test.list_unsubscribe = None;
    mail::enqueue(
        conn,
        &format!(
            "campaign-{}-test-{}",
            campaign.id,
            crate::domain::random::random_hex(8)
        ),
        &test,
        Some(Reference::new("campaign-test", campaign.id)),
    )?;
    Ok(())
}

/// Campaigns in `status`: the staff dashboard's counts.
pub fn count_in(conn: &mut DbConn, status: CampaignStatus) -> DbResult<i64> {
    Ok(campaigns::table
        .filter(campaigns::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}

/// Campaigns still sending: in `sending` with messages not yet out (a
/// finished one is sent, not sending).
pub fn count_sending(conn: &mut DbConn) -> DbResult<i64> {
    let sending: Vec<Campaign> = campaigns::table
        .filter(campaigns::status.eq(CampaignStatus::Sending.as_str()))
        .select(Campaign::as_select())
        .load(conn)?;
    let mut count = 0;
    for campaign in sending {
        if !is_finished(&campaign, &progress(conn, campaign.id)?) {
            count += 1;
        }
    }
    Ok(count)
}
