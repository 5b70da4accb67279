//! Scheduled jobs: a due job runs once and records its run; a paused job does
//! not run; "Run now" is for admins only; two app processes on one database
//! run a due job exactly once; the registration job emails the staff a link
//! to review and confirm the run, which stays theirs to start.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use solidarity::auth::Role;
use solidarity::jobs::{store, JobKind, JobRun, Outcome};
use solidarity::schema::jobs;

use crate::fixtures::*;
use crate::helpers::*;

/// Makes `kind` due: its next run set to a moment of its own schedule that
/// has passed (a moment off the schedule would be corrected by the runner).
async fn make_due(app: &TestApp, kind: JobKind) -> NaiveDateTime {
    app.db
        .write(move |conn| {
            let job = store::find(conn, kind)?.expect("the job exists");
            let past = job
                .schedule
                .next_after(solidarity::domain::clock::now() - chrono::Duration::days(40));
            diesel::update(jobs::table.find(kind.as_str()))
                .set(jobs::next_run_at.eq(Some(past)))
                .execute(conn)?;
            Ok(past)
        })
        .await
        .expect("job made due")
}

async fn runs_of(app: &TestApp, kind: JobKind) -> Vec<JobRun> {
    app.db
        .run(move |conn| store::runs(conn, kind, 1000))
        .await
        .expect("runs")
}

async fn next_run_of(app: &TestApp, kind: JobKind) -> Option<NaiveDateTime> {
    app.db
        .run(move |conn| Ok(store::find(conn, kind)?.and_then(|job| job.next_run_at)))
        .await
        .expect("job")
}

