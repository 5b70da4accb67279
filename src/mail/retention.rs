//! How long the outbox keeps what it holds about people.
//!
//! A sent message's bodies (which carry names and live links) are cleared
//! `MAIL_RETENTION_DAYS` after it went out; the row, its status, its subject and
//! its Message-ID stay, so the admin page and a bounce can still be traced. The
//! messages of people whose data an area erases (the signers of an anonymised
//! petition) lose their address, name and bodies at once, in the area's own
//! transaction.
//!
//! Both steps are conditional UPDATEs that set fixed values: running them twice,
//! or on several instances at once, changes nothing more.

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::outbox::Status;
use crate::db::{Db, DbConn, DbResult};
use crate::schema::outbox;

/// Rows per UPDATE: each batch is a short transaction, so a first run over a
/// year of messages never holds SQLite's write lock for long.
const BATCH: i64 = 500;
/// The pause between two batches.
const PAUSE: StdDuration = StdDuration::from_millis(20);
/// How often the clearing runs in each instance.
pub const EVERY: StdDuration = StdDuration::from_secs(3600);

/// The rows whose bodies are still there: the exact condition of the partial
/// index `outbox_sent_with_body` (status, sent_at), so both databases use it and
/// rows cleared already are never read again.
fn sent_with_body() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>("text_body <> ''")
}

/// Clears the bodies (and the one-click unsubscribe link) of at most one batch
/// of messages sent before `cutoff`, in one short write transaction; returns
/// how many it cleared.
pub fn clear_batch(conn: &mut DbConn, cutoff: NaiveDateTime) -> DbResult<usize> {
    crate::db::write_transaction(conn, |conn| -> DbResult<usize> {
        let ids: Vec<i64> = outbox::table
            .filter(sent_with_body())
            .filter(outbox::status.eq(Status::Sent.as_str()))
            .filter(outbox::sent_at.lt(cutoff))
            .select(outbox::id)
            .limit(BATCH)
            .load(conn)?;
        if ids.is_empty() {
            return Ok(0);
        }
        Ok(diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(&ids))
                .filter(outbox::status.eq(Status::Sent.as_str())),
        )
        .set((
            outbox::text_body.eq(""),
            outbox::html_body.eq(None::<String>),
            outbox::list_unsubscribe.eq(None::<String>),
        ))
        .execute(conn)?)
    })
}

/// Clears, batch by batch, the bodies of the messages sent more than `days`
/// ago; returns how many. Between batches the write lock is left free for a
/// while, so that a large backlog (the first run after an upgrade) never keeps
/// signers and staff waiting on SQLite.
pub async fn clear_older_than(db: &Db, days: i64) -> DbResult<usize> {
    let cutoff = crate::domain::clock::now() - Duration::days(days);
    let mut cleared = 0;
    loop {
        let done = db.run(move |conn| clear_batch(conn, cutoff)).await?;
        cleared += done;
        if done == 0 {
            return Ok(cleared);
        }
        tokio::time::sleep(PAUSE).await;
    }
}

/// Forgets the recipients of the messages caused by `ids` of `kind` (the
/// submissions of an anonymised petition), in the caller's transaction: their
/// address, name, copies, bodies and last error (SMTP errors quote addresses)
/// are cleared, and those not yet sent are cancelled. Returns how many rows.
pub fn forget_recipients(conn: &mut DbConn, kind: &str, ids: &[i64]) -> DbResult<usize> {
    let mut forgotten = 0;
    for chunk in ids.chunks(usize::try_from(BATCH).unwrap_or(500)) {
        let references: Vec<String> = chunk.iter().map(i64::to_string).collect();
        let of_chunk = || {
            outbox::table
                .filter(outbox::reference_type.eq(kind))
                .filter(outbox::reference_id.eq_any(references.clone()))
        };
        diesel::update(
            of_chunk()
                .filter(outbox::status.eq_any([Status::Queued.as_str(), Status::Failed.as_str()])),
        )
        .set(outbox::status.eq(Status::Cancelled.as_str()))
        .execute(conn)?;
        forgotten += diesel::update(of_chunk())
            .set((
                outbox::recipient_email.eq(""),
                outbox::recipient_name.eq(None::<String>),
                outbox::cc.eq(None::<String>),
                outbox::text_body.eq(""),
                outbox::html_body.eq(None::<String>),
                outbox::list_unsubscribe.eq(None::<String>),
                outbox::last_error.eq(None::<String>),
                outbox::updated_at.eq(crate::domain::clock::now()),
            ))
            .execute(conn)?;
    }
    Ok(forgotten)
}

/// The periodic clearing beside the delivery workers: at start, then every
/// [`EVERY`], until `stopped` changes.
pub fn start(db: Db, days: i64, mut stopped: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stopped.changed() => break,
            }
            match clear_older_than(&db, days).await {
                Ok(0) => {}
                Ok(cleared) => tracing::info!(
                    cleared,
                    days,
                    "bodies of sent messages cleared after the retention period"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "clearing old mail failed; the next run will try again")
                }
            }
        }
    })
}
