//! What admins do with the outbox: look through it, send a message again, or
//! stop one that has not gone out; each change audited in its transaction.

use super::error::MailError;
use super::outbox::{self, Filter, OutboxMessage, Status};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};

/// One page of the messages that match the filter, their number, and the
/// count of every message by status.
pub struct OutboxView {
    pub messages: Vec<OutboxMessage>,
    pub total: i64,
    pub counts: Vec<(Status, i64)>,
}

pub async fn search(db: &Db, filter: &Filter) -> Result<OutboxView, MailError> {
    let filter = filter.clone();
    db.read(move |conn| {
        let (messages, total) = outbox::search(conn, &filter)?;
        Ok(OutboxView {
            messages,
            total,
            counts: outbox::counts(conn)?,
        })
    })
    .await
}

/// Queues a failed or cancelled message again, with a fresh set of attempts.
pub async fn retry(db: &Db, actor: &Actor, id: i64) -> Result<(), MailError> {
    change(db, actor, id, Action::OutboxRetry, outbox::requeue).await
}

/// Stops a message that has not gone out.
pub async fn cancel(db: &Db, actor: &Actor, id: i64) -> Result<(), MailError> {
    change(db, actor, id, Action::OutboxCancel, outbox::cancel).await
}

/// Applies `apply`, refused when the message's status no longer allows it
/// (someone, or a worker, acted first).
async fn change(
    db: &Db,
    actor: &Actor,
    id: i64,
    action: Action,
    apply: fn(&mut DbConn, i64) -> DbResult<bool>,
) -> Result<(), MailError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = outbox::find(conn, id)?.ok_or(MailError::NotFound)?;
        if action == Action::OutboxRetry && !before.can_retry() {
            return Err(MailError::Refused("outbox-not-changed"));
        }
        if !apply(conn, id)? {
            return Err(MailError::Refused("outbox-not-changed"));
        }
        let summary = format!(
            "to {}: \"{}\" (status was {})",
            before.recipient_email,
            before.subject,
            before.status.as_str()
        );
        audit::record(conn, &actor, action, id, summary)?;
        Ok(())
    })
    .await
}
