//! The queries of the jobs: read them, reschedule, take and give back the lease,
//! and record runs. Each function runs inside the caller's transaction.
//!
//! The lease is taken with one conditional UPDATE (`... WHERE lease_until IS
//! NULL OR lease_until < now`, and for a scheduled run also `paused = false AND
//! next_run_at <= now`): of several instances, or processes on one SQLite file,
//! exactly one sees its row updated, and only that one runs the job.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::{Job, JobKind, JobRow, JobRun, Outcome};
use super::schedule::Schedule;
use crate::audit::Actor;
use crate::db::{DbConn, DbResult};
use crate::schema::{job_runs, jobs};

/// Every job this version knows, in the order of [`JobKind::ALL`].
pub fn load_all(conn: &mut DbConn) -> DbResult<Vec<Job>> {
    let registration_day = crate::settings::registration_day(conn)?;
    let rows: Vec<JobRow> = jobs::table.select(JobRow::as_select()).load(conn)?;
    let mut found: Vec<Job> = rows
        .into_iter()
        .filter_map(|row| Job::from_row(row, registration_day))
        .collect();
    found.sort_by_key(|job| JobKind::ALL.iter().position(|k| *k == job.kind));
    Ok(found)
}

pub fn find(conn: &mut DbConn, kind: JobKind) -> DbResult<Option<Job>> {
    Ok(load_all(conn)?.into_iter().find(|job| job.kind == kind))
}

/// Sets the next run of a job that has none or whose schedule changed, unless
/// another instance did so first (the stored value is compared).
pub fn reschedule(conn: &mut DbConn, job: &Job, now: NaiveDateTime) -> DbResult<bool> {
    let next = job.schedule.next_after(now);
    let target = jobs::table.find(job.kind.as_str());
    let updated = match job.next_run_at {
        None => diesel::update(target.filter(jobs::next_run_at.is_null()))
            .set((jobs::next_run_at.eq(next), jobs::updated_at.eq(now)))
            .execute(conn)?,
        Some(before) => diesel::update(target.filter(jobs::next_run_at.eq(before)))
            .set((jobs::next_run_at.eq(next), jobs::updated_at.eq(now)))
            .execute(conn)?,
    };
    Ok(updated == 1)
}

/// Who starts a run: the schedule, or an admin's "Run now".
pub enum Start<'a> {
    Schedule,
    Manual(&'a Actor),
}

/// Takes the lease of `kind` for `holder` until `lease_until` and records the
/// run as started; `None` when another holder has it (or, for a scheduled
/// run, when it is paused or no longer due).
pub fn claim(
    conn: &mut DbConn,
    kind: JobKind,
    holder: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    start: &Start,
) -> DbResult<Option<i64>> {
    let free = jobs::lease_until.is_null().or(jobs::lease_until.lt(now));
    let target = jobs::table.find(kind.as_str()).filter(free);
    let lease = (
        jobs::lease_holder.eq(holder),
        jobs::lease_until.eq(lease_until),
    );
    let taken = match start {
        Start::Schedule => diesel::update(
            target
                .filter(jobs::paused.eq(false))
                .filter(jobs::next_run_at.le(now)),
        )
        .set(lease)
        .execute(conn)?,
        Start::Manual(_) => diesel::update(target).set(lease).execute(conn)?,
    };
    if taken != 1 {
        return Ok(None);
    }
    // A run still "running" lost its instance: the lease we just took had expired.
    diesel::update(
        job_runs::table
            .filter(job_runs::job.eq(kind.as_str()))
            .filter(job_runs::outcome.eq(Outcome::Running.as_str())),
    )
    .set((
        job_runs::outcome.eq(Outcome::Abandoned.as_str()),
        job_runs::finished_at.eq(now),
        job_runs::error.eq("its instance stopped before the run finished; the lease expired"),
    ))
    .execute(conn)?;
    let started_by = match start {
        Start::Manual(actor) => actor.user_id,
        Start::Schedule => None,
    };
    let run_id = diesel::insert_into(job_runs::table)
        .values((
            job_runs::job.eq(kind.as_str()),
            job_runs::manual.eq(matches!(start, Start::Manual(_))),
            job_runs::started_by.eq(started_by),
            job_runs::holder.eq(holder),
            job_runs::started_at.eq(now),
            job_runs::outcome.eq(Outcome::Running.as_str()),
        ))
        .returning(job_runs::id)
        .get_result(conn)?;
    Ok(Some(run_id))
}