/// Waits (20 s at most) until `kind` has `count` finished runs; returns them.
async fn wait_for_finished_runs(app: &TestApp, kind: JobKind, count: usize) -> Vec<JobRun> {
    for _ in 0..800 {
        let runs = runs_of(app, kind).await;
        let finished = runs.iter().filter(|r| r.finished_at.is_some()).count();
        if finished >= count {
            return runs;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{} did not finish {count} run(s)", kind.as_str());
}

/// The runner looks often in these tests.
const QUICK_RUNNER: &[(&str, &str)] = &[("JOBS_POLL_MS", "20")];
/// No runner in the test's own app: the test drives it or other processes do.
const NO_RUNNER: &[(&str, &str)] = &[("JOBS_POLL_MS", "0")];

#[tokio::test]
async fn a_due_job_runs_once_and_records_its_run() {
    let app = spawn_app_with(TestDatabase::fresh(), QUICK_RUNNER).await;
    app.create_first_admin().await;

    let page = app.get_html("/admin/jobs").await;
    assert!(page.contains("Petition anonymisation"), "{page}");
    assert!(
        page.contains("Not run yet"),
        "before any run the page says so"
    );

    let due = make_due(&app, JobKind::PetitionAnonymisation).await;
    let runs = wait_for_finished_runs(&app, JobKind::PetitionAnonymisation, 1).await;
    assert_eq!(runs.len(), 1, "one run: {runs:?}");
    let run = &runs[0];
    assert_eq!(run.outcome, Outcome::Succeeded, "{run:?}");
    assert!(!run.manual);
    assert_eq!(run.items, Some(0), "no petition was due for anonymisation");
    assert!(run.finished_at.is_some_and(|end| end >= run.started_at));

    // The schedule moved on: tomorrow (or later today) at its time, not again now.
    let next = next_run_of(&app, JobKind::PetitionAnonymisation)
        .await
        .expect("a next run");
    assert!(next > due && next > run.started_at, "next run {next}");
    assert!(next - run.started_at <= chrono::Duration::days(1));

    let history = app.get_html("/admin/jobs/petition_anonymisation").await;
    assert!(history.contains("0 petitions anonymised"), "{history}");
    assert!(history.contains("The schedule"), "{history}");
    let list = app.get_html("/admin/jobs").await;
    assert!(
        list.contains("status-ok"),
        "the last run's outcome is listed"
    );
    // Still one run after the runner's next looks: it was due once.
    let again = runs_of(&app, JobKind::PetitionAnonymisation).await;
    assert_eq!(again.len(), 1);
}

#[tokio::test]
async fn a_paused_job_does_not_run_until_resumed() {
    let app = spawn_app_with(TestDatabase::fresh(), NO_RUNNER).await;
    app.create_first_admin().await;
    let config = test_config(&app.database, &[]);

    app.post_ok("/admin/jobs/dues_reminders/pause", &[]).await;
    let list = app.get_html("/admin/jobs").await;
    assert!(
        list.contains("Paused: it does not run until resumed"),
        "{list}"
    );
    // Pausing twice is refused, with the reason.
    let twice = app.post_form("/admin/jobs/dues_reminders/pause", &[]).await;
    assert_eq!(twice.status(), 303);
    assert!(app.get_html("/admin/jobs").await.contains("paused already"));

    // Reminders go out only with the bank details and a contact (issue #18).
    app.post_ok(
        "/admin/dues/payment-contact",
        &[
            ("bank_details", "Hiroshima Bank 1234567"),
            ("contact", "dues@mayorsforpeace.example"),
        ],
    )
    .await;
    make_due(&app, JobKind::DuesReminders).await;
    let ran = solidarity::jobs::runner::tick(&app.db, &config)
        .await
        .expect("the runner looks");
    assert!(ran.is_empty(), "a paused job does not run: {ran:?}");
    assert!(runs_of(&app, JobKind::DuesReminders).await.is_empty());

    app.post_ok("/admin/jobs/dues_reminders/resume", &[]).await;
    let next = next_run_of(&app, JobKind::DuesReminders)
        .await
        .expect("next run");
    assert!(
        next > solidarity::domain::clock::now(),
        "resuming schedules the next run from now, it does not catch up at once"
    );
    make_due(&app, JobKind::DuesReminders).await;
    let ran = solidarity::jobs::runner::tick(&app.db, &config)
        .await
        .expect("the runner looks");
    assert_eq!(ran.len(), 1, "{ran:?}");
    assert_eq!(ran[0].0, JobKind::DuesReminders);
    let runs = runs_of(&app, JobKind::DuesReminders).await;
    assert_eq!(runs[0].outcome, Outcome::Succeeded, "{:?}", runs[0]);

    let audit = app.get_html("/admin/audit?entity_type=job").await;
    assert!(
        audit.contains("Job paused") && audit.contains("Job resumed"),
        "{audit}"
    );
}

#[tokio::test]
async fn run_now_is_for_admins_and_records_a_manual_run() {
    let app = spawn_app_with(TestDatabase::fresh(), NO_RUNNER).await;
    app.create_first_admin().await;

    let confirm = app.get_html("/admin/jobs/petition_anonymisation/run").await;
    assert!(confirm.contains("action=\"/admin/jobs/petition_anonymisation/run\""));
    assert!(confirm.contains("csrf_token"));

    let staff = signed_in(&app, "staff@pcf.city.hiroshima.jp", Role::Staff, None).await;
    assert_eq!(staff.get("/admin/jobs").await.status(), 403);
    assert_eq!(
        staff
            .post("/admin/jobs/petition_anonymisation/run", &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        staff
            .post("/admin/jobs/petition_anonymisation/pause", &[])
            .await
            .status(),
        403
    );
    assert!(runs_of(&app, JobKind::PetitionAnonymisation)
        .await
        .is_empty());
    // Without the CSRF token, not even an admin's post counts.
    let forged = app
        .post_raw("/admin/jobs/petition_anonymisation/run", &[])
        .await;
    assert_eq!(forged.status(), 403);
    assert!(runs_of(&app, JobKind::PetitionAnonymisation)
        .await
        .is_empty());

    let back = app
        .post_ok("/admin/jobs/petition_anonymisation/run", &[])
        .await;
    assert_eq!(back, "/admin/jobs/petition_anonymisation");
    let history = app.get_html(&back).await;
    assert!(
        history.contains("Done: 0 petitions anonymised."),
        "{history}"
    );
    assert!(history.contains("An admin"), "{history}");
    let runs = runs_of(&app, JobKind::PetitionAnonymisation).await;
    assert_eq!(runs.len(), 1);
    assert!(runs[0].manual && runs[0].started_by.is_some());
    assert_eq!(
        next_run_of(&app, JobKind::PetitionAnonymisation).await,
        None,
        "run now leaves the schedule as it was"
    );
    let audit = app.get_html("/admin/audit?entity_type=job").await;
    assert!(audit.contains("Job run by hand"), "{audit}");

    assert_eq!(app.get("/admin/jobs/no_such_job").await.status(), 404);
}

#[tokio::test]
async fn the_registration_job_emails_staff_a_link_to_review_and_confirm() {
    let app = spawn_app_with(TestDatabase::fresh(), QUICK_RUNNER).await;
    app.create_first_admin().await;
    create_account(
        &app,
        "registrar@pcf.city.hiroshima.jp",
        PASSWORD,
        Role::Staff,
        None,
    )
    .await;
    apply_as_visitor(&app, &ypres()).await;
    let id = application_id(&app, "Ypres").await;
    app.post_ok(&format!("/staff/applications/{id}/approve"), &[])
        .await;

    make_due(&app, JobKind::RegistrationPreparation).await;
    let runs = wait_for_finished_runs(&app, JobKind::RegistrationPreparation, 1).await;
    assert_eq!(runs[0].outcome, Outcome::Succeeded, "{:?}", runs[0]);
    assert_eq!(runs[0].items, Some(1), "one approved application waits");

    let email = app
        .wait_for_email(
            "<registrar@pcf.city.hiroshima.jp>\r\nSubject: 1 approved application waits",
        )
        .await;
    assert_eq!(
        link_path(&email, "/staff/registration").as_deref(),
        Some("/staff/registration"),
        "{email}"
    );
    assert!(email.contains("Ypres (BE)"), "{email}");
    app.wait_for_email(&format!("To: \"Hiroshima Secretariat\" <{ADMIN_EMAIL}>"))
        .await;

    // Nobody registered by the job: the staff still confirm the run.
    let registration = app.get_html("/staff/registration").await;
    assert!(registration.contains("Ypres"), "{registration}");
    assert!(!app.get_html("/members").await.contains("Ypres"));
    let history = app.get_html("/admin/jobs/registration_preparation").await;
    assert!(
        history.contains("1 approved application waiting"),
        "{history}"
    );
}

/// `solidarity serve` or `solidarity worker` in a process of its own on
/// `database`, with a quick runner; returns once its log says `ready`.
fn start_process(
    command: &str,
    ready_line: &'static str,
    database: &TestDatabase,
    folder: &std::path::Path,
) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_solidarity"))
        .arg(command)
        .current_dir(folder)
        .env("DATABASE_URL", &database.url)
        .env("DATA_DIR", folder)
        .env(
            "SECRET_KEY",
            "a test key that is long enough for the cookie key",
        )
        .env("BIND", "127.0.0.1:0")
        .env("MAIL_WORKERS", "0")
        .env("DATABASE_POOL_SIZE", "2")
        .env("JOBS_POLL_MS", "5")
        .env("LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let (ready, listening) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut ready = Some(ready);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains(ready_line) {
                if let Some(ready) = ready.take() {
                    let _ = ready.send(());
                }
            }
        }
    });
    listening
        .recv_timeout(Duration::from_secs(60))
        .expect("the process is ready");
    child
}

