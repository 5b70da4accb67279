//! The runner: inside `serve` and `solidarity worker`, it looks for due jobs
//! every so often (JOBS_POLL_MS), runs each one it wins the lease of, and stops
//! cleanly on shutdown (a run under way finishes first).

use std::sync::OnceLock;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::models::{Job, JobKind};
use super::store::{self, Start};
use super::work;
use super::JobError;
use crate::audit::Actor;
use crate::config::Config;
use crate::db::Db;
use crate::domain::clock::now;

/// This process's name on the leases it takes: host, process id and a random
/// part (two processes on one machine, or a restarted one, differ).
pub fn instance_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let host = std::env::var("HOSTNAME")
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "instance".into());
        format!(
            "{host}:{}:{}",
            std::process::id(),
            crate::domain::random::random_hex(3)
        )
    })
}

/// Starts the runner, unless JOBS_POLL_MS is 0.
pub fn start(db: Db, config: Config, mut stopped: watch::Receiver<bool>) -> Option<JoinHandle<()>> {
    if config.jobs_poll_ms == 0 {
        tracing::info!("no job runner in this process (JOBS_POLL_MS=0)");
        return None;
    }
    let every = Duration::from_millis(config.jobs_poll_ms);
    Some(tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stopped.changed() => break,
            }
            if let Err(e) = tick(&db, &config).await {
                tracing::warn!(error = %e, "job runner: looking for due jobs failed; the next look will try again");
            }
        }
    }))
}

/// One look: schedules jobs seen for the first time (or whose schedule
/// changed), then runs each due job whose lease this instance wins. Returns
/// the jobs it ran with their run ids.
pub async fn tick(db: &Db, config: &Config) -> Result<Vec<(JobKind, i64)>, JobError> {
    let now = now();
    let jobs: Vec<Job> = db.read(store::load_all).await?;
    // Only jobs that need it take the write lock: idle looks only read.
    let stale: Vec<Job> = jobs
        .iter()
        .filter(|job| !job.is_running(now) && job.needs_rescheduling())
        .cloned()
        .collect();
    if !stale.is_empty() {
        db.transaction(move |conn| {
            for job in &stale {
                store::reschedule(conn, job, now)?;
            }
            Ok::<_, JobError>(())
        })
        .await?;
    }
    let mut ran = Vec::new();
    for job in jobs
        .iter()
        .filter(|job| job.is_due(now) && !job.needs_rescheduling())
    {
        if let Some(run_id) = run(db, config, job, &Start::Schedule, &Actor::system()).await? {
            ran.push((job.kind, run_id));
        }
    }
    Ok(ran)
}

/// Takes the lease and runs `job`; `None` when another holder had it.
pub(super) async fn run(
    db: &Db,
    config: &Config,
    job: &Job,
    start: &Start<'_>,
    actor: &Actor,
) -> Result<Option<i64>, JobError> {
    let holder = instance_id();
    let kind = job.kind;
    let started = now();
    let lease_until = started + chrono::Duration::seconds(config.jobs_lease_seconds);
    let run_now_by = match start {
        Start::Manual(actor) => Some((*actor).clone()),
        Start::Schedule => None,
    };
    let claimed = db
        .transaction(move |conn| {
            let start = match &run_now_by {
                Some(actor) => Start::Manual(actor),
                None => Start::Schedule,
            };
            let run_id = store::claim(conn, kind, holder, started, lease_until, &start)?;
            if let (Some(run_id), Some(actor)) = (run_id, &run_now_by) {
                crate::audit::record(
                    conn,
                    actor,
                    crate::audit::Action::JobRunNow,
                    kind.as_str(),
                    crate::audit::Detail::new("audit-detail-job-run-now").text("run", run_id),
                )?;
            }
            Ok::<_, JobError>(run_id)
        })
        .await?;
    let Some(run_id) = claimed else {
        return Ok(None);
    };
    tracing::info!(job = kind.as_str(), run_id, "job started");
    let result = work::perform(kind, db, actor, config, run_id).await;
    match &result {
        Ok((items, detail)) => tracing::info!(job = kind.as_str(), run_id, items, "{detail}"),
        Err(error) => tracing::warn!(job = kind.as_str(), run_id, %error, "job failed"),
    }
    crate::metrics::job_ran(
        kind.as_str(),
        if result.is_ok() {
            "succeeded"
        } else {
            "failed"
        },
    );
    let finished = now();
    // A scheduled run moves the schedule on; "Run now" leaves it as it was.
    let next = matches!(start, Start::Schedule).then(|| job.schedule.next_after(finished));
    db.transaction(move |conn| {
        store::finish(conn, kind, run_id, holder, &result, finished, next)?;
        Ok::<_, JobError>(())
    })
    .await?;
    Ok(Some(run_id))
}