/// What a run did, or why it failed.
pub type RunResult = Result<(i64, String), String>;

/// Records how the run ended and gives the lease back; a scheduled run also
/// moves the job's next run to `next_run_at`.
pub fn finish(
    conn: &mut DbConn,
    kind: JobKind,
    run_id: i64,
    holder: &str,
    result: &RunResult,
    now: NaiveDateTime,
    next_run_at: Option<NaiveDateTime>,
) -> DbResult<()> {
    let (outcome, items, detail, error) = match result {
        Ok((items, detail)) => (
            Outcome::Succeeded,
            Some(*items),
            Some(detail.as_str()),
            None,
        ),
        Err(error) => (Outcome::Failed, None, None, Some(error.as_str())),
    };
    diesel::update(
        job_runs::table
            .find(run_id)
            .filter(job_runs::outcome.eq(Outcome::Running.as_str())),
    )
    .set((
        job_runs::outcome.eq(outcome.as_str()),
        job_runs::finished_at.eq(now),
        job_runs::items.eq(items),
        job_runs::detail.eq(detail),
        job_runs::error.eq(error),
    ))
    .execute(conn)?;
    let ours = jobs::table
        .find(kind.as_str())
        .filter(jobs::lease_holder.eq(holder));
    let release = (
        jobs::lease_holder.eq(None::<String>),
        jobs::lease_until.eq(None::<NaiveDateTime>),
        jobs::updated_at.eq(now),
    );
    match next_run_at {
        Some(next) => diesel::update(ours)
            .set((release, jobs::next_run_at.eq(next)))
            .execute(conn)?,
        None => diesel::update(ours).set(release).execute(conn)?,
    };
    Ok(())
}

pub fn find_run(conn: &mut DbConn, run_id: i64) -> DbResult<Option<JobRun>> {
    Ok(job_runs::table
        .find(run_id)
        .select(JobRun::as_select())
        .first(conn)
        .optional()?)
}

/// The latest runs of a job, newest first.
pub fn runs(conn: &mut DbConn, kind: JobKind, limit: i64) -> DbResult<Vec<JobRun>> {
    Ok(job_runs::table
        .filter(job_runs::job.eq(kind.as_str()))
        .order((job_runs::started_at.desc(), job_runs::id.desc()))
        .limit(limit)
        .select(JobRun::as_select())
        .load(conn)?)
}

/// Stores a new time of day (and day of the month, for a monthly job with a
/// day of its own) and the next run it gives.
pub fn set_schedule(
    conn: &mut DbConn,
    job: &Job,
    schedule: Schedule,
    now: NaiveDateTime,
) -> DbResult<()> {
    let own_day = match schedule {
        Schedule::Monthly { day, .. } if !job.on_registration_day => {
            Some(i32::try_from(day).unwrap_or(1))
        }
        _ => None,
    };
    diesel::update(jobs::table.find(job.kind.as_str()))
        .set((
            jobs::day_of_month.eq(own_day),
            jobs::minute_of_day.eq(schedule.minute_of_day()),
            jobs::next_run_at.eq(schedule.next_after(now)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Pauses or resumes; returns whether anything changed. Resuming schedules the
/// next run from now, so a job paused for months does not run at once.
pub fn set_paused(
    conn: &mut DbConn,
    job: &Job,
    paused: bool,
    now: NaiveDateTime,
) -> DbResult<bool> {
    let target = jobs::table
        .find(job.kind.as_str())
        .filter(jobs::paused.eq(!paused));
    let changed = if paused {
        diesel::update(target)
            .set((jobs::paused.eq(true), jobs::updated_at.eq(now)))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                jobs::paused.eq(false),
                jobs::next_run_at.eq(job.schedule.next_after(now)),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?
    };
    Ok(changed == 1)
}
