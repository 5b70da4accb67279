//! One query codebase over SQLite and PostgreSQL.
//!
//! `DbConn` is diesel's `MultiConnection` over both backends: every query in the
//! app is written once against it. The pool hands out connections of the backend
//! the DATABASE_URL names; diesel is synchronous, so all database work goes
//! through [`Db::run`], which moves it onto tokio's blocking pool.

use std::sync::{mpsc, Arc, OnceLock};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub mod group;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgresql");

/// Any number: it only has to be the same in every instance of the app.
const MIGRATION_LOCK_ID: i64 = 0x5011_da21;

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Picks the backend from the URL scheme. diesel's own `establish` would try
    /// each backend in turn, and SQLite accepts almost any string as a file name.
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else if url.contains("://") && !url.starts_with("sqlite://") {
            None
        } else {
            Some(Backend::Sqlite)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("database task was cancelled")]
    Cancelled,
    /// The shared transaction of a group commit did not commit (see [`group`]).
    #[error("the group's transaction was not committed: {0}")]
    GroupCommit(String),
}

impl DbError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// Opens connections of one backend and prepares each SQLite connection.
pub struct ConnectionManager {
    url: String,
    backend: Backend,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url)
                .map(DbConn::Postgres)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite => {
                let path = self.url.strip_prefix("sqlite://").unwrap_or(&self.url);
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the one writer; NORMAL survives an app crash
                // (a power loss may roll back the last commits: see README).
                // busy_timeout first: the pool opens several connections at once, and
                // switching a new file to WAL must wait for the others, not fail.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                // The planner's statistics, where a table has none or has grown
                // tenfold since (SQLite's advice for long-lived connections; the
                // pool opens connections again every 30 minutes).
                conn.batch_execute(SQLITE_OPTIMIZE)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        r2d2::R2D2Connection::is_broken(conn)
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;

/// `ANALYZE` of the tables that need it, bounded to a sample of rows per index
/// so that it stays quick on a large file.
const SQLITE_OPTIMIZE: &str = "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;";

/// Refreshes the statistics the query planner chooses its plans by, after a
/// bulk load (seed-demo, a CSV import). Without them SQLite walked all 7,854
/// cities to find the 53 officers instead of the other way round (the officers
/// page answered 660 requests a second instead of 1,600). PostgreSQL's
/// autovacuum would get there too, but only after a while.
pub fn refresh_planner_statistics(conn: &mut DbConn) -> DbResult<()> {
    match conn {
        DbConn::Sqlite(c) => c.batch_execute(SQLITE_OPTIMIZE)?,
        DbConn::Postgres(c) => c.batch_execute("ANALYZE")?,
    }
    Ok(())
}

/// The app's handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// The group-commit writer, started by the first [`Db::grouped`].
    group: Arc<OnceLock<mpsc::Sender<group::Job>>>,
}

