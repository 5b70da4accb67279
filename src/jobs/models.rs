//! The jobs, their schedules as stored, and the record of each run.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schedule::{time_of_minutes, Schedule, MAX_DAY_OF_MONTH};
use crate::schema::{job_runs, jobs};

crate::text_enum!(
    /// The scheduled jobs. Each is one row of `jobs` (added by its migration).
    JobKind {
        RegistrationPreparation => "registration_preparation" / "job-registration-preparation",
        DuesReminders => "dues_reminders" / "job-dues-reminders",
        PetitionAnonymisation => "petition_anonymisation" / "job-petition-anonymisation",
        MeetingReminders => "meeting_reminders" / "job-meeting-reminders",
    }
);

impl JobKind {
    /// What the job does, in a sentence (pages and the confirmation).
    pub fn description_key(self) -> &'static str {
        match self {
            JobKind::RegistrationPreparation => "job-registration-preparation-about",
            JobKind::DuesReminders => "job-dues-reminders-about",
            JobKind::PetitionAnonymisation => "job-petition-anonymisation-about",
            JobKind::MeetingReminders => "job-meeting-reminders-about",
        }
    }

    /// The message that counts what a run did ("42 reminders queued"), with `$count`.
    pub fn items_key(self) -> &'static str {
        match self {
            JobKind::RegistrationPreparation => "job-items-registration-preparation",
            JobKind::DuesReminders => "job-items-dues-reminders",
            JobKind::PetitionAnonymisation => "job-items-petition-anonymisation",
            JobKind::MeetingReminders => "job-items-meeting-reminders",
        }
    }
}

crate::text_enum!(
    /// How a run ended (or that it has not yet).
    Outcome {
        Running => "running" / "job-outcome-running",
        Succeeded => "ok" / "job-outcome-ok",
        Failed => "failed" / "job-outcome-failed",
        Abandoned => "abandoned" / "job-outcome-abandoned",
    }
);

/// A row of `jobs` as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub name: String,
    pub schedule_kind: String,
    pub day_of_month: Option<i32>,
    pub minute_of_day: i32,
    pub paused: bool,
    pub next_run_at: Option<NaiveDateTime>,
    pub lease_holder: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// A job with its schedule resolved (the registration job follows the
/// registration day set on the registration page).
#[derive(Debug, Clone)]
pub struct Job {
    pub kind: JobKind,
    pub schedule: Schedule,
    /// The day of the month is the registration day setting, not its own.
    pub on_registration_day: bool,
    pub paused: bool,
    /// NULL until a runner first saw the job.
    pub next_run_at: Option<NaiveDateTime>,
    pub lease_holder: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
}

impl Job {
    /// Reads a stored row; `None` for a row this version does not know.
    pub fn from_row(row: JobRow, registration_day: u32) -> Option<Job> {
        let kind = JobKind::parse(&row.name)?;
        let at = time_of_minutes(row.minute_of_day);
        let own_day = row
            .day_of_month
            .and_then(|d| u32::try_from(d).ok())
            .filter(|d| (1..=MAX_DAY_OF_MONTH).contains(d));
        let schedule = match row.schedule_kind.as_str() {
            "daily" => Schedule::Daily { at },
            _ => Schedule::Monthly {
                day: own_day.unwrap_or(registration_day),
                at,
            },
        };
        Some(Job {
            kind,
            on_registration_day: matches!(schedule, Schedule::Monthly { .. }) && own_day.is_none(),
            schedule,
            paused: row.paused,
            next_run_at: row.next_run_at,
            lease_holder: row.lease_holder,
            lease_until: row.lease_until,
        })
    }

    /// Someone holds the lease now: a run is under way.
    pub fn is_running(&self, now: NaiveDateTime) -> bool {
        self.lease_until.is_some_and(|until| until >= now)
    }

    /// Due now: not paused, its time has come, and nobody holds it.
    pub fn is_due(&self, now: NaiveDateTime) -> bool {
        !self.paused && self.next_run_at.is_some_and(|at| at <= now) && !self.is_running(now)
    }

    /// The stored next run no longer follows the schedule (the registration
    /// day was changed since), or there is none yet: the runner sets it.
    pub fn needs_rescheduling(&self) -> bool {
        match self.next_run_at {
            None => true,
            Some(at) => self.schedule.next_after(at - chrono::Duration::seconds(1)) != at,
        }
    }
}

/// One run of a job.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = job_runs)]
pub struct JobRun {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub job: JobKind,
    pub manual: bool,
    pub started_by: Option<i64>,
    pub holder: String,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = String)]
    pub outcome: Outcome,
    pub items: Option<i64>,
    pub detail: Option<String>,
    pub error: Option<String>,
}

impl JobRun {
    /// Seconds from start to finish, when it finished.
    pub fn seconds(&self) -> Option<i64> {
        self.finished_at
            .map(|end| (end - self.started_at).num_seconds().max(0))
    }
}
