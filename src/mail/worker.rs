//! Delivery workers. Each worker runs `MAIL_CONNECTIONS` senders; a sender claims
//! a few due messages with a lease, sends them one by one at the configured
//! pace on an SMTP connection of the pool, and records each outcome right after
//! the transport answers (a success in the group commit of [`Db::grouped`]).
//! So a worker has one message in flight per connection.
//! Several workers, in one process or many, share one queue.
//!
//! A sender starts a send only while its lease has room for it: at least twice
//! the send timeout ([`MailConfig::send_timeout`]) left, or it renews the lease
//! of its batch first. So a slow server or a slow pace never lets a lease run
//! out under a message being sent, and another worker never takes it over.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use rand::Rng;
use tokio::sync::{watch, Mutex};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::outbox::{self, OutboxMessage};
use super::transport::{SendError, Transport};
use crate::config::MailConfig;
use crate::db::Db;

/// Messages claimed at once; the rest stay free for other workers.
const CLAIM_BATCH: i64 = 10;
const MAX_RETRY_DELAY_MS: u64 = 3_600_000;

/// Spaces sends so that one process stays under the configured rate.
pub struct Pacer {
    interval: StdDuration,
    next: Mutex<Instant>,
}

impl Pacer {
    pub fn new(per_second: u32) -> Pacer {
        Pacer {
            interval: StdDuration::from_secs_f64(1.0 / f64::from(per_second.max(1))),
            next: Mutex::new(Instant::now()),
        }
    }

    async fn wait_turn(&self) {
        let mut next = self.next.lock().await;
        let now = Instant::now();
        if *next > now {
            tokio::time::sleep_until(*next).await;
        }
        *next = (*next).max(now) + self.interval;
    }
}

/// The delay before attempt `attempts + 1`: doubling from `base_ms`, capped at an
/// hour, with jitter so that messages that failed together do not retry together.
pub fn retry_delay(attempts: i32, base_ms: u64) -> StdDuration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let full = base_ms
        .saturating_mul(1u64 << exponent)
        .min(MAX_RETRY_DELAY_MS);
    let jittered = rand::thread_rng().gen_range(full / 2..=full.max(1));
    StdDuration::from_millis(jittered.max(1))
}

pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts `config.workers` workers of `config.connections` senders each, all
    /// sharing one transport (and its pool of connections) and one pace.
    pub fn start(db: Db, transport: Arc<Transport>, config: MailConfig) -> Workers {
        let (stop, stopped) = watch::channel(false);
        let pacer = Arc::new(Pacer::new(config.rate_per_second));
        let process = crate::domain::random::random_hex(4);
        let lease = StdDuration::from_secs(u64::try_from(config.lease_seconds).unwrap_or(5));
        let room_needed = config.send_timeout() * 2;
        let handles = (0..config.workers)
            .flat_map(|n| (0..config.connections).map(move |c| (n, c)))
            .map(|(n, c)| {
                let worker = Worker {
                    name: format!("{process}-{n}.{c}"),
                    db: db.clone(),
                    transport: transport.clone(),
                    config: config.clone(),
                    pacer: pacer.clone(),
                    lease,
                    room_needed,
                };
                tokio::spawn(worker.run(stopped.clone()))
            })
            .collect();
        Workers { stop, handles }
    }

    /// Lets each sender finish the message in hand and return the rest of its
    /// batch to the queue, then waits for them.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}

/// One sender of a worker: one message in flight at a time.
struct Worker {
    name: String,
    db: Db,
    transport: Arc<Transport>,
    config: MailConfig,
    pacer: Arc<Pacer>,
    lease: StdDuration,
    /// The lease left that a send needs before it may start.
    room_needed: StdDuration,
}

impl Worker {
    async fn run(self, mut stopped: watch::Receiver<bool>) {
        tracing::info!(worker = %self.name, "mail worker started");
        let idle = StdDuration::from_millis(self.config.poll_ms);
        while !*stopped.borrow() {
            let (name, lease) = (
                self.name.clone(),
                Duration::seconds(self.config.lease_seconds),
            );
            // The lease runs from the claim's clock reading, which is after this.
            let claimed_at = Instant::now();
            let batch = self
                .db
                .run(move |conn| outbox::claim(conn, &name, CLAIM_BATCH, lease))
                .await;
            match batch {
                Ok(batch) if !batch.is_empty() => {
                    self.deliver_batch(batch, claimed_at + self.lease, &stopped)
                        .await
                }
                Ok(_) => {
                    tokio::select! {
                        _ = tokio::time::sleep(idle) => {}
                        _ = stopped.changed() => {}
                    }
                }
                Err(e) => {
                    tracing::error!(worker = %self.name, error = %e, "cannot claim messages");
                    tokio::time::sleep(idle).await;
                }
            }
        }
        tracing::info!(worker = %self.name, "mail worker stopped");
    }

