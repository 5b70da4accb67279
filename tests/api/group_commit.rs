//! Signatures that arrive together are committed together (issue #21 item 1):
//! one writer gathers the submissions waiting at the moment and commits them in
//! one transaction, each in a savepoint of its own, and answers only after the
//! commit; `kill -9` under a burst loses no acknowledged signature.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::cookie::Jar;

use crate::fixtures::open_petition;
use crate::helpers::*;

const PROXY: (&str, &str) = ("TRUSTED_PROXIES", "127.0.0.1");

/// A visitor with the signing form open: its browser and the form's token.
struct Signer {
    browser: reqwest::Client,
    token: String,
    n: usize,
}

impl Signer {
    async fn open(address: &str, n: usize) -> Option<Signer> {
        let browser = client_with(Arc::new(Jar::default()));
        let page = browser
            .get(format!("{address}/petitions/tpnw"))
            .send()
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        let token = hidden_value(&page, "csrf_token")?;
        Some(Signer { browser, token, n })
    }

    fn email(&self) -> String {
        format!("signer{}@burst{}.example.org", self.n, self.n % 7)
    }

    /// Posts the form from an address of its own; true when the page answered
    /// that the signature was taken (a redirect to `signed?outcome=sent`).
    async fn sign(&self, address: &str) -> bool {
        let email = self.email();
        let name = format!("Signer {}", self.n);
        let response = self
            .browser
            .post(format!("{address}/petitions/tpnw/sign"))
            .header(
                "X-Forwarded-For",
                format!("198.51.{}.{}", self.n / 200, self.n % 200 + 1),
            )
            .form(&[
                ("name", name.as_str()),
                ("country", "JP"),
                ("email", email.as_str()),
                ("consent", "yes"),
                ("csrf_token", self.token.as_str()),
            ])
            .send()
            .await;
        response.is_ok_and(|r| {
            r.status() == 303
                && r.headers()
                    .get("location")
                    .is_some_and(|l| l.as_bytes().ends_with(b"outcome=sent"))
        })
    }
}

/// Submissions stored for these addresses.
fn stored(database: &TestDatabase, emails: &[String]) -> HashSet<String> {
    let query = "SELECT email FROM petition_submissions";
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        email: Option<String>,
    }
    let rows: Vec<Row> = if database.is_postgres() {
        let mut conn = PgConnection::establish(&database.url).unwrap();
        diesel::sql_query(query).load(&mut conn).unwrap()
    } else {
        let mut conn = SqliteConnection::establish(&database.url).unwrap();
        diesel::sql_query(query).load(&mut conn).unwrap()
    };
    let all: HashSet<String> = rows.into_iter().filter_map(|r| r.email).collect();
    emails
        .iter()
        .filter(|e| all.contains(*e))
        .cloned()
        .collect()
}

/// Takes the write lock the signing path needs (SQLite: the database's one
/// write lock; PostgreSQL: the submissions table against inserts) and holds it
/// until the returned sender is dropped.
fn hold_the_write_lock(database: &TestDatabase) -> std::sync::mpsc::Sender<()> {
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (held, holding) = std::sync::mpsc::channel::<()>();
    let (url, postgres) = (database.url.clone(), database.is_postgres());
    std::thread::spawn(move || {
        let lock = "BEGIN; LOCK TABLE petition_submissions IN EXCLUSIVE MODE;";
        let mut pg: PgConnection;
        let mut sqlite: SqliteConnection;
        let conn: &mut dyn SimpleConnection = if postgres {
            pg = PgConnection::establish(&url).unwrap();
            pg.batch_execute(lock).unwrap();
            &mut pg
        } else {
            sqlite = SqliteConnection::establish(&url).unwrap();
            sqlite.batch_execute("BEGIN IMMEDIATE").unwrap();
            &mut sqlite
        };
        held.send(()).unwrap();
        let _ = released.recv();
        conn.batch_execute("COMMIT").unwrap();
    });
    holding.recv().unwrap();
    release
}

/// How many pages the burst's commits wrote (SQLite: frames in the WAL since
/// it was emptied by `reset`); zero on PostgreSQL.
fn write_cost(database: &TestDatabase, reset: bool) -> i64 {
    if database.is_postgres() {
        0
    } else {
        #[derive(QueryableByName)]
        struct Checkpoint {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            log: i32,
        }
        let mut conn = SqliteConnection::establish(&database.url).unwrap();
        let mode = if reset { "TRUNCATE" } else { "PASSIVE" };
        let checkpoint: Checkpoint = diesel::sql_query(format!("PRAGMA wal_checkpoint({mode})"))
            .get_result(&mut conn)
            .unwrap();
        i64::from(checkpoint.log)
    }
}

