//! /admin/jobs: every job with its schedule, last run and next run; a job's
//! history; "Run now" (after a confirmation page), "Pause" and "Resume".

use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use actix_web::http::StatusCode;
use serde::Deserialize;

use crate::audit::AdminAction;
use crate::domain::clock::{now, today};
use crate::i18n::{FluentArg, Lang};
use crate::jobs::schedule::{parse_day, parse_time, Schedule};
use crate::jobs::{self, Job, JobKind, JobRun, Outcome, ScheduleChange};
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, Admin, AppError, AppState, PageCtx};

/// A job as the pages show it, every text in the reader's language.
struct JobLine {
    kind: JobKind,
    name: String,
    about: String,
    schedule: String,
    paused: bool,
    running: bool,
    next_run: String,
    /// A monthly job with a day of its own (the form offers to change it).
    own_day: Option<u32>,
    on_registration_day: bool,
    /// `09:00`, as the time input shows it.
    time: String,
}

impl JobLine {
    fn of(job: &Job, ctx: &PageCtx) -> JobLine {
        let lang = &ctx.lang;
        let next_run = if job.paused {
            lang.t("job-next-paused")
        } else {
            match job.next_run_at {
                Some(at) => ctx.datetime(at),
                None => lang.t("job-next-unscheduled"),
            }
        };
        JobLine {
            kind: job.kind,
            name: lang.t(job.kind.label_key()),
            about: lang.t(job.kind.description_key()),
            schedule: schedule_text(job, ctx),
            paused: job.paused,
            running: job.is_running(now()),
            next_run,
            own_day: match job.schedule {
                Schedule::Monthly { day, .. } if !job.on_registration_day => Some(day),
                _ => None,
            },
            on_registration_day: job.on_registration_day,
            time: time_of(job.schedule).format("%H:%M").to_string(),
        }
    }
}

fn time_of(schedule: Schedule) -> chrono::NaiveTime {
    match schedule {
        Schedule::Daily { at } | Schedule::Monthly { at, .. } => at,
    }
}

/// The schedule as kept (UTC), with the time in the reader's zone beside it:
/// "Every day at 09:00 UTC (18:00 JST)".
fn schedule_text(job: &Job, ctx: &PageCtx) -> String {
    let lang = &ctx.lang;
    let utc = schedule_in_utc(job, lang);
    if ctx.zone == chrono_tz::Tz::UTC {
        return utc;
    }
    let local = lang.time_in_zone(today(), time_of(job.schedule), ctx.zone);
    let local = lang.t_with("job-schedule-local", &[("time", FluentArg::Raw(local))]);
    format!("{utc} {local}")
}

fn schedule_in_utc(job: &Job, lang: &Lang) -> String {
    match job.schedule {
        Schedule::Daily { at } => lang.t_with(
            "job-schedule-daily",
            &[("time", FluentArg::Raw(at.format("%H:%M").to_string()))],
        ),
        Schedule::Monthly { day, at } => lang.t_with(
            if job.on_registration_day {
                "job-schedule-registration-day"
            } else {
                "job-schedule-monthly"
            },
            &[
                ("day", FluentArg::Count(i64::from(day))),
                ("time", FluentArg::Raw(at.format("%H:%M").to_string())),
            ],
        ),
    }
}

/// A run as the pages show it.
struct RunLine {
    id: i64,
    outcome: Outcome,
    outcome_label: String,
    started: String,
    finished: String,
    how: String,
    counts: String,
    detail: String,
    error: String,
}

impl RunLine {
    fn of(run: &JobRun, ctx: &PageCtx) -> RunLine {
        let lang = &ctx.lang;
        RunLine {
            id: run.id,
            outcome: run.outcome,
            outcome_label: lang.t(run.outcome.label_key()),
            started: ctx.datetime(run.started_at),
            finished: run
                .finished_at
                .map(|at| ctx.datetime(at))
                .unwrap_or_default(),
            how: lang.t(if run.manual {
                "job-run-manual"
            } else {
                "job-run-scheduled"
            }),
            counts: run
                .items
                .map(|n| {
                    lang.t_with(
                        run.job.items_key(),
                        &[
                            ("count", FluentArg::Count(n)),
                            ("number", FluentArg::Raw(lang.number(n))),
                        ],
                    )
                })
                .unwrap_or_default(),
            detail: run.detail.clone().unwrap_or_default(),
            error: run.error.clone().unwrap_or_default(),
        }
    }
}

fn kind_of(name: &str) -> Result<JobKind, AppError> {
    JobKind::parse(name).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "jobs/list.html")]
struct JobsPage {
    ctx: PageCtx,
    jobs: Vec<(JobLine, Option<RunLine>)>,
}

