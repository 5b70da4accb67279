//! Starting the server: connect, migrate, print the setup link, bind, serve.

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::{web, HttpServer};

use crate::app::build_app;
use crate::config::Config;
use crate::db::Db;
use crate::mail::transport::Transport;
use crate::mail::worker::Workers;
use crate::web::page_cache::PageCache;
use crate::web::AppState;

/// Seconds in-flight requests get to finish after SIGTERM.
const SHUTDOWN_GRACE_SECONDS: u64 = 30;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    setup_link: Option<String>,
    workers: Option<Workers>,
    background: Background,
}

/// Periodic work inside `serve` (the petition recount, the scheduled jobs'
/// runner), stopped with the server.
struct Background {
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Background {
    fn start(db: &Db, config: &Config, pages: &Arc<PageCache>) -> Background {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let every = std::time::Duration::from_secs(config.petition_recount_seconds);
        let mut tasks = vec![
            crate::petitions::start_recount(
                db.clone(),
                every,
                config.petition_milestones.clone(),
                stopped.clone(),
                {
                    let pages = pages.clone();
                    move || pages.invalidate()
                },
            ),
            crate::mail::retention::start(db.clone(), config.mail.retention_days, stopped.clone()),
        ];
        tasks.extend(crate::jobs::runner::start(
            db.clone(),
            config.clone(),
            stopped,
        ));
        Background { stop, tasks }
    }

    async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

impl Application {
    /// Connects to the database, applies migrations and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let db = open_database(&config).await?;
        let setup_link = announce_setup_link(&db, &config).await?;
        let listener = TcpListener::bind(config.bind)
            .map_err(|e| anyhow::anyhow!("BIND: cannot listen on {} ({e})", config.bind))?;
        let port = listener.local_addr()?.port();
        let workers = start_mail_workers(&db, &config)?;
        let pages = Arc::new(PageCache::new(Duration::from_secs(
            config.page_cache_seconds,
        )));
        let background = Background::start(&db, &config, &pages);
        let draining = Arc::new(AtomicBool::new(false));
        let drain = Duration::from_secs(config.shutdown_drain_seconds);
        let state = web::Data::new(AppState {
            pages,
            db: db.clone(),
            config: Arc::new(config),
            draining: draining.clone(),
            zone: Default::default(),
        });
        let server = HttpServer::new(move || build_app(state.clone()))
            .listen(listener)?
            .shutdown_timeout(SHUTDOWN_GRACE_SECONDS)
            .disable_signals()
            .run();
        tokio::spawn(stop_on_signal(server.handle(), draining, drain));
        Ok(Application {
            port,
            server,
            db,
            setup_link,
            workers,
            background,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The first-run link printed at start, while no admin exists.
    pub fn setup_link(&self) -> Option<&str> {
        self.setup_link.as_deref()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// A handle to stop the server (gracefully) from elsewhere.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped. SIGTERM and Ctrl-C stop it gracefully: the listener
    /// closes at once and in-flight requests get time to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.background.shutdown().await;
        if let Some(workers) = self.workers {
            workers.shutdown().await;
        }
        result
    }
}

/// Starts the delivery workers that run inside `serve`, unless MAIL_WORKERS=0.
fn start_mail_workers(db: &Db, config: &Config) -> anyhow::Result<Option<Workers>> {
    let transport = Transport::from_config(config)?;
    if config.mail.workers == 0 {
        tracing::info!("no mail workers in this process (MAIL_WORKERS=0)");
        return Ok(None);
    }
    tracing::info!(
        workers = config.mail.workers,
        "mail goes to {}",
        transport.describe()
    );
    Ok(Some(Workers::start(
        db.clone(),
        Arc::new(transport),
        config.mail.clone(),
    )))
}

/// `solidarity worker`: delivery workers and the scheduled jobs' runner without
/// the web server, until SIGTERM or Ctrl-C.
pub async fn run_mail_workers(config: Config) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    let mut mail = config.mail.clone();
    mail.workers = mail.workers.max(1);
    let transport = Transport::from_config(&config)?;
    tracing::info!(
        workers = mail.workers,
        "mail goes to {}",
        transport.describe()
    );
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let runner = crate::jobs::runner::start(db.clone(), config.clone(), stopped.clone());
    let retention = crate::mail::retention::start(db.clone(), mail.retention_days, stopped);
    let workers = Workers::start(db, Arc::new(transport), mail);
    shutdown_signal().await;
    tracing::info!("stopping: finishing the messages in hand and any job under way");
    let _ = stop.send(true);
    let _ = retention.await;
    if let Some(runner) = runner {
        let _ = runner.await;
    }
    workers.shutdown().await;
    Ok(())
}

/// SIGTERM or Ctrl-C: first fail the health check for `drain` while still
/// serving (so a load balancer stops sending new requests here, instead of
/// having connections refused or reset), then stop gracefully: the listener
/// closes and requests in flight get SHUTDOWN_GRACE_SECONDS to finish.
async fn stop_on_signal(server: ServerHandle, draining: Arc<AtomicBool>, drain: Duration) {
    shutdown_signal().await;
    if !drain.is_zero() {
        tracing::info!(
            seconds = drain.as_secs(),
            "stopping: draining (the health check now fails)"
        );
        draining.store(true, Ordering::Relaxed);
        tokio::time::sleep(drain).await;
    }
    tracing::info!("stopping: finishing the requests in flight");
    server.stop(true).await;
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Connects and applies this backend's migrations (off the async threads).
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(
        &config.database_url,
        config.backend,
        config.database_pool_size,
    )
    .map_err(|e| anyhow::anyhow!("DATABASE_URL: cannot connect ({e})"))?;
    let migrating = db.clone();
    tokio::task::spawn_blocking(move || migrating.migrate()).await??;
    let added = db
        .write(crate::membership::countries::ensure_reference_data)
        .await?;
    if added > 0 {
        tracing::info!(added, "countries and regions loaded");
    }
    // Cheap, and it makes the public figures right after an upgrade or a
    // change made to the database by hand.
    db.write(crate::membership::statistics::refresh_tallies)
        .await?;
    Ok(db)
}

/// While no admin exists, prints a one-time link to create the first one.
async fn announce_setup_link(db: &Db, config: &Config) -> anyhow::Result<Option<String>> {
    let base_url = config.base_url.clone();
    let link = db
        .run(move |conn| crate::accounts::create_setup_link(conn, &base_url))
        .await?;
    if let Some(link) = &link {
        tracing::warn!("no admin account exists yet");
        // Printed to stdout as well as the log so that it stands out on first run.
        println!("\n  Create the first admin account (link valid for one hour):\n  {link}\n");
    }
    Ok(link)
}