#[tokio::test]
async fn signatures_arriving_together_are_committed_together_and_answered_after_the_commit() {
    const SIGNERS: usize = 40;
    let app = spawn_app_with(TestDatabase::fresh(), &[PROXY, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let mut signers = Vec::new();
    for n in 0..SIGNERS {
        signers.push(Signer::open(&app.address, n).await.expect("the form opens"));
    }
    write_cost(&app.database, true);

    // The burst arrives while another writer holds the lock: nobody is told
    // anything until their signature is stored.
    let release = hold_the_write_lock(&app.database);
    let address = app.address.clone();
    let tasks: Vec<_> = signers
        .into_iter()
        .map(|signer| {
            let address = address.clone();
            tokio::spawn(async move { (signer.email(), signer.sign(&address).await) })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        tasks.iter().all(|t| !t.is_finished()),
        "no signer is answered before the signatures are committed"
    );
    drop(release);
    let mut acknowledged = Vec::new();
    for task in tasks {
        let (email, signed) = task.await.unwrap();
        assert!(signed, "{email} was told the signature was taken");
        acknowledged.push(email);
    }
    assert_eq!(stored(&app.database, &acknowledged).len(), SIGNERS);

    // One commit for those that waited together (the first one to arrive may
    // have its own): a transaction each would write each page again for every
    // signature. Measured on SQLite, in the WAL; on PostgreSQL a row written in
    // a savepoint carries the savepoint's own transaction id, so `xmin` cannot
    // tell, and only the answers and the rows above are checked.
    if app.database.is_postgres() {
        return;
    }
    let cost = write_cost(&app.database, false);
    eprintln!("group commit: {SIGNERS} signatures, {cost} pages written to the WAL");
    let most = 3 * SIGNERS as i64;
    assert!(
        cost <= most,
        "{SIGNERS} signatures waiting together wrote {cost} pages (at most {most})"
    );
}

// ------------------------------------------------------------ the kill test

const BURST_CONNECTIONS: usize = 64;
const KILL_AFTER: usize = 150;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_server_process(database: &TestDatabase, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_solidarity"))
        .arg("serve")
        .current_dir(&database.data_dir)
        .env("DATA_DIR", &database.data_dir)
        .env("DATABASE_URL", &database.url)
        .env("BIND", format!("127.0.0.1:{port}"))
        .env("TRUSTED_PROXIES", "127.0.0.1")
        .env("MAIL_WORKERS", "0")
        .env("LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start `solidarity serve`")
}

async fn wait_until_serving(address: &str) {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(response) = client.get(format!("{address}/healthz")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server process never answered /healthz");
}

#[tokio::test]
async fn killing_the_server_under_a_signing_burst_loses_no_acknowledged_signature() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let (database, _) = app.stop().await;

    let port = free_port();
    let address = format!("http://127.0.0.1:{port}");
    let mut server = start_server_process(&database, port);
    wait_until_serving(&address).await;

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let signing: Vec<_> = (0..BURST_CONNECTIONS)
        .map(|_| {
            let (address, acknowledged, next) =
                (address.clone(), acknowledged.clone(), next.clone());
            tokio::spawn(async move {
                // Until the server is gone: every request then fails at once.
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(signer) = Signer::open(&address, n).await else {
                        return;
                    };
                    if signer.sign(&address).await {
                        acknowledged.lock().unwrap().push(signer.email());
                    }
                }
            })
        })
        .collect();
    for _ in 0..2400 {
        if acknowledged.lock().unwrap().len() >= KILL_AFTER {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    server.kill().expect("SIGKILL the server");
    server.wait().expect("the server is gone");
    for task in signing {
        task.await.unwrap();
    }

    let acknowledged = acknowledged.lock().unwrap().clone();
    let attempted = next.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        acknowledged.len() >= KILL_AFTER,
        "the burst ran: {} acknowledged",
        acknowledged.len()
    );
    let kept = stored(&database, &acknowledged);
    eprintln!(
        "kill test: {attempted} signers started, {} acknowledged before the kill, {} of them stored",
        acknowledged.len(),
        kept.len()
    );
    let lost: Vec<&String> = acknowledged.iter().filter(|e| !kept.contains(*e)).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
}