#[get("/admin/jobs")]
pub async fn jobs_page(admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let listed = jobs::overview(&state.db).await?;
    let ctx = &admin.ctx;
    let jobs = listed
        .iter()
        .map(|o| {
            (
                JobLine::of(&o.job, ctx),
                o.last_run.as_ref().map(|r| RunLine::of(r, ctx)),
            )
        })
        .collect();
    render(&JobsPage {
        ctx: admin.ctx,
        jobs,
    })
}

#[derive(Template)]
#[template(path = "jobs/history.html")]
struct HistoryPage {
    ctx: PageCtx,
    job: JobLine,
    runs: Vec<RunLine>,
    form: ScheduleForm,
    errors: FormErrors,
}

impl HistoryPage {
    async fn load(
        ctx: PageCtx,
        state: &AppState,
        kind: JobKind,
        form: Option<ScheduleForm>,
        errors: FormErrors,
    ) -> Result<HistoryPage, AppError> {
        let (job, runs) = jobs::history(&state.db, kind).await?;
        let job = JobLine::of(&job, &ctx);
        Ok(HistoryPage {
            form: form.unwrap_or_else(|| ScheduleForm {
                day: job.own_day.map(|d| d.to_string()).unwrap_or_default(),
                time: job.time.clone(),
            }),
            job,
            runs: runs.iter().map(|r| RunLine::of(r, &ctx)).collect(),
            errors,
            ctx,
        })
    }
}

/// The schedule form as typed.
#[derive(Deserialize)]
pub struct ScheduleForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    time: String,
}

#[get("/admin/jobs/{name}")]
pub async fn history_page(
    admin: Admin,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&name)?;
    render(&HistoryPage::load(admin.ctx, &state, kind, None, FormErrors::default()).await?)
}

/// A new time (and day) for a job; a bad value shows the form again with its
/// error and changes nothing.
#[post("/admin/jobs/{name}/schedule")]
pub async fn change_schedule(
    action: AdminAction,
    state: web::Data<AppState>,
    name: web::Path<String>,
    form: web::Form<ScheduleForm>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&name)?;
    let form = form.into_inner();
    let (job, _) = jobs::history(&state.db, kind).await?;
    let own_day = !job.on_registration_day && matches!(job.schedule, Schedule::Monthly { .. });
    let mut errors = FormErrors::default();
    let day = if own_day {
        errors.check("day", parse_day(&form.day))
    } else {
        None
    };
    let at = errors.check("time", parse_time(&form.time));
    let Some(at) = at.filter(|_| errors.is_empty()) else {
        let page = HistoryPage::load(action.ctx, &state, kind, Some(form), errors).await?;
        return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let back = format!("/admin/jobs/{}", kind.as_str());
    let changed =
        jobs::set_schedule(&state.db, kind, ScheduleChange { day, at }, &action.actor).await;
    action.answer(changed, &back, |_| action.t("job-schedule-saved"))
}

#[derive(Template)]
#[template(path = "jobs/confirm.html")]
struct ConfirmPage {
    ctx: PageCtx,
    job: JobLine,
}

/// "Run now" asks first: what the job will do, and one button that does it.
#[get("/admin/jobs/{name}/run")]
pub async fn confirm_run_page(
    admin: Admin,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (job, _) = jobs::history(&state.db, kind_of(&name)?).await?;
    render(&ConfirmPage {
        job: JobLine::of(&job, &admin.ctx),
        ctx: admin.ctx,
    })
}

#[post("/admin/jobs/{name}/run")]
pub async fn run_now(
    action: AdminAction,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&name)?;
    let back = format!("/admin/jobs/{}", kind.as_str());
    let ran = jobs::run_now(&state.db, &state.config, kind, &action.actor).await;
    let lang = action.lang();
    match ran {
        Ok(run) if run.outcome == Outcome::Succeeded => {
            let line = RunLine::of(&run, &action.ctx);
            let message = lang.t_with("job-ran", &[("counts", FluentArg::Str(line.counts))]);
            Ok(action.done(message, &back))
        }
        Ok(run) => {
            let error = run.error.unwrap_or_default();
            let message = lang.t_with("job-run-failed", &[("error", FluentArg::Str(error))]);
            Ok(action.refused(message, &back))
        }
        Err(error) => action.answer(Err::<(), _>(error), &back, |_| String::new()),
    }
}

#[post("/admin/jobs/{name}/pause")]
pub async fn pause(
    action: AdminAction,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&name)?;
    let paused = jobs::set_paused(&state.db, kind, true, &action.actor).await;
    action.answer(paused, "/admin/jobs", |_| action.t("job-paused"))
}

#[post("/admin/jobs/{name}/resume")]
pub async fn resume(
    action: AdminAction,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&name)?;
    let resumed = jobs::set_paused(&state.db, kind, false, &action.actor).await;
    action.answer(resumed, "/admin/jobs", |_| action.t("job-resumed"))
}