    async fn deliver_batch(
        &self,
        batch: Vec<OutboxMessage>,
        mut lease_until: Instant,
        stopped: &watch::Receiver<bool>,
    ) {
        let mut pending: VecDeque<OutboxMessage> = batch.into();
        while let Some(message) = pending.pop_front() {
            self.pacer.wait_turn().await;
            if *stopped.borrow() {
                pending.push_front(message);
                break;
            }
            if lease_until.saturating_duration_since(Instant::now()) < self.room_needed {
                pending.push_front(message);
                match self.renew(&mut pending).await {
                    Some(until) => lease_until = until,
                    // Unsure whether the lease holds: send nothing more of this batch.
                    None => break,
                }
                match pending.pop_front() {
                    Some(message) => self.deliver(message).await,
                    None => break,
                }
                continue;
            }
            self.deliver(message).await;
        }
        let unsent: Vec<i64> = pending.into_iter().map(|m| m.id).collect();
        if !unsent.is_empty() {
            let name = self.name.clone();
            if let Err(e) = self
                .db
                .run(move |conn| outbox::release(conn, &unsent, &name))
                .await
            {
                // Not lost: their lease runs out and another worker takes them.
                tracing::warn!(worker = %self.name, error = %e, "could not return unsent messages to the queue");
            }
        }
    }

    /// Renews the lease of the messages in `pending` and drops those no longer
    /// held; returns when the renewed lease ends, or `None` if it is unknown.
    async fn renew(&self, pending: &mut VecDeque<OutboxMessage>) -> Option<Instant> {
        let ids: Vec<i64> = pending.iter().map(|m| m.id).collect();
        let (name, lease) = (
            self.name.clone(),
            Duration::seconds(self.config.lease_seconds),
        );
        let renewed_at = Instant::now();
        match self
            .db
            .run(move |conn| outbox::renew(conn, &ids, &name, lease))
            .await
        {
            Ok(held) => {
                let before = pending.len();
                pending.retain(|m| held.contains(&m.id));
                if pending.len() < before {
                    tracing::warn!(worker = %self.name, lost = before - pending.len(), "leases lost before renewal");
                }
                Some(renewed_at + self.lease)
            }
            Err(e) => {
                tracing::error!(worker = %self.name, error = %e, "cannot renew leases");
                None
            }
        }
    }

    async fn deliver(&self, message: OutboxMessage) {
        let result = self.transport.send(&message, &self.config.from).await;
        let (id, attempts, name) = (message.id, message.attempts, self.name.clone());
        let recorded = match &result {
            Ok(()) => {
                crate::metrics::mail_sent();
                // The marks of all senders share one commit (a group commit), so
                // a campaign pays one WAL flush per group, not per message; this
                // sender still waits for its own mark before its next message,
                // so a crash doubles at most the one message in flight.
                self.db
                    .grouped(move |conn| outbox::mark_sent(conn, id, &name))
                    .await
            }
            Err(error) => {
                let (text, retry_at) = match error {
                    SendError::Transient(text) if attempts < self.config.max_attempts => {
                        let delay = retry_delay(attempts, self.config.retry_base_ms);
                        let delay = Duration::from_std(delay).unwrap_or(Duration::hours(1));
                        (text.clone(), Some(crate::domain::clock::now() + delay))
                    }
                    SendError::Transient(text) | SendError::Permanent(text) => (text.clone(), None),
                };
                crate::metrics::mail_failed(retry_at.is_some());
                tracing::warn!(worker = %self.name, message = id, attempts, error = %text, will_retry = retry_at.is_some(), "delivery failed");
                self.db
                    .run(move |conn| outbox::record_failure(conn, id, &name, &text, retry_at))
                    .await
            }
        };
        match recorded {
            Ok(true) => {
                if result.is_ok() {
                    tracing::debug!(worker = %self.name, message = id, "sent");
                }
            }
            Ok(false) => {
                tracing::warn!(worker = %self.name, message = id, "lease lost before the outcome was recorded")
            }
            Err(e) => {
                tracing::error!(worker = %self.name, message = id, error = %e, "cannot record the outcome")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays_double_with_jitter_and_stop_at_an_hour() {
        for _ in 0..50 {
            let first = retry_delay(1, 1000).as_millis();
            assert!((500..=1000).contains(&first), "{first}");
            let third = retry_delay(3, 1000).as_millis();
            assert!((2000..=4000).contains(&third), "{third}");
            let late = retry_delay(40, 1000).as_millis();
            assert!(late <= u128::from(MAX_RETRY_DELAY_MS));
        }
    }
}
