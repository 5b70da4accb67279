//! A draft's way out: circulating it to the officers for review, marking it
//! final when the approval rule is met, and sending it to its addressees with
//! the officers in copy. Each step is one transaction; a refused step leaves
//! nothing behind.

use super::drafts::{find, view_of};
use super::error::LetterError;
use super::models::LetterStatus;
use super::render::{self, LetterView};
use super::review::{self, Circulation};
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::today;
use crate::domain::EmailAddress;
use crate::mail::{self, Email, EmailContent, Reference};

/// The outbox reference of a letter's sending (its review emails carry `letter`).
pub const SEND_REFERENCE: &str = "letter-send";

/// Asks the current officers to review the draft's current version, each
/// through a personal link. Refused, asking nobody, while an officer the rule
/// counts cannot be reached: staff add an address or exclude them first.
/// Officers asked already for this version are not asked twice.
pub async fn circulate(
    db: &Db,
    actor: &Actor,
    id: i64,
    secret_key: &[u8],
    base_url: &str,
) -> Result<Circulation, LetterError> {
    let (actor, secret_key, base_url) = (actor.clone(), secret_key.to_vec(), base_url.to_string());
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if letter.status != LetterStatus::Draft {
            return Err(LetterError::NotEditable);
        }
        let seats = review::seats(conn, &letter, today())?;
        let unreachable: Vec<String> = seats
            .iter()
            .filter(|s| s.is_unreachable())
            .map(|s| s.officer.city.name_latin.clone())
            .collect();
        if !unreachable.is_empty() {
            return Err(LetterError::Unreachable(unreachable));
        }
        let done = review::circulate(conn, &letter, &seats, &secret_key, &base_url)?;
        let summary = format!(
            "version {}: {} officers asked now, {} asked before, {} excluded from the review",
            letter.version, done.asked_now, done.asked_before, done.excluded
        );
        audit::record(conn, &actor, Action::LetterCirculate, id, summary)?;
        Ok(done)
    })
    .await
}

/// Marks the draft final, when the officers' answers meet its rule and
/// every signatory has a name.
pub async fn finalise(db: &Db, actor: &Actor, id: i64) -> Result<(), LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if letter.has_nameless_signatory() {
            return Err(LetterError::NamelessSignatory);
        }
        let seats = review::seats(conn, &letter, today())?;
        let standing = review::standing_of(&letter, &seats, today());
        if !standing.rule_met || !store::mark_final(conn, id, letter.version)? {
            return Err(LetterError::RuleNotMet);
        }
        let summary = format!(
            "version {} final under the rule \"{}\": {} of {} officers approved, {} excluded",
            letter.version,
            letter.approval_rule.as_str(),
            standing.approvals,
            standing.officers,
            standing.excluded
        );
        audit::record(conn, &actor, Action::LetterFinal, id, summary)?;
        Ok(())
    })
    .await
}

/// What sending a final letter will do, for the confirmation page.
pub struct SendPlan {
    pub view: LetterView,
    /// The addressees, one email each.
    pub addressees: Vec<EmailAddress>,
    /// The current officers in copy of each.
    pub cc: Vec<EmailAddress>,
}

/// The addressees and copies a final letter would go to now.
pub async fn plan(db: &Db, id: i64) -> Result<SendPlan, LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        if letter.status != LetterStatus::Final {
            return Err(LetterError::NotFinal);
        }
        let cc = officers_in_copy(conn)?;
        let addressees = addresses_of(&letter);
        Ok(SendPlan {
            view: view_of(conn, letter)?,
            addressees,
            cc,
        })
    })
    .await
}

fn officers_in_copy(conn: &mut crate::db::DbConn) -> crate::db::DbResult<Vec<EmailAddress>> {
    Ok(review::current_officers(conn, today())?
        .into_iter()
        .filter_map(|o| o.email().cloned())
        .collect())
}

fn addresses_of(letter: &super::models::Letter) -> Vec<EmailAddress> {
    letter
        .addressee_list()
        .into_iter()
        .filter_map(|address| EmailAddress::parse(address).ok())
        .collect()
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
        if letter.has_nameless_signatory() {
            return Err(LetterError::NamelessSignatory);
        }
        // The number is taken under a lock on the state's numbering that the
        // commit releases (see `store::mark_sent`).
        let Some(count) = store::mark_sent(conn, &letter, today())? else {
            return Err(LetterError::NotFinal);
        };
        let sent = find(conn, id)?;
        let view = view_of(conn, sent)?;
        let cc = officers_in_copy(conn)?;
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
    Ok(addresses_of(&view.letter)
        .into_iter()
        .map(|to| {
            Email::new(to, Some(&view.letter.addressee_name), view.lang, &content)
                .with_cc(cc.to_vec())
                .with_bodies(text.clone(), html.clone())
        })
        .collect())
}
