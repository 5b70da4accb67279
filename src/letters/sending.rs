//! A draft's way out: circulating it to the officers for review, marking it
//! final when the approval rule is met, and sending it to its addressees with
//! the officers in copy. Each step is one transaction; a refused step leaves
//! nothing behind.

use super::drafts::{find, view_of};
use super::error::LetterError;
use super::models::{LetterStatus, Review};
use super::render::{self, LetterView};
use super::review;
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::today;
use crate::domain::EmailAddress;
use crate::mail::{self, Email, EmailContent, Reference};

/// The outbox reference of a letter's sending (its review emails carry `letter`).
pub const SEND_REFERENCE: &str = "letter-send";

/// Asks the current officers to review the draft's current version, each
/// through a personal link; returns how many were asked now (officers asked
/// already for this version are not asked twice).
pub async fn circulate(
    db: &Db,
    actor: &Actor,
    id: i64,
    secret_key: &[u8],
    base_url: &str,
) -> Result<usize, LetterError> {
    let (actor, secret_key, base_url) = (actor.clone(), secret_key.to_vec(), base_url.to_string());
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if letter.status != LetterStatus::Draft {
            return Err(LetterError::NotEditable);
        }
        let (officers, _) = review::current_officers(conn, today())?;
        let asked = review::circulate(conn, &letter, &officers, &secret_key, &base_url)?;
        let summary = format!(
            "version {} sent to {asked} officers for review",
            letter.version
        );
        audit::record(conn, &actor, Action::LetterCirculate, id, summary)?;
        Ok(asked)
    })
    .await
}

/// Marks the draft final, when the officers' answers meet its rule.
pub async fn finalise(db: &Db, actor: &Actor, id: i64) -> Result<(), LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        let reviews: Vec<Review> = review::of_version(conn, id, letter.version)?
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        let standing = review::standing(
            letter.approval_rule,
            letter.review_deadline,
            &reviews,
            today(),
        );
        if !standing.rule_met || !store::mark_final(conn, id, letter.version)? {
            return Err(LetterError::RuleNotMet);
        }
        let summary = format!(
            "version {} final: {} of {} officers approved",
            letter.version, standing.approvals, standing.asked
        );
        audit::record(conn, &actor, Action::LetterFinal, id, summary)?;
        Ok(())
    })
    .await
}

/// Sends a final letter: it takes its number in the running count of its
/// addressee state, and one email per addressee goes to the outbox with the
/// current officers in copy. Returns how many addressees it goes to.
pub async fn send(db: &Db, actor: &Actor, id: i64) -> Result<usize, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if letter.status != LetterStatus::Final {
            return Err(LetterError::NotFinal);
        }
        // The number is taken under a lock on the state's numbering that the
        // commit releases (see `store::mark_sent`).
        let Some(count) = store::mark_sent(conn, &letter, today())? else {
            return Err(LetterError::NotFinal);
        };
        let sent = find(conn, id)?;
        let view = view_of(conn, sent)?;
        let (officers, _) = review::current_officers(conn, today())?;
        let cc: Vec<EmailAddress> = officers.into_iter().map(|o| o.email).collect();
        let emails = sending_emails(&view, &cc)?;
        for email in &emails {
            mail::enqueue(
                conn,
                &format!("letter-{id}-send-{}", email.to.as_str()),
                email,
                Some(Reference::new(SEND_REFERENCE, id)),
            )?;
        }
        let summary = format!(
            "sent to {} addressees with {} officers in copy (no. {count})",
            emails.len(),
            cc.len()
        );
        audit::record(conn, &actor, Action::LetterSend, id, summary)?;
        Ok(emails.len())
    })
    .await
}

/// One message per addressee, the current officers in copy.
fn sending_emails(view: &LetterView, cc: &[EmailAddress]) -> Result<Vec<Email>, askama::Error> {
    let (text, html) = render::mail_bodies(view)?;
    let content = EmailContent {
        subject: view.letter.subject.clone(),
        greeting: String::new(),
        paragraphs: Vec::new(),
        action: None,
        after: Vec::new(),
    };
    Ok(view
        .letter
        .addressee_list()
        .into_iter()
        .filter_map(|address| EmailAddress::parse(address).ok())
        .map(|to| {
            Email::new(to, Some(&view.letter.addressee_name), view.lang, &content)
                .with_cc(cc.to_vec())
                .with_bodies(text.clone(), html.clone())
        })
        .collect())
}
