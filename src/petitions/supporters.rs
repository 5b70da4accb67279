//! Writing to a petition's supporters: the confirmed signers who ticked "keep
//! me informed". Staff write an update in one or more languages, or announce a
//! milestone; each supporter gets one message through the outbox, in their
//! language where the update has a version (else the petition's original
//! language, else the first version written), with a one-click unsubscribe
//! (RFC 8058: the link in the message and the List-Unsubscribe headers, see
//! `mail::unsubscribe`). Sending and unsubscribing are audited.

use std::sync::Arc;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::error::PetitionError;
use super::models::{Petition, SubmissionStatus, Version};
use super::signing::link_in;
use super::{store, versions};
use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::domain::{EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent, Reference};
use crate::schema::{petition_milestones, petition_submissions, petition_updates};
use crate::web::form::FormErrors;

/// The footer of an update: why the supporter gets it.
const SUPPORTER_FOOTER: &str = "mail-footer-note-supporter";

/// An update's subject and text in one language.
#[derive(Debug, Clone)]
pub struct UpdateVersion {
    pub lang: Lang,
    pub subject: String,
    pub body: String,
}

/// An update as staff wrote it: at least one version, one per language.
#[derive(Debug, Clone)]
pub struct NewUpdate {
    versions: Vec<UpdateVersion>,
}

impl NewUpdate {
    /// Parses the update form: `subject:<language>` and `body:<language>` for
    /// every installed language; a language left empty has no version, and
    /// one with a subject but no text (or the reverse) is an error.
    pub fn parse(fields: &[(String, String)]) -> Result<NewUpdate, FormErrors> {
        let get = |name: String| {
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, v)| v.trim())
        };
        let mut errors = FormErrors::default();
        let mut versions = Vec::new();
        for lang in Lang::all() {
            let subject = get(format!("subject:{}", lang.code()));
            let body = get(format!("body:{}", lang.code()));
            if subject.is_empty() && body.is_empty() {
                continue;
            }
            match (
                PlainLine::parse(subject, 200),
                MultiLine::parse(body, 20_000),
            ) {
                (Ok(subject), Ok(body)) => versions.push(UpdateVersion {
                    lang: *lang,
                    subject: subject.into_string(),
                    body: body.as_str().to_string(),
                }),
                _ => errors.add("versions", FieldError("supporter-update-incomplete")),
            }
        }
        if versions.is_empty() && errors.is_empty() {
            errors.add("versions", FieldError("supporter-update-empty"));
        }
        if errors.is_empty() {
            Ok(NewUpdate { versions })
        } else {
            Err(errors)
        }
    }

    /// The version for a supporter who signed in `lang`.
    fn for_reader(&self, lang: Lang, original: Lang) -> &UpdateVersion {
        self.versions
            .iter()
            .find(|v| v.lang == lang)
            .or_else(|| self.versions.iter().find(|v| v.lang == original))
            .unwrap_or(&self.versions[0])
    }
}

/// A supporter: a confirmed submission that asked to be kept informed.
struct Supporter {
    submission_id: i64,
    email: EmailAddress,
    lang: Lang,
}

fn supporters(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<Supporter>> {
    let rows: Vec<(i64, Option<String>, String)> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::status.eq(SubmissionStatus::Verified.as_str()))
        .filter(petition_submissions::keep_informed.eq(true))
        .order(petition_submissions::id.asc())
        .select((
            petition_submissions::id,
            petition_submissions::email,
            petition_submissions::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(submission_id, email, language)| {
            Some(Supporter {
                submission_id,
                // Anonymised petitions keep no address: nobody to write to.
                email: EmailAddress::parse(email.as_deref()?).ok()?,
                lang: Lang::parse(&language).unwrap_or_default(),
            })
        })
        .collect())
}

/// How many supporters a petition has (for the staff page).
pub fn count(conn: &mut DbConn, petition_id: i64) -> DbResult<i64> {
    Ok(supporters(conn, petition_id)?.len() as i64)
}

/// The link that takes one supporter off one petition's updates.
pub fn unsubscribe_path(secret_key: &[u8], petition_id: i64, submission_id: i64) -> String {
    let ids = [petition_id, submission_id];
    format!(
        "{}petition/{petition_id}/{submission_id}/{}",
        mail::unsubscribe::PATH_PREFIX,
        signed_link::token(secret_key, Purpose::PetitionUnsubscribe, &ids)
    )
}

