//! Signing without an account: a submission (one email address, its signers)
//! waits until the address's owner confirms it through the emailed link; only
//! confirmed signatures count. Links carry an HMAC of the submission's id, so
//! nothing secret is stored and a link cannot be forged; the confirming and
//! withdrawing themselves happen only by POST, because mail scanners open links.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::canonical::signing_key;
use super::models::{Petition, Submission, SubmissionStatus};
use super::versions;
use crate::db::{DbConn, DbError, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::domain::{CountryCode, EmailAddress, PlainLine};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent};
use crate::schema::{petition_blocked_domains, petition_signatures, petition_submissions};

/// A collector may sign for this many people besides themselves.
pub const MAX_EXTRA_SIGNERS: usize = 9;
/// A second attempt resends the link at most this often.
const RESEND_AFTER_MINUTES: i64 = 10;

/// One person signing.
#[derive(Debug, Clone)]
pub struct Signer {
    pub name: PlainLine,
    pub country_code: CountryCode,
    pub city: Option<PlainLine>,
}

/// A signing form, parsed.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub email: EmailAddress,
    pub submitter: Signer,
    pub others: Vec<Signer>,
    pub keep_informed: bool,
    pub language: Lang,
    pub ip: Option<String>,
}

/// What became of a submission attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// New: a verification email is on its way.
    Created { submission_id: i64 },
    /// The address has signed already (and confirmed).
    AlreadySigned,
    /// Waiting for confirmation; the link was sent again (or recently enough).
    StillPending {
        resent: bool,
        sent_at: NaiveDateTime,
    },
    /// The address's domain is on the blocklist.
    Blocked,
}

/// The footer of every email to a signer, who acted as a person, not for a city.
pub const SIGNER_FOOTER: &str = "mail-footer-note-signer";

/// An emailed link to `path` that opens its page in `lang`, the language the
/// person signed in (the page reads it from `?lang=`).
pub fn link_in(base_url: &str, path: &str, lang: Lang) -> String {
    format!("{base_url}{path}?lang={}", lang.code())
}

/// The link that confirms a submission, signed for it alone.
pub fn verify_path(secret_key: &[u8], submission_id: i64) -> String {
    format!(
        "/sign/verify/{submission_id}/{}",
        signed_link::token(secret_key, Purpose::PetitionVerify, &[submission_id])
    )
}

/// The link that withdraws a submission, signed for it alone.
pub fn withdraw_path(secret_key: &[u8], submission_id: i64) -> String {
    format!(
        "/sign/withdraw/{submission_id}/{}",
        signed_link::token(secret_key, Purpose::PetitionWithdraw, &[submission_id])
    )
}

pub fn domain_is_blocked(conn: &mut DbConn, domain: &str) -> DbResult<bool> {
    let count: i64 = petition_blocked_domains::table
        .filter(petition_blocked_domains::domain.eq(domain.to_lowercase()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

fn live_submission(conn: &mut DbConn, petition_id: i64, key: &str) -> DbResult<Option<Submission>> {
    Ok(petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::email_key.eq(key))
        .filter(petition_submissions::status.eq_any([
            SubmissionStatus::Pending.as_str(),
            SubmissionStatus::Verified.as_str(),
        ]))
        .select(Submission::as_select())
        .first(conn)
        .optional()?)
}

/// Everything a submission needs besides its form: the petition, where links
/// point, and how long they last.
pub struct SigningContext<'a> {
    pub petition: &'a Petition,
    /// The petition's title in the signer's language, for the email (read
    /// before the write, which runs in the group commit's one writer).
    pub title: &'a str,
    pub secret_key: &'a [u8],
    pub base_url: &'a str,
    pub verification_days: i64,
}

/// Records a submission and queues its verification email, in one short write
/// transaction; a second attempt with the same address sends no flood of emails.
pub fn submit(
    conn: &mut DbConn,
    new: &NewSubmission,
    context: &SigningContext<'_>,
) -> DbResult<Outcome> {
    let now = crate::domain::clock::now();
    if domain_is_blocked(conn, new.email.domain())? {
        return Ok(Outcome::Blocked);
    }
    expire_if_stale(conn, context.petition.id, &new.email)?;
    let key = signing_key(&new.email);
    if let Some(existing) = live_submission(conn, context.petition.id, &key)? {
        return repeat_attempt(conn, existing, context, now);
    }
    match insert_submission(conn, new, &key, context, now)? {
        Some(submission_id) => Ok(Outcome::Created { submission_id }),
        // The same address submitted twice at once: the other one won.
        None => match live_submission(conn, context.petition.id, &key)? {
            Some(existing) => repeat_attempt(conn, existing, context, now),
            // Taken and let go again in between: as the database said, a duplicate.
            None => Err(DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                Box::new(String::from("petition submission")),
            ))),
        },
    }
}

