//! `spawn_app`: the real application on a random port, with a fresh database:
//! a new SQLite file, or a new PostgreSQL database on the server named by
//! TEST_DATABASE_URL (dropped again when the test ends).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::HeaderValue;
use solidarity::config::Config;
use solidarity::db::Db;
use solidarity::startup::Application;

pub const ADMIN_EMAIL: &str = "secretariat@pcf.city.hiroshima.jp";
pub const ADMIN_PASSWORD: &str = "Peace Memorial Park 1945";
pub const SESSION_COOKIE: &str = "solidarity_session";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub setup_link: Option<String>,
    pub db: Db,
    pub database: TestDatabase,
    handle: ServerHandle,
    running: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Where a test's data lives; kept for a restart, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pub data_dir: PathBuf,
    /// The PostgreSQL database to drop at the end, and the admin URL to drop it with.
    postgres: Option<(String, String)>,
    _temp: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub fn fresh() -> TestDatabase {
        let temp = tempfile::tempdir().expect("temporary folder");
        let data_dir = temp.path().to_path_buf();
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!(
                    "solidarity_test_{}",
                    solidarity::domain::random::random_hex(6)
                );
                let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!("TEST_DATABASE_URL is set but PostgreSQL cannot be reached: {e}")
                });
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                TestDatabase {
                    url: with_database_name(&admin_url, &name),
                    data_dir,
                    postgres: Some((admin_url, name)),
                    _temp: Some(temp),
                }
            }
            _ => TestDatabase {
                url: data_dir.join("solidarity.db").display().to_string(),
                data_dir,
                postgres: None,
                _temp: Some(temp),
            },
        }
    }

    /// A new SQLite test database that starts as a copy of the file at `path`.
    pub fn copy_of(path: &Path) -> TestDatabase {
        let temp = tempfile::tempdir().expect("temporary folder");
        let data_dir = temp.path().to_path_buf();
        let url = data_dir.join("solidarity.db");
        std::fs::copy(path, &url).expect("copy the database file");
        TestDatabase {
            url: url.display().to_string(),
            data_dir,
            postgres: None,
            _temp: Some(temp),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres {
            if let Ok(mut admin) = PgConnection::establish(admin_url) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// `postgres://u@h:5432/test?x=y` with the database `name` instead of `test`.
pub fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

pub fn test_config(database: &TestDatabase, extra: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATA_DIR".into(), database.data_dir.display().to_string()),
        ("DATABASE_URL".into(), database.url.clone()),
        ("BIND".into(), "127.0.0.1:0".into()),
        ("DATABASE_POOL_SIZE".into(), "4".into()),
        // Tests wait for mail: look often, retry soon.
        ("MAIL_POLL_MS".into(), "20".into()),
        ("MAIL_RETRY_BASE_MS".into(), "100".into()),
        ("MAIL_RATE_PER_SECOND".into(), "1000".into()),
        // Admins sign in with a password alone unless a test asks for the
        // second factor (TWO_FACTOR_REQUIRED=admin, the production default).
        ("TWO_FACTOR_REQUIRED".into(), "none".into()),
    ]);
    for (k, v) in extra {
        vars.insert(k.to_string(), v.to_string());
    }
    Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDatabase::fresh()).await
}

/// Starts the app on an existing database (used to restart it).
pub async fn spawn_app_on(database: TestDatabase) -> TestApp {
    spawn_app_with(database, &[]).await
}

/// Starts the app with extra configuration (e.g. SMTP_URL).
pub async fn spawn_app_with(database: TestDatabase, extra: &[(&str, &str)]) -> TestApp {
    let config = test_config(&database, extra);
    let app = Application::build(config)
        .await
        .expect("application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let setup_link = app
        .setup_link()
        .map(|link| link.replacen("http://127.0.0.1:0", &address, 1));
    let db = app.db().clone();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());
    let jar = Arc::new(Jar::default());
    TestApp {
        address,
        client: client_with(jar.clone()),
        jar,
        setup_link,
        db,
        database,
        handle,
        running,
    }
}

