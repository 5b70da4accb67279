//! The outbox table: enqueueing, claiming with a lease, and recording outcomes.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::compose::Email;
use crate::db::{self, write_transaction, DbConn, DbResult};
use crate::schema::outbox;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Queued,
        Status::Sending,
        Status::Sent,
        Status::Failed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Status::Queued => "outbox-status-queued",
            Status::Sending => "outbox-status-sending",
            Status::Sent => "outbox-status-sent",
            Status::Failed => "outbox-status-failed",
            Status::Cancelled => "outbox-status-cancelled",
        }
    }
}

impl TryFrom<String> for Status {
    type Error = String;

    fn try_from(text: String) -> Result<Status, String> {
        Status::parse(&text).ok_or_else(|| format!("unknown outbox status {text:?}"))
    }
}

/// What caused a message: an application, a petition signature, a letter, a campaign.
#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: &'static str,
    pub id: String,
}

impl Reference {
    pub fn new(kind: &'static str, id: impl ToString) -> Reference {
        Reference {
            kind,
            id: id.to_string(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: i64,
    pub idempotency_key: String,
    pub recipient_email: String,
    pub recipient_name: Option<String>,
    pub cc: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
    pub reference_type: Option<String>,
    pub reference_id: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_owner: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub message_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// The one-click unsubscribe URL (RFC 8058) of a bulk message, if it has one.
    pub list_unsubscribe: Option<String>,
}

impl OutboxMessage {
    pub fn cc_addresses(&self) -> Vec<&str> {
        self.cc
            .as_deref()
            .map(|cc| cc.split(',').filter(|a| !a.is_empty()).collect())
            .unwrap_or_default()
    }

    /// Messages an admin may send again: not those whose recipient was
    /// forgotten or whose bodies were cleared (`mail::retention`).
    pub fn can_retry(&self) -> bool {
        matches!(self.status, Status::Failed | Status::Cancelled)
            && !self.recipient_email.is_empty()
            && !self.text_body.is_empty()
    }

    /// Messages an admin may stop.
    pub fn can_cancel(&self) -> bool {
        matches!(self.status, Status::Queued | Status::Failed)
    }
}

/// Puts `email` in the outbox, as part of the caller's transaction.
///
/// `idempotency_key` names the message's cause (`application-42-welcome`): the
/// same key twice yields one message, and the id of the first is returned.
pub fn enqueue(
    conn: &mut DbConn,
    idempotency_key: &str,
    email: &Email,
    reference: Option<Reference>,
) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    let cc = (!email.cc.is_empty()).then(|| {
        email
            .cc
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(",")
    });
    // Our own Message-ID, fixed at enqueue time so that every attempt carries the
    // same one and a receiving system can tell a repeat from a new message.
    let message_id = format!(
        "<{}.{}@solidarity.local>",
        now.and_utc().timestamp(),
        crate::domain::random::random_hex(12)
    );
    // A duplicate key inserts nothing (no error, so the caller's transaction
    // goes on, and no savepoint: one statement on the signing path).
    let values = (
        outbox::idempotency_key.eq(idempotency_key),
        outbox::recipient_email.eq(email.to.as_str()),
        outbox::recipient_name.eq(email.to_name.as_ref().map(|n| n.as_str())),
        outbox::cc.eq(cc),
        outbox::subject.eq(email.subject.as_str()),
        outbox::text_body.eq(&email.text),
        outbox::html_body.eq(Some(&email.html)),
        outbox::reference_type.eq(reference.as_ref().map(|r| r.kind)),
        outbox::reference_id.eq(reference.as_ref().map(|r| r.id.clone())),
        outbox::status.eq(Status::Queued.as_str()),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::message_id.eq(&message_id),
        outbox::created_at.eq(now),
        outbox::updated_at.eq(now),
        outbox::list_unsubscribe.eq(email.list_unsubscribe.as_deref()),
    );
    let inserted: Option<i64> = crate::on_backend!(conn, |c| diesel::insert_into(outbox::table)
        .values(values)
        .on_conflict_do_nothing()
        .returning(outbox::id)
        .get_result(c)
        .optional())?;
    match inserted {
        Some(id) => Ok(id),
        None => Ok(outbox::table
            .filter(outbox::idempotency_key.eq(idempotency_key))
            .select(outbox::id)
            .first(conn)?),
    }
}

/// Claims up to `limit` due messages for `worker`: first ones stuck in `sending`
/// whose lease has run out (their worker died: they have waited longest, and
/// another claim must not pass them by), then queued ones whose time has come.
///
/// On PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`, so workers on
/// several instances take different rows without waiting for each other. On SQLite
/// the immediate transaction holds the only write lock while it selects and marks.
pub fn claim(
    conn: &mut DbConn,
    worker: &str,
    limit: i64,
    lease: Duration,
) -> DbResult<Vec<OutboxMessage>> {
    let now = crate::domain::clock::now();
    write_transaction(conn, |conn| {
        let expired = || {
            outbox::table
                .filter(outbox::status.eq(Status::Sending.as_str()))
                .filter(outbox::lease_until.lt(now))
                .order((outbox::lease_until.asc(), outbox::id.asc()))
                .select(outbox::id)
        };
        let queued = || {
            outbox::table
                .filter(outbox::status.eq(Status::Queued.as_str()))
                .filter(outbox::next_attempt_at.le(now))
                .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
                .select(outbox::id)
        };
        let mut ids: Vec<i64> = match conn {
            DbConn::Postgres(pg) => expired().limit(limit).for_update().skip_locked().load(pg)?,
            DbConn::Sqlite(sqlite) => expired().limit(limit).load(sqlite)?,
        };
        let room = limit - i64::try_from(ids.len()).unwrap_or(limit);
        if room > 0 {
            let more: Vec<i64> = match conn {
                DbConn::Postgres(pg) => queued().limit(room).for_update().skip_locked().load(pg)?,
                DbConn::Sqlite(sqlite) => queued().limit(room).load(sqlite)?,
            };
            ids.extend(more);
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::status.eq(Status::Sending.as_str()),
                outbox::lease_owner.eq(worker),
                outbox::lease_until.eq(now + lease),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::updated_at.eq(now),
            ))
            .execute(conn)?;
        let mut claimed: Vec<OutboxMessage> = outbox::table
            .filter(outbox::id.eq_any(&ids))
            .select(OutboxMessage::as_select())
            .load(conn)?;
        // In the order chosen: the reclaimed ones first.
        claimed.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
        Ok(claimed)
    })
}

/// Extends the lease of messages `worker` still holds to `lease` from now, and
/// returns those it holds (a message whose lease ran out and that another
/// worker claimed is not among them).
pub fn renew(conn: &mut DbConn, ids: &[i64], worker: &str, lease: Duration) -> DbResult<Vec<i64>> {
    let now = crate::domain::clock::now();
    write_transaction(conn, |conn| {
        let held = || {
            outbox::table
                .filter(outbox::id.eq_any(ids))
                .filter(outbox::lease_owner.eq(worker))
                .filter(outbox::status.eq(Status::Sending.as_str()))
        };
        diesel::update(held())
            .set(outbox::lease_until.eq(now + lease))
            .execute(conn)?;
        Ok(held().select(outbox::id).load(conn)?)
    })
}

/// Only the worker holding the lease records the outcome: a worker whose lease ran
/// out (and whose message another worker took over) changes nothing.
pub fn mark_sent(conn: &mut DbConn, id: i64, worker: &str) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::lease_owner.eq(worker))
            .filter(outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        outbox::status.eq(Status::Sent.as_str()),
        outbox::sent_at.eq(now),
        outbox::lease_owner.eq(None::<String>),
        outbox::lease_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(None::<String>),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Records a failed attempt: back to the queue at `retry_at`, or failed for good.
pub fn record_failure(
    conn: &mut DbConn,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let status = if retry_at.is_some() {
        Status::Queued
    } else {
        Status::Failed
    };
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::lease_owner.eq(worker))
            .filter(outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        outbox::status.eq(status.as_str()),
        outbox::next_attempt_at.eq(retry_at.unwrap_or(now)),
        outbox::lease_owner.eq(None::<String>),
        outbox::lease_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(truncate(error, 1000)),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Returns claimed messages the worker did not get to (it is stopping), undoing
/// the attempt their claim counted.
pub fn release(conn: &mut DbConn, ids: &[i64], worker: &str) -> DbResult<()> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::lease_owner.eq(worker))
            .filter(outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        outbox::status.eq(Status::Queued.as_str()),
        outbox::attempts.eq(outbox::attempts - 1),
        outbox::lease_owner.eq(None::<String>),
        outbox::lease_until.eq(None::<NaiveDateTime>),
        outbox::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    Ok(())
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

// ------------------------------------------------------------ bulk messages

/// Rows per multi-row INSERT: well under SQLite's limit of 32,766 bound values.
const BULK_ROWS: usize = 500;

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewRow<'a> {
    idempotency_key: &'a str,
    recipient_email: &'a str,
    recipient_name: Option<&'a str>,
    cc: Option<String>,
    subject: &'a str,
    text_body: &'a str,
    html_body: Option<&'a str>,
    reference_type: &'a str,
    reference_id: &'a str,
    status: &'static str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    message_id: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    list_unsubscribe: Option<&'a str>,
}

/// Enqueues many messages of one cause (a campaign) with multi-row inserts, in
/// the caller's transaction. Unlike [`enqueue`], a key already present fails the
/// whole call: the caller guarantees each message is enqueued once.
pub fn enqueue_bulk(
    conn: &mut DbConn,
    messages: &[(String, Email)],
    reference: &Reference,
) -> DbResult<usize> {
    let each: Vec<(&str, &Email, &Reference)> = messages
        .iter()
        .map(|(key, email)| (key.as_str(), email, reference))
        .collect();
    enqueue_each(conn, &each)
}

/// [`enqueue_bulk`] for messages of different causes (a reminder run: one
/// reminder each): (idempotency key, email, reference).
pub fn enqueue_each(conn: &mut DbConn, messages: &[(&str, &Email, &Reference)]) -> DbResult<usize> {
    let now = crate::domain::clock::now();
    let stamp = now.and_utc().timestamp();
    let mut inserted = 0;
    for chunk in messages.chunks(BULK_ROWS) {
        let rows: Vec<NewRow<'_>> = chunk
            .iter()
            .map(|&(key, email, reference)| NewRow {
                idempotency_key: key,
                recipient_email: email.to.as_str(),
                recipient_name: email.to_name.as_ref().map(|n| n.as_str()),
                cc: (!email.cc.is_empty()).then(|| {
                    email
                        .cc
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                }),
                subject: email.subject.as_str(),
                text_body: &email.text,
                html_body: Some(&email.html),
                reference_type: reference.kind,
                reference_id: &reference.id,
                status: Status::Queued.as_str(),
                attempts: 0,
                next_attempt_at: now,
                message_id: format!(
                    "<{stamp}.{}@solidarity.local>",
                    crate::domain::random::random_hex(12)
                ),
                created_at: now,
                updated_at: now,
                list_unsubscribe: email.list_unsubscribe.as_deref(),
            })
            .collect();
        inserted += crate::on_backend!(conn, |c| diesel::insert_into(outbox::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(inserted)
}

/// When held messages are due: never, until released. Holding moves a queued
/// message's due time here, so the workers' claim passes it by without a status
/// of its own (and without touching their leases).
pub fn held_until() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

fn of_reference(
    reference: &Reference,
) -> impl Fn() -> outbox::BoxedQuery<'static, db::MultiBackend> {
    let (kind, id) = (reference.kind, reference.id.clone());
    move || {
        outbox::table
            .filter(outbox::reference_type.eq(kind))
            .filter(outbox::reference_id.eq(id.clone()))
            .into_boxed()
    }
}

/// Holds the queued messages of `reference` (a paused campaign); a message a
/// worker has claimed already goes out.
pub fn hold(conn: &mut DbConn, reference: &Reference) -> DbResult<usize> {
    let ids: Vec<i64> = of_reference(reference)()
        .filter(outbox::status.eq(Status::Queued.as_str()))
        .select(outbox::id)
        .load(conn)?;
    Ok(diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(Status::Queued.as_str())),
    )
    .set((
        outbox::next_attempt_at.eq(held_until()),
        outbox::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?)
}

/// Releases held messages of `reference`: due now.
pub fn release_held(conn: &mut DbConn, reference: &Reference) -> DbResult<usize> {
    let ids: Vec<i64> = of_reference(reference)()
        .filter(outbox::status.eq(Status::Queued.as_str()))
        .filter(outbox::next_attempt_at.eq(held_until()))
        .select(outbox::id)
        .load(conn)?;
    let now = crate::domain::clock::now();
    Ok(diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(Status::Queued.as_str())),
    )
    .set((outbox::next_attempt_at.eq(now), outbox::updated_at.eq(now)))
    .execute(conn)?)
}

/// Cancels every message of `reference` not yet sent or being sent.
pub fn cancel_reference(conn: &mut DbConn, reference: &Reference) -> DbResult<usize> {
    let ids: Vec<i64> = of_reference(reference)()
        .filter(outbox::status.eq_any([Status::Queued.as_str(), Status::Failed.as_str()]))
        .select(outbox::id)
        .load(conn)?;
    Ok(diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq_any([Status::Queued.as_str(), Status::Failed.as_str()])),
    )
    .set((
        outbox::status.eq(Status::Cancelled.as_str()),
        outbox::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?)
}

/// How the messages of `reference` stand: by status, with held ones apart.
#[derive(Debug, Default, Clone, Copy)]
pub struct Progress {
    pub queued: i64,
    pub held: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub cancelled: i64,
}

impl Progress {
    pub fn total(&self) -> i64 {
        self.queued + self.held + self.sending + self.sent + self.failed + self.cancelled
    }

    /// Nothing left that a worker will send.
    pub fn is_settled(&self) -> bool {
        self.queued + self.sending == 0
    }
}

pub fn progress(conn: &mut DbConn, reference: &Reference) -> DbResult<Progress> {
    let rows: Vec<(String, i64)> = outbox::table
        .filter(outbox::reference_type.eq(reference.kind))
        .filter(outbox::reference_id.eq(&reference.id))
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    let held: i64 = of_reference(reference)()
        .filter(outbox::status.eq(Status::Queued.as_str()))
        .filter(outbox::next_attempt_at.eq(held_until()))
        .count()
        .get_result(conn)?;
    let mut progress = Progress {
        held,
        ..Progress::default()
    };
    for (status, count) in rows {
        match Status::parse(&status) {
            Some(Status::Queued) => progress.queued = count - held,
            Some(Status::Sending) => progress.sending = count,
            Some(Status::Sent) => progress.sent = count,
            Some(Status::Failed) => progress.failed = count,
            Some(Status::Cancelled) => progress.cancelled = count,
            None => {}
        }
    }
    Ok(progress)
}

/// The messages of `reference`, oldest first: per-recipient status.
pub fn of(conn: &mut DbConn, reference: &Reference) -> DbResult<Vec<OutboxMessage>> {
    Ok(of_reference(reference)()
        .order(outbox::id.asc())
        .select(OutboxMessage::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ admin

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub page: Option<i64>,
}

pub const PAGE_SIZE: i64 = 50;

pub fn search(conn: &mut DbConn, filter: &Filter) -> DbResult<(Vec<OutboxMessage>, i64)> {
    let status = Status::parse(filter.status.trim());
    let recipient = filter.recipient.trim().to_lowercase();
    let build = || {
        let mut query = outbox::table.into_boxed();
        if let Some(status) = status {
            query = query.filter(outbox::status.eq(status.as_str()));
        }
        if !recipient.is_empty() {
            let pattern = format!("%{}%", crate::audit::escape_like(&recipient));
            query = query.filter(outbox::recipient_email.like(pattern).escape('\\'));
        }
        query
    };
    let total = build().count().get_result(conn)?;
    let page = filter.page.unwrap_or(1).max(1);
    let rows = build()
        .order(outbox::id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .select(OutboxMessage::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// How many messages are in each status.
pub fn counts(conn: &mut DbConn) -> DbResult<Vec<(Status, i64)>> {
    let rows: Vec<(String, i64)> = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(Status::ALL
        .into_iter()
        .map(|status| {
            let count = rows
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, count)
        })
        .collect())
}

/// When the oldest message that is due and waiting was written: how far the
/// workers are behind. Held and retry-later messages are not due, so they do
/// not count.
pub fn oldest_due_created_at(conn: &mut DbConn) -> DbResult<Option<NaiveDateTime>> {
    Ok(outbox::table
        .filter(outbox::status.eq(Status::Queued.as_str()))
        .filter(outbox::next_attempt_at.le(crate::domain::clock::now()))
        .select(diesel::dsl::min(outbox::created_at))
        .first(conn)?)
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<OutboxMessage>> {
    Ok(outbox::table
        .find(id)
        .select(OutboxMessage::as_select())
        .first(conn)
        .optional()?)
}

/// An admin sends a failed or cancelled message again, with a fresh set of attempts.
pub fn requeue(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq_any([Status::Failed.as_str(), Status::Cancelled.as_str()])),
    )
    .set((
        outbox::status.eq(Status::Queued.as_str()),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// An admin stops a message that has not gone out.
pub fn cancel(conn: &mut DbConn, id: i64) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq_any([Status::Queued.as_str(), Status::Failed.as_str()])),
    )
    .set((
        outbox::status.eq(Status::Cancelled.as_str()),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}
