//! Subcommands other than `serve`: create an admin, back up the database.

use std::io::BufRead;
use std::path::Path;

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;

use crate::auth::{password, queries, Role};
use crate::config::Config;
use crate::db::DbConn;
use crate::domain::{EmailAddress, Password, PlainLine, MIN_PASSWORD_CHARS};

/// Creates an admin account. The password is read from the environment variable
/// SOLIDARITY_ADMIN_PASSWORD or else from the first line of standard input, so it
/// never appears in the shell history or the process list.
pub async fn create_admin(config: &Config, email: &str, name: &str) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email)
        .map_err(|_| anyhow::anyhow!("--email: not a valid email address"))?;
    let name = PlainLine::parse(name, 100)
        .map_err(|_| anyhow::anyhow!("--name: one line of 1 to 100 characters"))?;
    let secret = match std::env::var("SOLIDARITY_ADMIN_PASSWORD") {
        Ok(secret) => secret,
        Err(_) => {
            eprintln!(
                "Password (at least {} characters), then Enter:",
                MIN_PASSWORD_CHARS
            );
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    // The same policy as the forms (length, common and breached passwords),
    // explained in the same words.
    let secret = Password::parse_new(&secret, &secret).map_err(|refusal| {
        anyhow::anyhow!(
            "the password is refused: {}",
            crate::i18n::Lang::default().t(refusal.0)
        )
    })?;
    let hash = password::hash_blocking(secret.expose()).map_err(|e| anyhow::anyhow!("{e}"))?;

    let db = crate::startup::open_database(config).await?;
    let id = db
        .write(move |conn| {
            let account = queries::NewAccount {
                email_key: &email.key(),
                display_name: name.as_str(),
                password_hash: &hash,
                role: Role::Admin,
                language: None,
                city_id: None,
            };
            let id = queries::insert_user(conn, account, crate::domain::clock::now())?;
            queries::delete_setup_tokens(conn)?;
            crate::audit::record(
                conn,
                &crate::audit::Actor::system(),
                crate::audit::Action::UserCreateAdmin,
                id,
                format!("admin {} created from the command line", email.key()),
            )?;
            Ok(id)
        })
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                anyhow::anyhow!("an account with this email address already exists")
            } else {
                anyhow::anyhow!(e)
            }
        })?;
    println!("Admin account {id} created.");
    Ok(())
}

/// Writes a consistent copy of the SQLite database while the server runs.
pub async fn backup(config: &Config, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        bail!(
            "{} exists already; choose a new file name",
            target.display()
        );
    }
    let db = crate::startup::open_database(config).await?;
    let target_text = target
        .to_str()
        .context("the backup path must be valid UTF-8")?
        .replace('\'', "''");
    let mut conn = db.get()?;
    match &mut *conn {
        // VACUUM INTO reads one snapshot of the database, while writers go on.
        DbConn::Sqlite(_) => conn.batch_execute(&format!("VACUUM INTO '{target_text}'"))?,
        DbConn::Postgres(_) => bail!(
            "on PostgreSQL use pg_dump: pg_dump --format=custom --file={} \"$DATABASE_URL\"",
            target.display()
        ),
    }
    println!("Backed up to {}.", target.display());
    Ok(())
}

/// Prints the applied migrations' result; `serve` also migrates at start.
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    crate::startup::open_database(config).await?;
    println!("The database is up to date.");
    Ok(())
}

/// Loads the demonstration data (Table 4 and 5 of the paper); see demo.rs.
pub async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    let db = crate::startup::open_database(config).await?;
    match crate::demo::load(&db).await? {
        Some(seeded) => println!(
            "Demo data loaded: {} member cities in {} countries and regions, with the officers of Table 5. \
             Each city's address is city-<member number>@example.org (reserved for examples): \
             without SMTP_URL, a campaign to them is written as .eml files into {}.",
            seeded.cities,
            seeded.countries,
            config.data_dir.join("mail").display()
        ),
        None => println!("Demo data is already loaded; nothing done."),
    }
    Ok(())
}

/// Anonymises the petitions whose retention period has passed (`serve` also does
/// this on its own schedule).
pub async fn anonymise(config: &Config) -> anyhow::Result<()> {
    let db = crate::startup::open_database(config).await?;
    let today = crate::domain::clock::today();
    let cleared = db
        .run(move |conn| crate::petitions::oversight::anonymise_due(conn, today))
        .await?;
    println!("{cleared} petition(s) anonymised.");
    Ok(())
}