fn stop_process(mut child: Child) {
    let pid = i32::try_from(child.id()).expect("a pid");
    // SAFETY: sends SIGTERM to a child this test started and has not reaped.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    let status = child.wait().expect("the process ends");
    assert!(status.success(), "stopped cleanly on SIGTERM: {status}");
}

/// Staff accounts written straight into the database (no password to check):
/// each run of the registration job emails every one of them, which makes a run
/// last long enough for the other process to look while it runs.
async fn many_staff(app: &TestApp, count: usize) {
    use solidarity::auth::queries::{insert_user, NewAccount};
    app.db
        .write(move |conn| {
            for n in 0..count {
                let email = format!("staff{n}@pcf.city.hiroshima.jp");
                insert_user(
                    conn,
                    NewAccount {
                        email_key: &email,
                        display_name: &format!("Staff {n}"),
                        password_hash: "not a hash: never signs in",
                        role: Role::Staff,
                        language: Some("ja"),
                        city_id: None,
                    },
                    solidarity::domain::clock::now(),
                )?;
            }
            Ok(())
        })
        .await
        .expect("staff accounts");
}

async fn queued_emails(app: &TestApp) -> i64 {
    use solidarity::schema::outbox;
    app.db
        .run(|conn| Ok(outbox::table.count().get_result::<i64>(conn)?))
        .await
        .expect("outbox count")
}

