//! `cargo bench --bench loadtest`: measures the hot paths on SQLite and on
//! PostgreSQL and prints one Markdown table (also written to target/loadtest.md).
//!
//! Each backend is measured in a child process of its own (this same binary,
//! started again with `LOADTEST_MEASURE` set): resident memory and its peak are
//! per process, so a shared process would report the first backend's peak for
//! the second too, and a fresh process keeps one run's warm caches out of the
//! other's figures. The parent only creates and drops the PostgreSQL scratch
//! database and assembles the table.
//!
//! Environment:
//! - `LOADTEST_ONLY=mail`: only the mail rows (delivery, the bare SMTP loop,
//!   campaign enqueue and campaign end to end).
//! - `LOADTEST_SECONDS`: length of each measured run (default 2; each figure is
//!   the median of 3 runs after a warm-up).
//! - `LOADTEST_DATABASE_URL`: a PostgreSQL server where the user may create
//!   databases (default postgres://postgres@127.0.0.1:5432/postgres). When it
//!   cannot be reached, the PostgreSQL column is skipped.

// The parts live in benches/loadtest/, beside this file; a bench's root file
// looks for its modules in benches/ itself, hence the paths.
#[path = "loadtest/http_load.rs"]
mod http_load;
#[path = "loadtest/mail.rs"]
mod mail;
#[path = "loadtest/measure.rs"]
mod measure;
#[path = "loadtest/postgres.rs"]
mod postgres;
#[path = "loadtest/report.rs"]
mod report;
#[path = "loadtest/smtp_sink.rs"]
mod smtp_sink;

use std::process::{Command, Stdio};

use report::{Column, Table};

/// Set in the child processes: `sqlite`, or the URL of the PostgreSQL database to use.
const MEASURE_VAR: &str = "LOADTEST_MEASURE";
const SQLITE: &str = "sqlite";
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn main() {
    if let Ok(target) = std::env::var(MEASURE_VAR) {
        measure::run_in_this_process(&target);
        return;
    }

    let machine = report::machine_line(&measure::Settings::from_env());
    println!("{machine}\n");

    let sqlite = measure_in_child(SQLITE);
    let postgres = measure_postgres();
    let failed = sqlite.failed() || postgres.failed();

    let table = Table::new(vec![("SQLite", sqlite), ("PostgreSQL", postgres)]);
    let markdown = format!("{machine}\n\n{}", table.to_markdown());
    println!("\n{markdown}");
    report::write_to_target_dir("loadtest.md", &markdown);

    if failed {
        std::process::exit(1);
    }
}

/// Measures PostgreSQL on a scratch database, or explains why the column is empty.
fn measure_postgres() -> Column {
    let admin_url =
        std::env::var("LOADTEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.into());
    match postgres::ScratchDatabase::create(&admin_url) {
        // `database` is dropped at the end of this arm, once the child has exited.
        Ok(database) => {
            eprintln!(
                "PostgreSQL: measuring on scratch database {}",
                database.name()
            );
            measure_in_child(database.url())
        }
        Err(reason) => {
            println!("PostgreSQL column skipped: {reason}");
            Column::Skipped(reason)
        }
    }
}

/// Runs this binary again to measure one backend, and collects the rows it prints.
fn measure_in_child(target: &str) -> Column {
    let exe = std::env::current_exe().expect("the path of the running bench binary");
    let output = Command::new(exe)
        .env(MEASURE_VAR, target)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // Progress goes to stderr and is shown as it happens.
        .stderr(Stdio::inherit())
        .output()
        .expect("start the measuring child process");
    let rows = report::parse_rows(&String::from_utf8_lossy(&output.stdout));
    if output.status.success() {
        Column::Measured(rows)
    } else {
        eprintln!(
            "measuring {} failed ({})",
            backend_name(target),
            output.status
        );
        Column::Failed(rows)
    }
}

fn backend_name(target: &str) -> &'static str {
    if target == SQLITE {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}
