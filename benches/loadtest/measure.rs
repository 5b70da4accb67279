//! One backend's measurements, in a process of their own: start the app, load
//! its pages, sign in, deliver the outbox, enqueue a campaign to every member,
//! insert raw rows, and print each result as a row for the parent.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::prelude::*;
use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::StatusCode;
use solidarity::config::Config;
use solidarity::db::{self, Db, DbResult};
use solidarity::domain::EmailAddress;
use solidarity::i18n::Lang;
use solidarity::mail::outbox::Status;
use solidarity::mail::{Email, EmailContent};
use solidarity::schema::outbox as outbox_table;

use crate::http_load::{self, client_for, milliseconds, thousands, timed_get, Figures};
use crate::report::{emit_row, kib_field};

/// A page visitors open with GET. One line here adds its rows to the table.
struct GetTarget {
    path: &'static str,
    what: &'static str,
}

const GET_TARGETS: &[GetTarget] = &[
    GetTarget {
        path: "/",
        what: "home page",
    },
    GetTarget {
        path: "/static/app.css",
        what: "static asset, the ceiling for a page",
    },
    GetTarget {
        path: "/login",
        what: "login form",
    },
    GetTarget {
        path: "/members?continent=europe&sort=name",
        what: "member directory, filtered",
    },
    GetTarget {
        path: "/members?q=hann",
        what: "member directory, searched by name",
    },
    GetTarget {
        path: "/statistics",
        what: "statistics page",
    },
    GetTarget {
        path: "/officers",
        what: "officers page",
    },
    GetTarget {
        path: "/letters",
        what: "letters archive",
    },
    GetTarget {
        path: "/petitions/tpnw",
        what: "petition page",
    },
];

/// Pages measured with and without a login flood.
const FLOOD_PAGES: [&str; 2] = ["/", "/petitions/tpnw"];

/// Concurrent signers for the signing burst (the hottest public path).
const SIGNING_CONNECTIONS: [usize; 2] = [100, 500];

/// Concurrent visitors for each GET target.
const CONNECTIONS: [usize; 2] = [50, 200];

/// argon2 is capped at two hashes per core in the app; more clients would only queue.
const LOGIN_CLIENTS: usize = 8;
const ADMIN_EMAIL: &str = "secretariat@pcf.city.hiroshima.jp";
const ADMIN_PASSWORD: &str = "Peace Memorial Park 1945";
const SESSION_COOKIE: &str = "solidarity_session";

/// Campaign enqueue runs after the warm-up one; the figure is their median.
const CAMPAIGN_RUNS: usize = 3;

/// Signatures per raw-insert run at most, beside its time limit, to bound the file size.
const RAW_INSERT_MAX_ROWS: usize = 50_000;

/// How long the app may take to answer its first /healthz.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// How long each measurement runs.
pub struct Settings {
    pub warm_up: Duration,
    pub run: Duration,
    pub runs: usize,
}

impl Settings {
    /// `LOADTEST_SECONDS` (default 2, which keeps the whole run under 10 minutes
    /// on 2 cores) per measured run; the warm-up is at most 1 s.
    pub fn from_env() -> Settings {
        let seconds = match std::env::var("LOADTEST_SECONDS") {
            Ok(text) => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|s| (0.5..=60.0).contains(s))
                .expect("LOADTEST_SECONDS must be a number of seconds from 0.5 to 60"),
            Err(_) => 2.0,
        };
        let run = Duration::from_secs_f64(seconds);
        Settings {
            warm_up: run.min(Duration::from_secs(1)),
            run,
            runs: 3,
        }
    }
}