#[tokio::test]
async fn two_processes_on_one_database_run_a_due_job_exactly_once() {
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("JOBS_POLL_MS", "0"), ("MAIL_WORKERS", "0")],
    )
    .await;
    app.create_first_admin().await;
    apply_as_visitor(&app, &ypres()).await;
    let id = application_id(&app, "Ypres").await;
    app.post_ok(&format!("/staff/applications/{id}/approve"), &[])
        .await;
    const STAFF: usize = 300;
    many_staff(&app, STAFF).await;
    let emails_before = queued_emails(&app).await;

    let folders = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    // The runner runs in both: the web server, and the worker without it.
    let first = start_process("serve", "listening", &app.database, folders[0].path());
    let second = start_process("worker", "mail goes to", &app.database, folders[1].path());
    let pids = [first.id(), second.id()];

    const ROUNDS: usize = 5;
    for round in 1..=ROUNDS {
        make_due(&app, JobKind::RegistrationPreparation).await;
        wait_for_finished_runs(&app, JobKind::RegistrationPreparation, round).await;
    }
    // Both keep looking a while longer; nothing is due, so nothing more runs.
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop_process(first);
    stop_process(second);

    let runs = runs_of(&app, JobKind::RegistrationPreparation).await;
    assert_eq!(
        runs.len(),
        ROUNDS,
        "each due time ran exactly once: {runs:?}"
    );
    let took: Vec<i64> = runs
        .iter()
        .filter_map(|r| Some((r.finished_at? - r.started_at).num_milliseconds()))
        .collect();
    eprintln!(
        "registration runs of {} emails took (ms): {took:?}",
        STAFF + 1
    );
    for run in &runs {
        assert_eq!(run.outcome, Outcome::Succeeded, "{run:?}");
        assert_eq!(run.items, Some(1), "{run:?}");
        assert!(
            pids.iter()
                .any(|pid| run.holder.contains(&format!(":{pid}:"))),
            "run by one of the two processes: {}",
            run.holder
        );
    }
    // Every staff member and the admin got one email per run, no more.
    let sent = queued_emails(&app).await - emails_before;
    assert_eq!(sent, i64::try_from(ROUNDS * (STAFF + 1)).unwrap());
    // Neither process left its lease behind.
    let job = app
        .db
        .run(|conn| store::find(conn, JobKind::RegistrationPreparation))
        .await
        .unwrap()
        .unwrap();
    assert!(job.lease_holder.is_none() && job.lease_until.is_none());
}

