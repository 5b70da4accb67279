use std::path::PathBuf;

use clap::{Parser, Subcommand};
use solidarity::config::Config;
use solidarity::startup::Application;

/// Solidarity: membership, dues, exhibitions, petitions and letters for an
/// association of cities for peace. Configured through environment variables
/// (see README); a `.env` file in the working folder is read too.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an admin account; the password comes from SOLIDARITY_ADMIN_PASSWORD or standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Load demonstration data: the paper's officers, Korean members and synthetic cities (Table 4).
    SeedDemo,
    /// Remove personal data of petitions whose retention period has passed.
    Anonymise,
    /// Deliver queued email and run due scheduled jobs without serving pages (run as many as you like).
    Worker,
    /// Write a consistent copy of the SQLite database to FILE while the server runs.
    Backup { file: PathBuf },
}

fn main() -> std::process::ExitCode {
    return_large_blocks_to_the_os();
    // A missing .env is normal; a broken one is worth saying.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("error: .env: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    init_tracing();
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: configuration: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), config)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            tracing::info!(?config, "starting");
            let app = Application::build(config).await?;
            tracing::info!(port = app.port(), "listening");
            app.run_until_stopped().await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Worker => solidarity::startup::run_mail_workers(config).await,
        Command::SeedDemo => solidarity::cli::seed_demo(&config).await,
        Command::Anonymise => solidarity::cli::anonymise(&config).await,
        Command::Migrate => solidarity::cli::migrate(&config).await,
        Command::CreateAdmin { email, name } => {
            solidarity::cli::create_admin(&config, &email, &name).await
        }
        Command::Backup { file } => solidarity::cli::backup(&config, &file).await,
    }
}

/// Blocks of 1 MiB and more (argon2 takes 19 MiB a hash) go back to the OS when
/// freed. glibc otherwise raises its threshold after the first such block and
/// keeps them in per-thread heaps: a login burst then left the process hundreds
/// of MiB larger (load test: 415 MiB; with this, it settles at ~33 MiB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_os() {
    // SAFETY: mallopt only changes allocator tuning; called first thing in main,
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_os() {}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,solidarity=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();
}