/// One supporter's message: the update's version for them, the petition's
/// page in that language, and the way out.
fn message(
    config: &Config,
    petition: &Petition,
    petition_versions: &[Version],
    update: &NewUpdate,
    supporter: &Supporter,
) -> Email {
    let chosen = update.for_reader(supporter.lang, petition.original_lang());
    let lang = chosen.lang;
    let title = versions::pick(petition_versions, lang).title;
    let unsubscribe = link_in(
        &config.base_url,
        &unsubscribe_path(&config.secret_key, petition.id, supporter.submission_id),
        lang,
    );
    let content = EmailContent {
        subject: chosen.subject.clone(),
        greeting: lang.t("mail-sign-greeting"),
        paragraphs: chosen
            .body
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        action: Some((
            lang.t("mail-supporter-open-petition"),
            link_in(
                &config.base_url,
                &format!("/petitions/{}", petition.slug),
                lang,
            ),
        )),
        after: vec![
            lang.t_with("mail-supporter-why", &[("title", FluentArg::Str(title))]),
            lang.t_with(
                "mail-supporter-unsubscribe",
                &[("link", FluentArg::Raw(unsubscribe.clone()))],
            ),
        ],
    };
    Email::new_with_footer(
        supporter.email.clone(),
        None,
        lang,
        &content,
        SUPPORTER_FOOTER,
    )
    .with_list_unsubscribe(unsubscribe)
}

/// Queues `update` to every supporter of a petition, records it (for a
/// milestone's announcement, `milestone_id`) and audits it; returns how many
/// supporters it goes to. None yet is a refusal.
fn send(
    conn: &mut DbConn,
    config: &Config,
    actor: &Actor,
    petition: &Petition,
    update: &NewUpdate,
    milestone_id: Option<i64>,
) -> Result<usize, PetitionError> {
    let readers = supporters(conn, petition.id)?;
    if readers.is_empty() {
        return Err(PetitionError::Refused("supporter-update-nobody"));
    }
    let petition_versions = versions::versions(conn, petition)?;
    let subject = update
        .for_reader(petition.original_lang(), petition.original_lang())
        .subject
        .clone();
    let update_id: i64 = diesel::insert_into(petition_updates::table)
        .values((
            petition_updates::petition_id.eq(petition.id),
            petition_updates::milestone_id.eq(milestone_id),
            petition_updates::subject.eq(&subject),
            petition_updates::recipients.eq(readers.len() as i64),
            petition_updates::sent_by.eq(actor.user_id),
            petition_updates::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(petition_updates::id)
        .get_result(conn)?;
    let messages: Vec<(String, Email)> = readers
        .iter()
        .map(|supporter| {
            (
                format!("petition-update-{update_id}-{}", supporter.submission_id),
                message(config, petition, &petition_versions, update, supporter),
            )
        })
        .collect();
    mail::outbox::enqueue_bulk(
        conn,
        &messages,
        &Reference::new("petition_update", update_id),
    )?;
    let languages: Vec<String> = update.versions.iter().map(|v| v.lang.code()).collect();
    let summary = format!(
        "{subject}: {} supporters of {} ({})",
        readers.len(),
        petition.title,
        languages.join(", ")
    );
    audit::record(
        conn,
        actor,
        Action::PetitionSupporterUpdate,
        petition.id,
        summary,
    )?;
    Ok(readers.len())
}

/// Sends an update staff wrote to the petition's supporters.
pub async fn send_update(
    db: &Db,
    config: &Arc<Config>,
    actor: &Actor,
    petition_id: i64,
    update: NewUpdate,
) -> Result<usize, PetitionError> {
    let (config, actor) = (config.clone(), actor.clone());
    db.transaction(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        send(conn, &config, &actor, &petition, &update, None)
    })
    .await
}

/// Announces a milestone to the petition's supporters, each in their language
/// (every installed language has the announcement's text), once.
pub async fn announce_milestone(
    db: &Db,
    config: &Arc<Config>,
    actor: &Actor,
    petition_id: i64,
    milestone_id: i64,
) -> Result<usize, PetitionError> {
    let (config, actor) = (config.clone(), actor.clone());
    db.transaction(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let (signatures, announced_at): (i64, Option<NaiveDateTime>) = petition_milestones::table
            .find(milestone_id)
            .filter(petition_milestones::petition_id.eq(petition_id))
            .select((
                petition_milestones::signatures,
                petition_milestones::announced_at,
            ))
            .first(conn)
            .optional()?
            .ok_or(PetitionError::NotFound)?;
        if announced_at.is_some() {
            return Err(PetitionError::Refused("milestone-already-announced"));
        }
        let petition_versions = versions::versions(conn, &petition)?;
        let update = NewUpdate {
            versions: Lang::all()
                .iter()
                .map(|lang| announcement(*lang, &petition_versions, &petition, signatures))
                .collect(),
        };
        let sent = send(
            conn,
            &config,
            &actor,
            &petition,
            &update,
            Some(milestone_id),
        )?;
        diesel::update(petition_milestones::table.find(milestone_id))
            .set(petition_milestones::announced_at.eq(crate::domain::clock::now()))
            .execute(conn)?;
        Ok(sent)
    })
    .await
}

