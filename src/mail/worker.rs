//! Delivery workers. Each claims a few due messages with a lease, sends them one
//! by one at the configured pace, and records each outcome right after the
//! transport answers. Several workers, in one process or many, share one queue.

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
    /// Starts `config.workers` workers sharing one transport and one pace.
    pub fn start(db: Db, transport: Arc<Transport>, config: MailConfig) -> Workers {
        let (stop, stopped) = watch::channel(false);
        let pacer = Arc::new(Pacer::new(config.rate_per_second));
        let process = crate::domain::random::random_hex(4);
        let handles = (0..config.workers)
            .map(|n| {
                let worker = Worker {
                    name: format!("{process}-{n}"),
                    db: db.clone(),
                    transport: transport.clone(),
                    config: config.clone(),
                    pacer: pacer.clone(),
                };
                tokio::spawn(worker.run(stopped.clone()))
            })
            .collect();
        Workers { stop, handles }
    }

    /// Lets each worker finish the message in hand and return the rest of its
    /// batch to the queue, then waits for them.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}

struct Worker {
    name: String,
    db: Db,
    transport: Arc<Transport>,
    config: MailConfig,
    pacer: Arc<Pacer>,
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
            let batch = self
                .db
                .run(move |conn| outbox::claim(conn, &name, CLAIM_BATCH, lease))
                .await;
            match batch {
                Ok(batch) if !batch.is_empty() => self.deliver_batch(batch, &stopped).await,
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

    async fn deliver_batch(&self, batch: Vec<OutboxMessage>, stopped: &watch::Receiver<bool>) {
        let mut messages = batch.into_iter();
        for message in messages.by_ref() {
            self.pacer.wait_turn().await;
            self.deliver(message).await;
            if *stopped.borrow() {
                break;
            }
        }
        let unsent: Vec<i64> = messages.map(|m| m.id).collect();
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

    async fn deliver(&self, message: OutboxMessage) {
        let result = self.transport.send(&message, &self.config.from).await;
        let (id, attempts, name) = (message.id, message.attempts, self.name.clone());
        let recorded = match &result {
            Ok(()) => {
                self.db
                    .run(move |conn| outbox::mark_sent(conn, id, &name))
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