impl Db {
    pub fn connect(url: &str, backend: Backend, pool_size: u32) -> DbResult<Db> {
        let manager = ConnectionManager {
            url: url.to_string(),
            backend,
        };
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            .connection_timeout(Duration::from_secs(10))
            .build(manager)?;
        Ok(Db {
            pool,
            backend,
            group: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool's connections: (open, idle, maximum), for the operators' figures.
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let state = self.pool.state();
        (
            state.connections,
            state.idle_connections,
            self.pool.max_size(),
        )
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> DbResult<T>
    where
        F: FnOnce(&mut DbConn) -> DbResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.read(f).await
    }

    /// Like [`Db::run`], inside a write transaction (see [`write_transaction`]).
    pub async fn write<T, F>(&self, f: F) -> DbResult<T>
    where
        F: FnOnce(&mut DbConn) -> DbResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.transaction(f).await
    }

    /// An area's read: like [`Db::run`], with the area's own error type, so the
    /// operation can refuse (not found, not allowed) in the same result.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn)
        })
        .await
        .map_err(|_| E::from(DbError::Cancelled))?
    }

    /// An area's operation in one write transaction: any error, a refusal as
    /// much as a failed query, rolls back everything written before it.
    pub async fn transaction<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        self.read(move |conn| write_transaction(conn, f)).await
    }

    /// An area's operation in a write transaction it shares with the others
    /// waiting at this moment, in a savepoint of its own (see [`group`]): for a
    /// hot write path, where many short transactions would queue on the write
    /// lock (SQLite) or on a WAL flush each (PostgreSQL). Its error rolls back
    /// its own writes only; the answer comes after the group's commit.
    pub async fn grouped<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        let sender = match self.group.get() {
            Some(sender) => sender,
            None => {
                let started = group::start(self.pool.clone())
                    .map_err(|e| E::from(DbError::GroupCommit(e.to_string())))?;
                // Two first callers at once: the one set first wins, the other
                // thread ends at once as its sender is dropped here.
                self.group.get_or_init(|| started)
            }
        };
        let (job, answer) = group::job(f);
        sender
            .send(job)
            .map_err(|_| E::from(DbError::GroupCommit("the writer has stopped".into())))?;
        answer.await.unwrap_or_else(|_| {
            Err(E::from(DbError::GroupCommit(
                "the group's transaction did not run".into(),
            )))
        })
    }

    /// Synchronous access for command-line subcommands.
    pub fn get(&self) -> DbResult<r2d2::PooledConnection<ConnectionManager>> {
        Ok(self.pool.get()?)
    }

    /// Applies the embedded migrations of this backend. On PostgreSQL an advisory
    /// lock keeps several instances starting at once from migrating together.
    pub fn migrate(&self) -> anyhow::Result<()> {
        let mut conn = self.get()?;
        match &mut *conn {
            DbConn::Sqlite(c) => {
                c.run_pending_migrations(SQLITE_MIGRATIONS)
                    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
            }
            DbConn::Postgres(c) => {
                c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_ID})"))?;
                let result = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ());
                c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_ID})"))?;
                result.map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
            }
        }
        Ok(())
    }
}

/// A transaction that takes the write lock up front on SQLite (`BEGIN IMMEDIATE`).
///
/// A deferred SQLite transaction that reads first and writes later fails with
/// SQLITE_BUSY at once when another writer got in between, ignoring busy_timeout;
/// an immediate one waits its turn. PostgreSQL uses an ordinary transaction.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    type Manager = <DbConn as Connection>::TransactionManager;
    let DbConn::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    // Inside a transaction already (which holds the write lock): a savepoint.
    let depth =
        AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()?;
    if depth.is_some() {
        return conn.transaction(f);
    }
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            Manager::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Runs `$body` with the backend's own connection bound to `$c`: for statements
/// diesel's MultiConnection does not offer, such as multi-row inserts. The body is
/// compiled once per backend.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Postgres($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// An enum stored as text (a status, a kind), with its translation key:
/// `as_str`/`parse` for the column, `label_key` for pages, `ALL` for choices,
/// and `TryFrom<String>` so models can read it with `deserialize_as = String`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal / $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The message key of its name in the translation files.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(text: String) -> Result<$name, String> {
                $name::parse(&text).ok_or_else(|| format!("unknown {} {text:?}", stringify!($name)))
            }
        }
    };
}

/// The database side of an area's error type: `From<DbError>` and
/// `From<diesel::result::Error>` into its `Database(DbError)` variant, so `?`
/// works on queries inside the area's operations.
#[macro_export]
macro_rules! database_errors {
    ($error:ident) => {
        impl From<$crate::db::DbError> for $error {
            fn from(error: $crate::db::DbError) -> $error {
                $error::Database(error)
            }
        }

        impl From<diesel::result::Error> for $error {
            fn from(error: diesel::result::Error) -> $error {
                $error::Database($crate::db::DbError::Query(error))
            }
        }
    };
}