/// Writes a new submission, its signers and its verification email; `None`
/// when the address has a live submission already (another request won a
/// race): a duplicate inserts nothing, with no error and no savepoint, and the
/// caller's transaction goes on.
fn insert_submission(
    conn: &mut DbConn,
    new: &NewSubmission,
    key: &str,
    context: &SigningContext<'_>,
    now: NaiveDateTime,
) -> DbResult<Option<i64>> {
    let values = (
        petition_submissions::petition_id.eq(context.petition.id),
        petition_submissions::email.eq(new.email.as_str()),
        petition_submissions::email_key.eq(key),
        petition_submissions::email_domain.eq(new.email.domain().to_lowercase()),
        petition_submissions::language.eq(new.language.code()),
        petition_submissions::keep_informed.eq(new.keep_informed),
        petition_submissions::status.eq(SubmissionStatus::Pending.as_str()),
        petition_submissions::ip.eq(&new.ip),
        petition_submissions::expires_at.eq(now + Duration::days(context.verification_days)),
        petition_submissions::last_sent_at.eq(now),
        petition_submissions::created_at.eq(now),
    );
    let inserted: Option<i64> =
        crate::on_backend!(conn, |c| diesel::insert_into(petition_submissions::table)
            .values(values)
            .on_conflict_do_nothing()
            .returning(petition_submissions::id)
            .get_result(c)
            .optional())?;
    let Some(submission_id) = inserted else {
        return Ok(None);
    };
    let signers: Vec<_> = std::iter::once((&new.submitter, true))
        .chain(new.others.iter().map(|s| (s, false)))
        .map(|(signer, is_submitter)| {
            (
                petition_signatures::submission_id.eq(submission_id),
                petition_signatures::petition_id.eq(context.petition.id),
                petition_signatures::name.eq(signer.name.as_str().to_string()),
                petition_signatures::country_code.eq(signer.country_code.as_str()),
                petition_signatures::city.eq(signer.city.as_ref().map(|c| c.as_str().to_string())),
                petition_signatures::is_submitter.eq(is_submitter),
                petition_signatures::created_at.eq(now),
            )
        })
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(petition_signatures::table)
        .values(&signers)
        .execute(c))?;
    let email = verification_email(new, context, submission_id, context.title);
    mail::enqueue(
        conn,
        &format!("petition-submission-{submission_id}-verify"),
        &email,
        Some(mail::Reference::new("petition_submission", submission_id)),
    )?;
    Ok(Some(submission_id))
}

/// A second attempt: a confirmed address is told so; a pending one gets its link
/// again, at most every ten minutes.
fn repeat_attempt(
    conn: &mut DbConn,
    existing: Submission,
    context: &SigningContext<'_>,
    now: NaiveDateTime,
) -> DbResult<Outcome> {
    let recently = now - existing.last_sent_at < Duration::minutes(RESEND_AFTER_MINUTES);
    match existing.status {
        // The page says what it says to everyone; the address's owner learns
        // by email that they had signed (at most every ten minutes).
        SubmissionStatus::Verified if recently => Ok(Outcome::AlreadySigned),
        SubmissionStatus::Verified => {
            diesel::update(petition_submissions::table.find(existing.id))
                .set(petition_submissions::last_sent_at.eq(now))
                .execute(conn)?;
            let email = already_signed_email(conn, &existing, context)?;
            let key = format!(
                "petition-submission-{}-already-{}",
                existing.id,
                now.and_utc().timestamp()
            );
            mail::enqueue(
                conn,
                &key,
                &email,
                Some(mail::Reference::new("petition_submission", existing.id)),
            )?;
            Ok(Outcome::AlreadySigned)
        }
        _ if recently => Ok(Outcome::StillPending {
            resent: false,
            sent_at: existing.last_sent_at,
        }),
        _ => {
            diesel::update(petition_submissions::table.find(existing.id))
                .set(petition_submissions::last_sent_at.eq(now))
                .execute(conn)?;
            let email = resent_verification_email(conn, &existing, context)?;
            let key = format!(
                "petition-submission-{}-verify-{}",
                existing.id,
                now.and_utc().timestamp()
            );
            mail::enqueue(
                conn,
                &key,
                &email,
                Some(mail::Reference::new("petition_submission", existing.id)),
            )?;
            Ok(Outcome::StillPending {
                resent: true,
                sent_at: now,
            })
        }
    }
}