/// Entry point of a child process: `target` is `sqlite` or a PostgreSQL URL.
pub fn run_in_this_process(target: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(e) = runtime.block_on(measure_backend(target)) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

/// Which groups of rows to measure: `LOADTEST_ONLY`, a comma-separated list of
/// `pages`, `flood`, `signing`, `logins`, `mail`, `raw` (default: all).
struct Only(Option<Vec<String>>);

impl Only {
    fn from_env() -> Only {
        Only(std::env::var("LOADTEST_ONLY").ok().map(|list| {
            list.split(',')
                .map(|part| part.trim().to_string())
                .filter(|part| !part.is_empty())
                .collect()
        }))
    }

    fn wants(&self, group: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|groups| groups.iter().any(|g| g == group))
    }
}

async fn measure_backend(target: &str) -> anyhow::Result<()> {
    let settings = Settings::from_env();
    let only = Only::from_env();
    let data_dir = tempfile::tempdir().context("a temporary data folder")?;
    let vars = app_variables(data_dir.path(), target);
    let backend = crate::backend_name(target);

    progress(backend, "starting the app");
    let (app, startup) = RunningApp::start(&vars).await?;
    emit_row(
        "Start: `solidarity serve` started → first `/healthz` answered",
        &milliseconds(startup),
    );
    // Idle: started, migrated, nothing asked of it but /healthz.
    tokio::time::sleep(Duration::from_millis(500)).await;
    emit_row(
        "Server's resident memory, idle after start",
        &mebibytes(app.server_memory("VmRSS:")),
    );

    progress(backend, "loading seed-demo data and an open petition");
    load_demo_data(&app.db).await?;
    app.create_first_admin().await?;
    if only.wants("pages") {
        report_pages(backend, &app, &settings).await;
    }
    if only.wants("flood") {
        report_login_flood(backend, &app, &settings).await;
    }
    if only.wants("signing") {
        report_signing(backend, &app, &settings).await;
    }
    if only.wants("logins") {
        report_logins(backend, &app, &settings).await;
    }
    if only.wants("mail") {
        crate::mail::report_delivery(backend, &vars, &app.db).await?;
        report_campaign_enqueue(backend, &app.db).await?;
        let admin_id = prepare_campaign_audience(&app.db).await?;
        crate::mail::report_campaign_delivery(backend, &vars, &app.db, admin_id).await?;
    }
    if only.wants("raw") {
        report_raw_inserts(backend, &app.db, &settings).await?;
    }

    emit_row(
        "Server's resident memory, peak (whole run)",
        &mebibytes(app.server_memory("VmHWM:")),
    );
    emit_row(
        "Load generator's resident memory, peak (whole run; in-process mail workers and sink included)",
        &mebibytes(memory_of("/proc/self/status", "VmHWM:")),
    );
    progress(backend, "done");
    app.stop().await;
    Ok(())
}

/// The data the pages are measured with: seed-demo's 7,854 cities, and an
/// open petition for the petition page.
async fn load_demo_data(db: &Db) -> anyhow::Result<()> {
    use solidarity::petitions::{models::PetitionStatus, store};
    solidarity::demo::load(db).await?;
    let today = solidarity::domain::clock::today();
    db.write(move |conn| {
        let fields = store::PetitionFields {
            slug: "tpnw".into(),
            language: solidarity::i18n::Lang::english(),
            title: "Join the Treaty on the Prohibition of Nuclear Weapons".into(),
            summary: String::new(),
            body_markdown: "The **hibakusha** ask every state to join the TPNW.".into(),
            addressee: "All states".into(),
            goal: 1_000_000,
            opens_on: today,
            closes_on: today + chrono::Duration::days(365),
            status: PetitionStatus::Open,
            retention_days: 180,
        };
        store::insert(conn, &fields)
    })
    .await?;
    Ok(())
}

/// Progress on stderr. The resident memory at each step shows which step the
/// peak belongs to.
pub(crate) fn progress(backend: &str, what: &str) {
    eprintln!(
        "[{backend}] {what} (load generator's RSS {})",
        mebibytes(memory_of("/proc/self/status", "VmRSS:"))
    );
}

