//! Scheduled work: the registration run's preparation, the dues reminders and
//! petition anonymisation, each with a schedule, a paused flag and a lease in
//! the database, so that of several instances exactly one runs a due job; every
//! run is recorded (started, finished, outcome, counts).
//!
//! This module sits above the areas, like `demo.rs`: it calls membership, dues
//! and petitions, and no area imports it. The runner starts beside the mail
//! workers in `serve` and in `solidarity worker`; admins see and steer the jobs
//! on /admin/jobs.

pub mod error;
mod handlers;
pub mod models;
pub mod runner;
pub mod schedule;
pub mod store;
pub mod work;

pub use error::JobError;
pub use handlers::configure;
pub use models::{Job, JobKind, JobRun, Outcome};

use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::Db;
use crate::domain::clock::now;
use schedule::Schedule;

/// Runs listed on a job's history page.
pub const HISTORY_LENGTH: i64 = 100;

/// A job with its latest run, for the jobs page.
pub struct JobOverview {
    pub job: Job,
    pub last_run: Option<JobRun>,
}

pub async fn overview(db: &Db) -> Result<Vec<JobOverview>, JobError> {
    db.read(|conn| {
        let jobs = store::load_all(conn)?;
        let mut listed = Vec::with_capacity(jobs.len());
        for job in jobs {
            let last_run = store::runs(conn, job.kind, 1)?.pop();
            listed.push(JobOverview { job, last_run });
        }
        Ok(listed)
    })
    .await
}

/// A job and its latest runs, newest first.
pub async fn history(db: &Db, kind: JobKind) -> Result<(Job, Vec<JobRun>), JobError> {
    db.read(move |conn| {
        let job = store::find(conn, kind)?.ok_or(JobError::NotFound)?;
        Ok((job, store::runs(conn, kind, HISTORY_LENGTH)?))
    })
    .await
}

/// Runs a job now, for an admin, whether due or paused; refused while a run
/// holds the lease. The start is audited; the run is recorded like any other.
pub async fn run_now(
    db: &Db,
    config: &Config,
    kind: JobKind,
    actor: &Actor,
) -> Result<JobRun, JobError> {
    let job = db
        .read(move |conn| Ok::<_, JobError>(store::find(conn, kind)?))
        .await?
        .ok_or(JobError::NotFound)?;
    let start = store::Start::Manual(actor);
    let run_id = runner::run(db, config, &job, &start, actor)
        .await?
        .ok_or(JobError::Refused("job-already-running"))?;
    db.read(move |conn| store::find_run(conn, run_id)?.ok_or(JobError::NotFound))
        .await
}

/// A new schedule as typed: the time of day, and the day of the month for a
/// monthly job with a day of its own (the registration job follows the
/// registration day, set on the registration page).
pub struct ScheduleChange {
    pub day: Option<u32>,
    pub at: chrono::NaiveTime,
}

/// Changes when a job runs, audited with the schedule before and after; the
/// next run follows the new schedule from now.
pub async fn set_schedule(
    db: &Db,
    kind: JobKind,
    change: ScheduleChange,
    actor: &Actor,
) -> Result<(), JobError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let job = store::find(conn, kind)?.ok_or(JobError::NotFound)?;
        let after = match job.schedule {
            Schedule::Daily { .. } => Schedule::Daily { at: change.at },
            Schedule::Monthly { day, .. } => Schedule::Monthly {
                day: match change.day {
                    Some(new_day) if !job.on_registration_day => new_day,
                    _ => day,
                },
                at: change.at,
            },
        };
        store::set_schedule(conn, &job, after, now())?;
        let summary = format!("{} → {}", describe(job.schedule), describe(after));
        audit::record(conn, &actor, Action::JobSchedule, kind.as_str(), summary)?;
        Ok(())
    })
    .await
}

/// "monthly on day 1 at 09:00 UTC", for the audit log.
fn describe(schedule: Schedule) -> String {
    match schedule {
        Schedule::Daily { at } => format!("daily at {} UTC", at.format("%H:%M")),
        Schedule::Monthly { day, at } => {
            format!("monthly on day {day} at {} UTC", at.format("%H:%M"))
        }
    }
}

/// Pauses (`true`) or resumes a job, audited; refused when it is so already.
pub async fn set_paused(
    db: &Db,
    kind: JobKind,
    paused: bool,
    actor: &Actor,
) -> Result<(), JobError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let job = store::find(conn, kind)?.ok_or(JobError::NotFound)?;
        if !store::set_paused(conn, &job, paused, now())? {
            return Err(JobError::Refused(if paused {
                "job-already-paused"
            } else {
                "job-not-paused"
            }));
        }
        let (action, summary) = if paused {
            (Action::JobPause, "paused: it runs no more until resumed")
        } else {
            (Action::JobResume, "resumed: it runs on its schedule again")
        };
        audit::record(conn, &actor, action, kind.as_str(), summary)?;
        Ok(())
    })
    .await
}