#[tokio::test]
async fn a_run_whose_instance_died_is_marked_abandoned_when_its_lease_expires() {
    let app = spawn_app_with(TestDatabase::fresh(), NO_RUNNER).await;
    let config = test_config(&app.database, &[]);
    let past = make_due(&app, JobKind::PetitionAnonymisation).await;
    // An instance took the job and stopped mid-run: a run left "running" and
    // a lease that has expired.
    app.db
        .write(move |conn| {
            use solidarity::schema::job_runs;
            diesel::update(jobs::table.find(JobKind::PetitionAnonymisation.as_str()))
                .set((
                    jobs::lease_holder.eq(Some("gone:1:000000")),
                    jobs::lease_until.eq(Some(past)),
                ))
                .execute(conn)?;
            diesel::insert_into(job_runs::table)
                .values((
                    job_runs::job.eq(JobKind::PetitionAnonymisation.as_str()),
                    job_runs::manual.eq(false),
                    job_runs::holder.eq("gone:1:000000"),
                    job_runs::started_at.eq(past),
                    job_runs::outcome.eq(Outcome::Running.as_str()),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("a stale lease");

    let ran = solidarity::jobs::runner::tick(&app.db, &config)
        .await
        .expect("the runner looks");
    assert_eq!(ran.len(), 1, "the expired lease is taken over: {ran:?}");
    let runs = runs_of(&app, JobKind::PetitionAnonymisation).await;
    let outcomes: Vec<Outcome> = runs.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Succeeded, Outcome::Abandoned]);
    assert!(runs[1].finished_at.is_some() && runs[1].error.is_some());
}

#[tokio::test]
async fn an_admin_changes_a_schedule_and_a_bad_value_changes_nothing() {
    let app = spawn_app_with(TestDatabase::fresh(), NO_RUNNER).await;
    app.create_first_admin().await;
    let page = app.get_html("/admin/jobs/dues_reminders").await;
    assert!(
        page.contains("On day 1 of each month at 09:00 UTC"),
        "{page}"
    );

    let bad = app
        .post_form(
            "/admin/jobs/dues_reminders/schedule",
            &[("day", "31"), ("time", "25:00")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let form = bad.text().await.unwrap();
    assert!(form.contains("Give a day from 1 to 28."), "{form}");
    assert!(
        form.contains("Give a time of day as hours and minutes"),
        "{form}"
    );
    assert!(
        form.contains("value=\"31\""),
        "the form keeps what was typed"
    );
    assert!(app
        .get_html("/admin/jobs/dues_reminders")
        .await
        .contains("On day 1 of each month at 09:00 UTC"));

    let staff = signed_in(&app, "staff@pcf.city.hiroshima.jp", Role::Staff, None).await;
    let refused = staff
        .post(
            "/admin/jobs/dues_reminders/schedule",
            &[("day", "15"), ("time", "10:30")],
        )
        .await;
    assert_eq!(refused.status(), 403);

    app.post_ok(
        "/admin/jobs/dues_reminders/schedule",
        &[("day", "15"), ("time", "10:30")],
    )
    .await;
    let page = app.get_html("/admin/jobs/dues_reminders").await;
    assert!(
        page.contains("On day 15 of each month at 10:30 UTC"),
        "{page}"
    );
    let next = next_run_of(&app, JobKind::DuesReminders)
        .await
        .expect("a next run");
    assert_eq!(next.format("%d %H:%M").to_string(), "15 10:30");
    assert!(next > solidarity::domain::clock::now());
    let audit = app.get_html("/admin/audit?entity_type=job").await;
    assert!(
        audit.contains("monthly on day 1 at 09:00 UTC → monthly on day 15 at 10:30 UTC"),
        "{audit}"
    );

    // The registration job keeps the registration day; only its time changes.
    app.post_ok(
        "/admin/jobs/registration_preparation/schedule",
        &[("day", "3"), ("time", "06:15")],
    )
    .await;
    let page = app.get_html("/admin/jobs/registration_preparation").await;
    assert!(
        page.contains("On the registration day (day 20 of each month) at 06:15 UTC"),
        "{page}"
    );
}