async fn report_pages(backend: &str, app: &RunningApp, settings: &Settings) {
    for page in GET_TARGETS {
        for connections in CONNECTIONS {
            progress(
                backend,
                &format!("GET {} with {connections} connections", page.path),
            );
            let figures = measure_page(app, page.path, connections, settings).await;
            emit_row(
                &format!(
                    "`GET {}` ({}), {connections} connections",
                    page.path, page.what
                ),
                &figures.describe("req/s"),
            );
        }
    }
}

async fn report_signing(backend: &str, app: &RunningApp, settings: &Settings) {
    let mut highest = 0;
    for connections in SIGNING_CONNECTIONS {
        progress(
            backend,
            &format!("signing the petition with {connections} connections"),
        );
        let sampling = sample_memory(app.server.id());
        let figures = measure_signing(app, connections, settings).await;
        highest = highest.max(sampling.stop().await);
        emit_row(
            &format!("`POST /petitions/tpnw/sign` (signing; the form's CSRF token fetched first), {connections} connections"),
            &figures.describe("signatures/s"),
        );
    }
    emit_row(
        "Server's resident memory under the signing burst (highest of samples every 50 ms)",
        &mebibytes(Some(highest)),
    );
    // The verification emails stay out of the delivery measurement.
    let cancelled = app
        .db
        .write(|conn| {
            Ok(diesel::update(
                outbox_table::table.filter(outbox_table::status.eq(Status::Queued.as_str())),
            )
            .set(outbox_table::status.eq(Status::Cancelled.as_str()))
            .execute(conn)?)
        })
        .await;
    if let Err(e) = cancelled {
        eprintln!("[{backend}] could not set the signing emails aside: {e}");
    }
}

async fn report_logins(backend: &str, app: &RunningApp, settings: &Settings) {
    progress(
        backend,
        &format!("POST /login with {LOGIN_CLIENTS} clients"),
    );
    let logins = measure_logins(app.url("/login"), settings_copy(settings)).await;
    emit_row(
        &format!("`POST /login` (argon2), {LOGIN_CLIENTS} clients"),
        &logins.describe("logins/s"),
    );
}

/// The pages while sign-ins run at full rate (argon2 on both cores): a page's
/// p99 with the flood, beside the same page measured just before without it.
async fn report_login_flood(backend: &str, app: &RunningApp, settings: &Settings) {
    for path in FLOOD_PAGES {
        progress(
            backend,
            &format!("GET {path}, 50 connections, without a login flood"),
        );
        let calm = measure_page(app, path, 50, settings).await;
        progress(
            backend,
            &format!("GET {path}, 50 connections, while {LOGIN_CLIENTS} clients sign in"),
        );
        let flood = tokio::spawn(measure_logins(app.url("/login"), settings_copy(settings)));
        let flooded = measure_page(app, path, 50, settings).await;
        let logins = flood.await.ok();
        let rise = 100.0 * (flooded.p99.as_secs_f64() / calm.p99.as_secs_f64().max(1e-6) - 1.0);
        emit_row(
            &format!("`GET {path}`, 50 connections, while {LOGIN_CLIENTS} clients sign in at full rate (login flood)"),
            &format!(
                "{} · without the flood {} req/s · p99 {} (p99 {rise:+.0}%){}",
                flooded.describe("req/s"),
                thousands(calm.per_second.round() as u64),
                milliseconds(calm.p99),
                logins.map_or(String::new(), |l| format!(" · {} logins/s meanwhile", thousands(l.per_second.round() as u64))),
            ),
        );
    }
}

fn settings_copy(settings: &Settings) -> Settings {
    Settings {
        warm_up: settings.warm_up,
        run: settings.run,
        runs: settings.runs,
    }
}