/// Marks a pending submission expired so that the address can sign afresh.
pub fn expire_if_stale(conn: &mut DbConn, petition_id: i64, email: &EmailAddress) -> DbResult<()> {
    let now = crate::domain::clock::now();
    diesel::update(
        petition_submissions::table
            .filter(petition_submissions::petition_id.eq(petition_id))
            .filter(petition_submissions::email_key.eq(signing_key(email)))
            .filter(petition_submissions::status.eq(SubmissionStatus::Pending.as_str()))
            .filter(petition_submissions::expires_at.le(now)),
    )
    .set((
        petition_submissions::status.eq(SubmissionStatus::Expired.as_str()),
        petition_submissions::closed_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

fn verification_content(lang: &Lang, title: &str, signers: usize, link: String) -> EmailContent {
    let mut paragraphs = vec![lang.t_with("mail-sign-verify-body", &[("title", title.into())])];
    if signers > 1 {
        paragraphs.push(lang.t_with(
            "mail-sign-verify-collector",
            &[(
                "count",
                FluentArg::Count(i64::try_from(signers).unwrap_or(0)),
            )],
        ));
    }
    paragraphs.push(lang.t("mail-sign-verify-ignore"));
    EmailContent {
        subject: lang.t_with("mail-sign-verify-subject", &[("title", title.into())]),
        greeting: lang.t("mail-sign-greeting"),
        paragraphs,
        action: Some((lang.t("mail-sign-verify-action"), link)),
        after: vec![],
    }
}

fn verification_email(
    new: &NewSubmission,
    context: &SigningContext<'_>,
    submission_id: i64,
    title: &str,
) -> Email {
    let link = link_in(
        context.base_url,
        &verify_path(context.secret_key, submission_id),
        new.language,
    );
    let content = verification_content(&new.language, title, 1 + new.others.len(), link);
    Email::new_with_footer(
        new.email.clone(),
        Some(new.submitter.name.as_str()),
        new.language,
        &content,
        SIGNER_FOOTER,
    )
}

fn resent_verification_email(
    conn: &mut DbConn,
    submission: &Submission,
    context: &SigningContext<'_>,
) -> DbResult<Email> {
    let signers: i64 = petition_signatures::table
        .filter(petition_signatures::submission_id.eq(submission.id))
        .count()
        .get_result(conn)?;
    let lang = submission.lang();
    let title = versions::version_in(conn, context.petition, lang)?.title;
    let link = link_in(
        context.base_url,
        &verify_path(context.secret_key, submission.id),
        lang,
    );
    let content = verification_content(&lang, &title, usize::try_from(signers).unwrap_or(1), link);
    let to = EmailAddress::parse(submission.email.as_deref().unwrap_or_default())
        .map_err(|_| DbError::Query(diesel::result::Error::NotFound))?;
    Ok(Email::new_with_footer(
        to,
        None,
        lang,
        &content,
        SIGNER_FOOTER,
    ))
}

/// Tells an address that signed and confirmed already that someone signed
/// with it again, with the link to withdraw.
fn already_signed_email(
    conn: &mut DbConn,
    submission: &Submission,
    context: &SigningContext<'_>,
) -> DbResult<Email> {
    let lang = submission.lang();
    let title = versions::version_in(conn, context.petition, lang)?.title;
    let content = EmailContent {
        subject: lang.t_with(
            "mail-sign-already-subject",
            &[("title", title.clone().into())],
        ),
        greeting: lang.t("mail-sign-greeting"),
        paragraphs: vec![
            lang.t_with("mail-sign-already-body", &[("title", title.into())]),
            lang.t("mail-sign-thanks-withdraw"),
        ],
        action: Some((
            lang.t("mail-sign-withdraw-action"),
            link_in(
                context.base_url,
                &withdraw_path(context.secret_key, submission.id),
                lang,
            ),
        )),
        after: vec![],
    };
    let to = EmailAddress::parse(submission.email.as_deref().unwrap_or_default())
        .map_err(|_| DbError::Query(diesel::result::Error::NotFound))?;
    Ok(Email::new_with_footer(
        to,
        None,
        lang,
        &content,
        SIGNER_FOOTER,
    ))
}

pub fn find_submission(conn: &mut DbConn, id: i64) -> DbResult<Option<Submission>> {
    Ok(petition_submissions::table
        .find(id)
        .select(Submission::as_select())
        .first(conn)
        .optional()?)
}

/// Signer names of a submission, for the confirmation page.
pub fn signer_names(conn: &mut DbConn, submission_id: i64) -> DbResult<Vec<String>> {
    Ok(petition_signatures::table
        .filter(petition_signatures::submission_id.eq(submission_id))
        .order((
            petition_signatures::is_submitter.desc(),
            petition_signatures::id.asc(),
        ))
        .select(petition_signatures::name)
        .load::<Option<String>>(conn)?
        .into_iter()
        .flatten()
        .collect())
}

/// Confirms a pending, unexpired submission and queues the thank-you email with
/// its withdrawal link. False when there was nothing to confirm.
pub fn verify(
    conn: &mut DbConn,
    submission_id: i64,
    petition: &Petition,
    secret_key: &[u8],
    base_url: &str,
) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let updated = diesel::update(
        petition_submissions::table
            .find(submission_id)
            .filter(petition_submissions::status.eq(SubmissionStatus::Pending.as_str()))
            .filter(petition_submissions::expires_at.gt(now)),
    )
    .set((
        petition_submissions::status.eq(SubmissionStatus::Verified.as_str()),
        petition_submissions::verified_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Ok(false);
    }
    let Some(submission) = find_submission(conn, submission_id)? else {
        return Ok(false);
    };
    if let Some(to) = submission
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
    {
        let lang = submission.lang();
        let title = versions::version_in(conn, petition, lang)?.title;
        let content = EmailContent {
            subject: lang.t_with(
                "mail-sign-thanks-subject",
                &[("title", title.clone().into())],
            ),
            greeting: lang.t("mail-sign-greeting"),
            paragraphs: vec![
                lang.t_with("mail-sign-thanks-body", &[("title", title.into())]),
                lang.t("mail-sign-thanks-withdraw"),
            ],
            action: Some((
                lang.t("mail-sign-withdraw-action"),
                link_in(base_url, &withdraw_path(secret_key, submission_id), lang),
            )),
            after: vec![],
        };
        let email = Email::new_with_footer(to, None, lang, &content, SIGNER_FOOTER);
        mail::enqueue(
            conn,
            &format!("petition-submission-{submission_id}-thanks"),
            &email,
            Some(mail::Reference::new("petition_submission", submission_id)),
        )?;
    }
    Ok(true)
}

/// Withdraws a submission (confirmed or not); it no longer counts.
pub fn withdraw(conn: &mut DbConn, submission_id: i64) -> DbResult<bool> {
    Ok(
        diesel::update(petition_submissions::table.find(submission_id).filter(
            petition_submissions::status.eq_any([
                SubmissionStatus::Pending.as_str(),
                SubmissionStatus::Verified.as_str(),
            ]),
        ))
        .set((
            petition_submissions::status.eq(SubmissionStatus::Withdrawn.as_str()),
            petition_submissions::closed_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?
            == 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_text_signed_before() {
        let key = b"0123456789abcdef0123456789abcdef";
        let earlier = crate::domain::signed_link::token_of_text(key, "petition-verify:7");
        assert_eq!(verify_path(key, 7), format!("/sign/verify/7/{earlier}"));
        assert!(!withdraw_path(key, 7).ends_with(&earlier));
    }
}