pub fn client_with(jar: Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// Posts a form as a browser would: with the CSRF token of the session.
    /// Check the answer: a route that broke must fail the test that posts to it.
    #[must_use = "check the answer's status (and where it redirects)"]
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        submit(&self.client, &self.address, "/", path, fields).await
    }

    /// Posts exactly these fields, without adding a CSRF token.
    #[must_use = "check the answer's status (and where it redirects)"]
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// The session's CSRF token, read from a page's form as a browser would see it.
    pub async fn csrf_token(&self) -> String {
        let html = self.get_html("/").await;
        hidden_value(&html, "csrf_token").expect("pages carry a CSRF token")
    }

    pub fn session_cookie(&self) -> Option<String> {
        let url = self.address.parse().expect("url");
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split("; ").find_map(|pair| {
            pair.strip_prefix(&format!("{SESSION_COOKIE}="))
                .map(str::to_string)
        })
    }

    pub fn set_session_cookie(&self, value: &str) {
        let url = self.address.parse().expect("url");
        self.jar.set_cookies(
            &mut [
                HeaderValue::from_str(&format!("{SESSION_COOKIE}={value}; Path=/"))
                    .expect("cookie"),
            ]
            .iter(),
            &url,
        );
    }

    /// Creates the first admin through the setup link and stays signed in as them.
    pub async fn create_first_admin(&self) {
        let link = self
            .setup_link
            .clone()
            .expect("a fresh app offers a setup link");
        let path = link.trim_start_matches(&self.address).to_string();
        self.get(&path).await;
        let response = self
            .post_form(
                &path,
                &[
                    ("email", ADMIN_EMAIL),
                    ("display_name", "Hiroshima Secretariat"),
                    ("password", ADMIN_PASSWORD),
                    ("password_confirm", ADMIN_PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "setup redirects to the dashboard");
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    pub async fn logout(&self) {
        let response = self.post_form("/logout", &[]).await;
        assert_eq!(response.status(), 303, "signed out");
    }

    /// Posts a form that must succeed with a redirect; returns where it leads.
    pub async fn post_ok(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let response = self.post_form(path, fields).await;
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            status,
            303,
            "POST {path} should succeed with a redirect; got {status}: {}",
            response.text().await.unwrap_or_default()
        );
        location
    }

    /// An admin invites someone; returns the invitation path from the email they get.
    pub async fn invite(&self, email: &str, name: &str, role: &str) -> String {
        let response = self
            .post_form(
                "/admin/users/invite",
                &[("email", email), ("display_name", name), ("role", role)],
            )
            .await;
        assert_eq!(response.status(), 303, "invitation created");
        let message = self
            .wait_for_email(&format!("To: \"{name}\" <{email}>"))
            .await;
        link_path(&message, "/invite/").expect("the invitation email carries the link")
    }

    /// A second browser on the same app (its own cookies).
    pub fn new_browser(&self) -> (reqwest::Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        (client_with(jar.clone()), jar)
    }

    /// Stops the server gracefully (and its mail workers), keeping the database.
    pub async fn stop(self) -> (TestDatabase, Arc<Jar>) {
        self.handle.stop(true).await;
        let _ = self.running.await;
        (self.database, self.jar)
    }

    /// The .eml files the file transport wrote, oldest first.
    pub fn written_emails(&self) -> Vec<String> {
        let folder = self.database.data_dir.join("mail");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Waits for an .eml file containing `needle` (10 s at most) and returns it.
    pub async fn wait_for_email(&self, needle: &str) -> String {
        for _ in 0..400 {
            if let Some(email) = self
                .written_emails()
                .into_iter()
                .find(|e| e.contains(needle))
            {
                return email;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("no email containing {needle:?} was written");
    }
}

/// The value of the hidden input `name` in a page.
/// The session's CSRF token as a browser sees it, in the form of the page at `url`.
pub async fn csrf_token_on(client: &reqwest::Client, url: &str) -> String {
    let page = client
        .get(url)
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    hidden_value(&page, "csrf_token").expect("the page carries a CSRF token")
}

/// What a browser does for every form: open the page with the form (`form_page`),
/// take the session's CSRF token from it, and post the fields with it to `action`.
#[must_use = "check the answer's status (and where it redirects)"]
pub async fn submit(
    client: &reqwest::Client,
    address: &str,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf_token_on(client, &format!("{address}{form_page}")).await;
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf_token", &token));
    client
        .post(format!("{address}{action}"))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// The path of the first link in `text` that starts with `prefix` (e.g. "/invite/").
pub fn link_path(text: &str, prefix: &str) -> Option<String> {
    // Undo quoted-printable: soft line breaks, and '=' written as =3D.
    let unwrapped = text.replace("=\r\n", "").replace("=3D", "=");
    let start = unwrapped
        .find(&format!("127.0.0.1:0{prefix}"))
        .map(|i| i + "127.0.0.1:0".len())?;
    let rest = &unwrapped[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// A member city written straight into the database (no application, no
/// registration run); returns its id and member number ("00001").
pub async fn member_city(
    app: &TestApp,
    name: &str,
    country: &str,
    email: &str,
    language: &str,
) -> (i64, String) {
    use solidarity::membership::cities::{self, NewCity};
    use solidarity::membership::models::{JoinPrecision, MembershipStatus};
    let (name, country, email, language) = (
        name.to_string(),
        country.to_string(),
        email.to_string(),
        language.to_string(),
    );
    app.db
        .write(move |conn| {
            let number = cities::next_member_number(conn)?;
            let id = cities::insert(
                conn,
                &NewCity {
                    member_number: number,
                    name_latin: &name,
                    name_native: None,
                    country_code: &country,
                    province: None,
                    mayor_name: None,
                    mayor_title: None,
                    contact_name: Some("Peace Office"),
                    email: Some(&email),
                    phone: None,
                    postal_address: None,
                    website: None,
                    population: None,
                    language: &language,
                    join_date: chrono::NaiveDate::from_ymd_opt(2010, 5, 1).expect("date"),
                    join_precision: JoinPrecision::Month,
                    status: MembershipStatus::Active,
                    withdrawn_on: None,
                    withdrawal_reason: None,
                    application_id: None,
                    demo: false,
                },
            )?;
            Ok((id, format!("{number:05}")))
        })
        .await
        .expect("member city")
}

/// An account written straight into the database, ready to sign in with `password`.
pub async fn create_account(
    app: &TestApp,
    email: &str,
    password: &str,
    role: solidarity::auth::Role,
    city_id: Option<i64>,
) {
    use solidarity::auth::queries::{insert_user, NewAccount};
    let hash = solidarity::auth::password::hash_blocking(password).expect("hash");
    let email = email.to_string();
    app.db
        .write(move |conn| {
            insert_user(
                conn,
                NewAccount {
                    email_key: &email,
                    display_name: &email,
                    password_hash: &hash,
                    role,
                    language: Some("en"),
                    city_id,
                },
                solidarity::domain::clock::now(),
            )
        })
        .await
        .expect("account");
}