async fn report_campaign_enqueue(backend: &str, db: &Db) -> anyhow::Result<()> {
    progress(
        backend,
        "enqueueing a campaign to every seed-demo member, 1 + 3 times",
    );
    let (recipients, seconds) = measure_campaign_enqueue(db).await?;
    emit_row(
        &format!(
            "Campaign enqueue: every seed-demo member ({} recipients; the send request's `request_send`, one transaction)",
            thousands(recipients as u64)
        ),
        &format!("{seconds:.2} s ({} messages/s)", thousands((recipients as f64 / seconds).round() as u64)),
    );
    Ok(())
}

async fn report_raw_inserts(backend: &str, db: &Db, settings: &Settings) -> anyhow::Result<()> {
    let petition_id = db
        .run(|conn| solidarity::petitions::store::find_by_slug(conn, "tpnw"))
        .await?
        .context("the load test's petition is missing")?
        .id;
    for per_tx in [1, 100] {
        let signatures = if per_tx == 1 {
            "signature"
        } else {
            "signatures"
        };
        progress(
            backend,
            &format!("raw insert, {per_tx} {signatures} per transaction"),
        );
        let rate = measure_raw_inserts(db, petition_id, per_tx, settings).await?;
        emit_row(
            &format!(
                "Raw insert of a signature's rows (submission, signer, email; one writer), {per_tx} {signatures}/tx"
            ),
            &format!("{} signatures/s", thousands(rate.round() as u64)),
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- the app

/// The variables every app in this process starts with.
fn app_variables(data_dir: &Path, target: &str) -> HashMap<String, String> {
    let database_url = if target == crate::SQLITE {
        data_dir.join("solidarity.db").display().to_string()
    } else {
        target.to_string()
    };
    let mut vars = HashMap::from([
        ("DATA_DIR".into(), data_dir.display().to_string()),
        ("DATABASE_URL".into(), database_url),
        ("BIND".into(), "127.0.0.1:0".into()),
        // The delivery measurement starts its own workers; none may run beside the pages.
        ("MAIL_WORKERS".into(), "0".into()),
        // Signers come from many addresses, given as X-Forwarded-For.
        ("TRUSTED_PROXIES".into(), "127.0.0.1".into()),
    ]);
    // `PAGE_CACHE_SECONDS=0 cargo bench --bench loadtest` measures every page
    // rendered for its visitor (the server's default keeps them 2 s).
    if let Ok(seconds) = std::env::var("PAGE_CACHE_SECONDS") {
        vars.insert("PAGE_CACHE_SECONDS".into(), seconds);
    }
    vars
}

pub(crate) fn config_from(
    vars: &HashMap<String, String>,
    extra: &[(&str, &str)],
) -> anyhow::Result<Config> {
    let mut vars = vars.clone();
    for (name, value) in extra {
        vars.insert(name.to_string(), value.to_string());
    }
    Ok(Config::from_lookup(|name| vars.get(name).cloned())?)
}

/// The app under test: the `solidarity` binary serving in a process of its own,
/// so that its memory is its own and the load generator's is not counted; and
/// this process's own connection to the same database, for the measurements
/// that call operations directly (seed data, campaign enqueue, raw inserts).
struct RunningApp {
    address: String,
    vars: HashMap<String, String>,
    db: Db,
    server: Child,
}

impl RunningApp {
    /// Starts `solidarity serve`; also returns the time from the start of the
    /// process to the first answered /healthz (migrations of a fresh database
    /// included).
    async fn start(vars: &HashMap<String, String>) -> anyhow::Result<(RunningApp, Duration)> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut vars = vars.clone();
        vars.insert("BIND".into(), format!("127.0.0.1:{port}"));
        let started = Instant::now();
        let server = solidarity_command(&vars)
            .arg("serve")
            .stdout(Stdio::null())
            .spawn()
            .context("start `solidarity serve`")?;
        let config = config_from(&vars, &[])?;
        let mut app = RunningApp {
            address: format!("http://127.0.0.1:{port}"),
            db: Db::connect(&config.database_url, config.backend, 8)?,
            vars,
            server,
        };
        if let Err(e) = app.wait_until_healthy().await {
            let _ = app.server.kill();
            return Err(e);
        }
        Ok((app, started.elapsed()))
    }

    async fn wait_until_healthy(&self) -> anyhow::Result<()> {
        let client = client_for(1, false);
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        while Instant::now() < deadline {
            if timed_get(&client, &self.url("/healthz")).await.is_some() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        anyhow::bail!("/healthz did not answer within {STARTUP_TIMEOUT:?}")
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The server's resident memory now (`VmRSS:`) or at its peak (`VmHWM:`).
    fn server_memory(&self, field: &str) -> Option<u64> {
        memory_of(&format!("/proc/{}/status", self.server.id()), field)
    }

    /// As the README's other first run: `solidarity create-admin`, the password
    /// from SOLIDARITY_ADMIN_PASSWORD.
    async fn create_first_admin(&self) -> anyhow::Result<()> {
        let mut command = solidarity_command(&self.vars);
        command
            .args(["create-admin", "--email", ADMIN_EMAIL])
            .args(["--name", "Hiroshima Secretariat"])
            .env("SOLIDARITY_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::null());
        let status = tokio::task::spawn_blocking(move || command.status()).await??;
        anyhow::ensure!(status.success(), "create-admin failed ({status})");
        Ok(())
    }

    /// SIGTERM, as a service manager stops it, and waits for the process.
    async fn stop(mut self) {
        // SAFETY: kill(2) on the pid of our own child, which has not been reaped.
        unsafe {
            libc::kill(self.server.id() as libc::pid_t, libc::SIGTERM);
        }
        let _ = tokio::task::spawn_blocking(move || self.server.wait()).await;
    }
}

/// The `solidarity` binary with exactly the app's variables (nothing inherited,
/// no .env read: it runs in the data folder).
fn solidarity_command(vars: &HashMap<String, String>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_solidarity"));
    command
        .env_clear()
        .envs(vars)
        .env("LOG", "warn")
        .current_dir(vars.get("DATA_DIR").map_or(".", String::as_str))
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

// ---------------------------------------------------------------- pages and login

/// Visitors keep their cookies, as most page views come from someone who already
/// has a session (and so a CSRF token) from an earlier page.
async fn measure_page(
    app: &RunningApp,
    path: &str,
    connections: usize,
    settings: &Settings,
) -> Figures {
    let client = client_for(connections, true);
    let url = app.url(path);
    http_load::measure_repeatedly(settings, connections, move || {
        let (client, url) = (client.clone(), url.clone());
        async move { timed_get(&client, &url).await }
    })
    .await
}

async fn measure_logins(url: String, settings: Settings) -> Figures {
    // Cookies by hand: every login is a new visitor with a session of its own.
    let client = client_for(LOGIN_CLIENTS, false);
    http_load::measure_repeatedly(&settings, LOGIN_CLIENTS, move || {
        let (client, url) = (client.clone(), url.clone());
        async move { sign_in_as_new_visitor(&client, &url).await }
    })
    .await
}

/// Every signature is a new visitor with an address of their own: the form is
/// opened (not timed) for a session and token, the signature posted (timed).
async fn measure_signing(app: &RunningApp, connections: usize, settings: &Settings) -> Figures {
    let client = client_for(connections, false);
    let (page, sign) = (app.url("/petitions/tpnw"), app.url("/petitions/tpnw/sign"));
    let signers = Arc::new(std::sync::atomic::AtomicU64::new(0));
    http_load::measure_repeatedly(settings, connections, move || {
        let (client, page, sign) = (client.clone(), page.clone(), sign.clone());
        let n = signers.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        async move { sign_as_new_visitor(&client, &page, &sign, n).await }
    })
    .await
}

/// One signer: a unique address at one of a thousand domains, and a client
/// address of its own (sent as X-Forwarded-For to an app told it is behind a
/// proxy; only a header, no traffic goes there), as a real burst looks.
async fn sign_as_new_visitor(
    client: &reqwest::Client,
    page_url: &str,
    sign_url: &str,
    n: u64,
) -> Option<Duration> {
    let (cookie, csrf_token) = open_form(client, page_url).await?;
    let forwarded_for = format!("198.51.{}.{}", (n / 250) % 250, n % 250 + 1);
    let email = format!("signer{n}@example{}.org", n % 1000);
    let started = Instant::now();
    let response = client
        .post(sign_url)
        .header(COOKIE, cookie)
        .header("X-Forwarded-For", forwarded_for)
        .form(&[
            ("name", "Sadako Sasaki"),
            ("country", "JP"),
            ("email", email.as_str()),
            ("consent", "yes"),
            ("csrf_token", &csrf_token),
        ])
        .send()
        .await
        .ok()?;
    let accepted = response.status() == StatusCode::SEE_OTHER;
    response.bytes().await.ok()?;
    accepted.then(|| started.elapsed())
}

/// Opens the login form (not timed) for a session and its CSRF token, then
/// posts the right password (timed) and expects the redirect of a signed-in user.
async fn sign_in_as_new_visitor(client: &reqwest::Client, login_url: &str) -> Option<Duration> {
    let (cookie, csrf_token) = open_form(client, login_url).await?;
    let started = Instant::now();
    let response = client
        .post(login_url)
        .header(COOKIE, cookie)
        .form(&[
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("csrf_token", &csrf_token),
        ])
        .send()
        .await
        .ok()?;
    let signed_in = response.status() == StatusCode::SEE_OTHER;
    response.bytes().await.ok()?;
    signed_in.then(|| started.elapsed())
}

/// GETs a form page without cookies; returns the new session cookie (`name=value`)
/// and the CSRF token from the page's hidden input.
async fn open_form(client: &reqwest::Client, url: &str) -> Option<(String, String)> {
    let response = client.get(url).send().await.ok()?;
    let cookie = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.starts_with(&format!("{SESSION_COOKIE}=")))?
        .to_string();
    let html = response.text().await.ok()?;
    Some((cookie, hidden_value(&html, "csrf_token")?))
}

/// The value of the hidden input `name` in a page.
fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

// ---------------------------------------------------------------- mail

/// A message of the size the app sends: text and HTML through the mail layout.
pub(crate) fn sample_email() -> Email {
    let to = EmailAddress::parse("mayor@city.example").expect("a valid address");
    let content = EmailContent {
        subject: "Your city's membership of Mayors for Peace".into(),
        greeting: "Dear Mayor,".into(),
        paragraphs: vec![
            "Thank you for joining Mayors for Peace.".into(),
            "Your membership starts on the first day of next month; the certificate follows by post.".into(),
        ],
        action: Some((
            "Open your city's record".into(),
            "https://solidarity.example.org/account".into(),
        )),
        after: vec!["Reference: APP-2026-0042".into()],
    };
    Email::new(to, Some("Mayor of Ypres"), Lang::english(), &content)
}

// ---------------------------------------------------------------- campaign enqueue

/// Times what `POST /admin/campaigns/{id}/send` does in its transaction
/// (`campaigns::store::request_send`: resolve the audience, render each message,
/// insert one outbox row per recipient in multi-row inserts) for a campaign to
/// every active member, called directly, once to warm up and [`CAMPAIGN_RUNS`]
/// times measured, each on a new campaign that is cancelled afterwards (so no
/// worker would ever send it). Returns the recipients and the median seconds.
async fn measure_campaign_enqueue(db: &Db) -> anyhow::Result<(usize, f64)> {
    use solidarity::campaigns::store;
    let admin_id = prepare_campaign_audience(db).await?;
    let mut seconds = Vec::new();
    let mut recipients = 0;
    for run in 0..=CAMPAIGN_RUNS {
        let campaign_id = db
            .write(move |conn| store::insert(conn, &campaign_to_everyone(run), admin_id))
            .await?;
        let today = solidarity::domain::clock::today();
        let started = Instant::now();
        let outcome = db
            .transaction(move |conn| {
                let links = store::Links {
                    base_url: "https://solidarity.example.org",
                    secret_key: b"the load test's key for unsubscribe links",
                };
                store::request_send(conn, campaign_id, Some(admin_id), &links, today)
            })
            .await?;
        let elapsed = started.elapsed();
        let store::Started::Sending(enqueued) = outcome else {
            anyhow::bail!("the campaign did not start sending: {outcome:?}");
        };
        let rows = db
            .write(move |conn| {
                let rows = store::progress(conn, campaign_id)?.total();
                store::cancel(conn, campaign_id)?;
                Ok(rows)
            })
            .await?;
        anyhow::ensure!(
            usize::try_from(rows)? == enqueued,
            "{enqueued} messages reported enqueued but {rows} outbox rows found"
        );
        if run > 0 {
            seconds.push(elapsed.as_secs_f64());
        }
        recipients = enqueued;
    }
    Ok((recipients, http_load::median(seconds)))
}

/// Seed-demo cities have addresses at example.org (reserved, RFC 2606). No
/// approval is asked above any number of recipients. Returns the id of the
/// admin who sends.
pub(crate) async fn prepare_campaign_audience(db: &Db) -> anyhow::Result<i64> {
    use solidarity::campaigns::store::APPROVAL_THRESHOLD;
    use solidarity::schema::users;
    let admin_id = db
        .write(|conn| {
            solidarity::settings::set(conn, APPROVAL_THRESHOLD, "1000000")?;
            Ok(users::table
                .filter(users::email.eq(ADMIN_EMAIL))
                .select(users::id)
                .first::<i64>(conn)?)
        })
        .await
        .context("let any campaign go without a second admin")?;
    Ok(admin_id)
}

/// A non-essential campaign to all active members, with every placeholder and the
/// unsubscribe link, as the secretariat writes them.
pub(crate) fn campaign_to_everyone(run: usize) -> solidarity::campaigns::store::CampaignFields {
    solidarity::campaigns::store::CampaignFields {
        subject: format!("Invitation to the General Conference, {{{{city}}}} ({run})"),
        body: "Dear Mayor {{mayor}},\n\nMayors for Peace invites {{city}} ({{country}}, member No. {{member_number}}) to the General Conference in Hiroshima.\n\nWe look forward to meeting you there.".into(),
        essential: false,
        filters: Default::default(),
        language: solidarity::i18n::Lang::english(),
    }
}

// ---------------------------------------------------------------- raw inserts

/// The database's own ceiling for the signing path: one writer inserting the
/// rows a signature writes (a pending submission, its signer and the
/// verification email in the outbox), `per_tx` signatures per transaction, with
/// no HTTP, no checks and nothing else running. Returns the median
/// signatures/s of the runs after a warm-up.
async fn measure_raw_inserts(
    db: &Db,
    petition_id: i64,
    per_tx: usize,
    settings: &Settings,
) -> anyhow::Result<f64> {
    let durations = std::iter::once(settings.warm_up)
        .chain(std::iter::repeat_n(settings.run, settings.runs))
        .enumerate();
    let mut rates = Vec::new();
    for (run, duration) in durations {
        let db = db.clone();
        let rate = tokio::task::spawn_blocking(move || {
            let tag = format!("raw-{per_tx}-{run}");
            insert_signatures_for(&db, petition_id, per_tx, duration, &tag)
        })
        .await??;
        if run > 0 {
            rates.push(rate);
        }
    }
    Ok(http_load::median(rates))
}

/// Inserts until `duration` or [`RAW_INSERT_MAX_ROWS`] signatures; returns
/// signatures per second.
fn insert_signatures_for(
    db: &Db,
    petition_id: i64,
    per_tx: usize,
    duration: Duration,
    tag: &str,
) -> DbResult<f64> {
    let mut conn = db.get()?;
    let started = Instant::now();
    let mut inserted = 0;
    while inserted + per_tx <= RAW_INSERT_MAX_ROWS && started.elapsed() < duration {
        db::write_transaction(&mut conn, |conn| {
            for n in inserted..inserted + per_tx {
                insert_raw_signature(conn, petition_id, &format!("{tag}-{n}"))?;
            }
            DbResult::Ok(())
        })?;
        inserted += per_tx;
    }
    Ok(inserted as f64 / started.elapsed().as_secs_f64())
}

/// The three rows of one online signature, as `signing::submit` writes them.
/// The email row is marked cancelled so that no worker would ever send it.
fn insert_raw_signature(conn: &mut db::DbConn, petition_id: i64, key: &str) -> DbResult<()> {
    use solidarity::petitions::models::SubmissionStatus;
    use solidarity::schema::{
        petition_signatures as signatures, petition_submissions as submissions,
    };
    let now = solidarity::domain::clock::now();
    let email = format!("{key}@signers.example");
    let submission_id: i64 = diesel::insert_into(submissions::table)
        .values((
            submissions::petition_id.eq(petition_id),
            submissions::email.eq(&email),
            submissions::email_key.eq(&email),
            submissions::email_domain.eq("signers.example"),
            submissions::language.eq("en"),
            submissions::keep_informed.eq(false),
            submissions::status.eq(SubmissionStatus::Pending.as_str()),
            submissions::ip.eq("203.0.113.7"),
            submissions::expires_at.eq(now + chrono::Duration::days(7)),
            submissions::last_sent_at.eq(now),
            submissions::created_at.eq(now),
        ))
        .returning(submissions::id)
        .get_result(conn)?;
    diesel::insert_into(signatures::table)
        .values((
            signatures::submission_id.eq(submission_id),
            signatures::petition_id.eq(petition_id),
            signatures::name.eq("Raw Insert"),
            signatures::country_code.eq("JP"),
            signatures::is_submitter.eq(true),
            signatures::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::insert_into(outbox_table::table)
        .values((
            outbox_table::idempotency_key.eq(key),
            outbox_table::recipient_email.eq(&email),
            outbox_table::subject.eq("Please confirm your signature"),
            outbox_table::text_body.eq("A short body for the raw insert rate."),
            outbox_table::status.eq(Status::Cancelled.as_str()),
            outbox_table::attempts.eq(0),
            outbox_table::next_attempt_at.eq(now),
            outbox_table::message_id.eq(key),
            outbox_table::created_at.eq(now),
            outbox_table::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

// ---------------------------------------------------------------- memory

/// A memory figure in KiB from a /proc status file (VmRSS now, VmHWM peak).
fn memory_of(status_file: &str, field: &str) -> Option<u64> {
    std::fs::read_to_string(status_file)
        .ok()
        .and_then(|status| kib_field(&status, field))
}

fn mebibytes(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "unknown".into(),
        |kib| format!("{:.0} MiB", kib as f64 / 1024.0),
    )
}

/// Samples a process's resident memory every 50 ms until stopped.
struct Sampling {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<u64>,
}

fn sample_memory(pid: u32) -> Sampling {
    let (stop, mut stopped) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(async move {
        let file = format!("/proc/{pid}/status");
        let mut highest = 0;
        loop {
            highest = highest.max(memory_of(&file, "VmRSS:").unwrap_or(0));
            tokio::select! {
                _ = &mut stopped => return highest,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
        }
    });
    Sampling { stop, task }
}

impl Sampling {
    async fn stop(self) -> u64 {
        let _ = self.stop.send(());
        self.task.await.unwrap_or(0)
    }
}