/// A milestone's announcement in `lang`.
fn announcement(
    lang: Lang,
    petition_versions: &[Version],
    petition: &Petition,
    signatures: i64,
) -> UpdateVersion {
    let title = versions::pick(petition_versions, lang).title;
    let args = [
        ("title", FluentArg::Str(title)),
        ("count", FluentArg::Raw(lang.number(signatures))),
        ("goal", FluentArg::Raw(lang.number(petition.goal))),
    ];
    UpdateVersion {
        lang,
        subject: lang.t_with("mail-milestone-subject", &args),
        body: lang.t_with("mail-milestone-body", &args),
    }
}

// ------------------------------------------------------------ unsubscribing

/// What an unsubscribe link names: a petition, a submission, the token signed for both.
pub struct Link {
    pub petition_id: i64,
    pub submission_id: i64,
    pub token: String,
}

/// The petition (in `lang`) of an unsubscribe link whose token is right, and
/// whether its supporter still receives the updates.
pub async fn linked(
    db: &Db,
    secret_key: &[u8],
    link: &Link,
    lang: Lang,
) -> Result<(Version, bool), PetitionError> {
    let ids = [link.petition_id, link.submission_id];
    if !signed_link::is_valid(secret_key, Purpose::PetitionUnsubscribe, &ids, &link.token) {
        return Err(PetitionError::NotFound);
    }
    let (petition_id, submission_id) = (link.petition_id, link.submission_id);
    db.read(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let informed: bool = petition_submissions::table
            .find(submission_id)
            .filter(petition_submissions::petition_id.eq(petition_id))
            .select(petition_submissions::keep_informed)
            .first(conn)
            .optional()?
            .ok_or(PetitionError::NotFound)?;
        Ok((versions::version_in(conn, &petition, lang)?, informed))
    })
    .await
}

/// Takes the link's supporter off the petition's updates (audited the first
/// time), after the limit per address; returns the petition in `lang`.
/// Works without a session: the signed link is the authority.
pub async fn unsubscribe(
    db: &Db,
    secret_key: &[u8],
    visitor: &Actor,
    link: &Link,
    lang: Lang,
) -> Result<Version, PetitionError> {
    let ip = visitor.ip.clone();
    // Counted on its own: a refused token must still count against the address.
    let allowed = db
        .read(move |conn| {
            Ok::<_, PetitionError>(mail::unsubscribe::allow_request(conn, ip.as_deref())?)
        })
        .await?;
    if !allowed {
        return Err(PetitionError::TooManyRequests);
    }
    let (version, _) = linked(db, secret_key, link, lang).await?;
    let (petition_id, submission_id) = (link.petition_id, link.submission_id);
    let visitor = visitor.clone();
    db.transaction(move |conn| {
        let changed = diesel::update(
            petition_submissions::table
                .find(submission_id)
                .filter(petition_submissions::petition_id.eq(petition_id))
                .filter(petition_submissions::keep_informed.eq(true)),
        )
        .set(petition_submissions::keep_informed.eq(false))
        .execute(conn)?;
        if changed == 1 {
            let summary = format!("a supporter left the updates of petition {petition_id}");
            audit::record(
                conn,
                &visitor,
                Action::PetitionSupporterUnsubscribe,
                submission_id,
                summary,
            )?;
        }
        Ok::<_, PetitionError>(())
    })
    .await?;
    Ok(version)
}

// ------------------------------------------------------------ the staff page

/// An update as the staff page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct SentUpdate {
    pub subject: String,
    pub recipients: i64,
    pub created_at: NaiveDateTime,
}

/// The updates sent for a petition, newest first.
pub fn sent(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<SentUpdate>> {
    Ok(petition_updates::table
        .filter(petition_updates::petition_id.eq(petition_id))
        .order(petition_updates::id.desc())
        .select((
            petition_updates::subject,
            petition_updates::recipients,
            petition_updates::created_at,
        ))
        .load(conn)?)
}
