//! Petitions: verified online signatures, collectors, paper batches, counts.

pub mod canonical;
pub mod demo;
pub mod error;
pub mod forms;
mod handlers;
pub mod history;
pub mod manage;
pub mod milestones;
pub mod models;
pub mod oversight;
pub mod public;
pub mod signing;
pub mod store;
pub mod supporters;
pub mod versions;

pub use error::PetitionError;
pub use handlers::configure;

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::db::Db;

/// The periodic recount that keeps the public counts up to date (see `store`)
/// and records the milestones they cross (see `milestones`).
/// Every instance runs one; the work is idempotent. `recounted` is called
/// after each recount (the web layer forgets the pages that showed the old
/// counts).
pub fn start_recount(
    db: Db,
    every: Duration,
    milestones: crate::config::PetitionMilestones,
    mut stopped: watch::Receiver<bool>,
    recounted: impl Fn() + Send + 'static,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stopped.changed() => break,
            }
            let today = crate::domain::clock::today();
            match store::recount_active_now(&db, today, milestones.clone()).await {
                Ok(_) => recounted(),
                Err(e) => {
                    tracing::warn!(error = %e, "petition recount failed; the next one will try again")
                }
            }
            // Anonymisation is a scheduled job of its own (src/jobs), recorded
            // and paused like the others.
        }
    })
}
