//! Configuration from environment variables (and `.env`, loaded by `main`).
//!
//! Every value is parsed here, once, into a typed field: a bad value stops the
//! start with a message naming the variable and what it expects.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use rand::RngCore;

use crate::db::Backend;

/// Where the app keeps its SQLite file, generated secret key and outgoing .eml files.
const DEFAULT_DATA_DIR: &str = "data";
const DEFAULT_BIND: &str = "127.0.0.1:8080";
const SECRET_KEY_FILE: &str = "secret_key";
/// The cookie key is derived with HKDF, which needs at least this much input.
const MIN_SECRET_KEY_LEN: usize = 32;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub backend: Backend,
    pub database_pool_size: u32,
    pub bind: SocketAddr,
    /// Public address of the app, without a trailing slash; used for links in emails.
    pub base_url: String,
    pub data_dir: PathBuf,
    /// Raw key material for the session cookies (signed and encrypted).
    pub secret_key: Vec<u8>,
    pub mail: MailConfig,
    /// Mark the session cookie `Secure` (set when BASE_URL is https).
    pub secure_cookies: bool,
    pub session_ttl_hours: i64,
    /// Trust X-Forwarded-For / Forwarded for the client address (behind a load balancer).
    pub behind_proxy: bool,
    /// Days a petition signer has to open the verification link.
    pub petition_verification_days: i64,
    /// How often petition counts are recounted (they may lag by this much).
    pub petition_recount_seconds: u64,
    /// Requests one address may make to the public API per minute.
    pub api_requests_per_minute: i32,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret key or SMTP credentials.
        f.debug_struct("Config")
            .field("backend", &self.backend)
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("data_dir", &self.data_dir)
            .field("smtp", &self.mail.smtp_url.as_ref().map(|_| "configured"))
            .field("mail_workers", &self.mail.workers)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{variable}: {expected} (got {got:?})")]
pub struct ConfigError {
    pub variable: &'static str,
    pub expected: String,
    pub got: String,
}

impl ConfigError {
    fn new(variable: &'static str, expected: impl Into<String>, got: impl Into<String>) -> Self {
        ConfigError {
            variable,
            expected: expected.into(),
            got: got.into(),
        }
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads configuration through `lookup`, so tests can pass their own values.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let data_dir = PathBuf::from(lookup("DATA_DIR").unwrap_or_else(|| DEFAULT_DATA_DIR.into()));
        std::fs::create_dir_all(&data_dir).map_err(|e| {
            ConfigError::new(
                "DATA_DIR",
                format!("a folder the app can create and write ({e})"),
                data_dir.display().to_string(),
            )
        })?;

        let database_url = lookup("DATABASE_URL")
            .unwrap_or_else(|| data_dir.join("solidarity.db").display().to_string());
        let backend = Backend::from_url(&database_url).ok_or_else(|| {
            ConfigError::new(
                "DATABASE_URL",
                "postgres://user:password@host/db, sqlite://path/to/file.db or a file path",
                database_url.clone(),
            )
        })?;

        let bind_text = lookup("BIND").unwrap_or_else(|| DEFAULT_BIND.into());
        let bind: SocketAddr = bind_text.parse().map_err(|_| {
            ConfigError::new(
                "BIND",
                "an address and port such as 127.0.0.1:8080",
                bind_text.clone(),
            )
        })?;

        let base_url = match lookup("BASE_URL") {
            Some(url) => parse_base_url(&url)?,
            None => format!("http://{bind}"),
        };

        let secret_key = match lookup("SECRET_KEY") {
            Some(key) if key.len() >= MIN_SECRET_KEY_LEN => key.into_bytes(),
            Some(key) => {
                return Err(ConfigError::new(
                    "SECRET_KEY",
                    format!("at least {MIN_SECRET_KEY_LEN} characters of random text"),
                    format!("{} characters", key.len()),
                ))
            }
            None => load_or_create_secret_key(&data_dir)?,
        };

        let database_pool_size = parse_number(&lookup, "DATABASE_POOL_SIZE", 8, 1..=256)?;
        let session_ttl_hours = parse_number(&lookup, "SESSION_TTL_HOURS", 12, 1..=24 * 90)?;
        let mail = MailConfig::from_lookup(&lookup)?;

        let behind_proxy = match lookup("BEHIND_PROXY").as_deref().map(str::trim) {
            None | Some("false" | "0" | "no") => false,
            Some("true" | "1" | "yes") => true,
            Some(other) => return Err(ConfigError::new("BEHIND_PROXY", "true or false", other)),
        };

        let petition_verification_days =
            parse_number(&lookup, "PETITION_VERIFICATION_DAYS", 7, 1..=90)?;
        let petition_recount_seconds =
            parse_number(&lookup, "PETITION_RECOUNT_SECONDS", 10, 1..=3600)?;

        let api_requests_per_minute =
            parse_number(&lookup, "API_REQUESTS_PER_MINUTE", 120, 1..=1_000_000)?;

        Ok(Config {
            api_requests_per_minute,
            petition_verification_days,
            petition_recount_seconds,
            behind_proxy,
            secure_cookies: base_url.starts_with("https://"),
            database_url,
            backend,
            database_pool_size,
            bind,
            base_url,
            data_dir,
            secret_key,
            mail,
            session_ttl_hours,
        })
    }

    /// An absolute link to `path` (which starts with '/') for use in emails and logs.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// How email leaves: the transport, the sender, and the delivery workers' pace.
#[derive(Clone)]
pub struct MailConfig {
    /// SMTP server; `None` writes each message as an .eml file into the data folder.
    pub smtp_url: Option<String>,
    pub from: lettre::message::Mailbox,
    /// Delivery workers inside `serve` (0: none; run `solidarity worker` elsewhere).
    pub workers: usize,
    /// Attempts before a message that keeps failing transiently is marked failed.
    pub max_attempts: i32,
    /// Messages per second per instance.
    pub rate_per_second: u32,
    /// First retry delay; doubles with each attempt (with jitter), at most an hour.
    pub retry_base_ms: u64,
    /// How often an idle worker looks for due messages.
    pub poll_ms: u64,
    /// How long a claimed message stays with its worker before another may take it.
    pub lease_seconds: i64,
}

impl MailConfig {
    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<MailConfig, ConfigError> {
        let smtp_url = lookup("SMTP_URL");
        if let Some(url) = &smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err(ConfigError::new(
                    "SMTP_URL",
                    "smtp://user:password@host:587?tls=required or smtps://user:password@host",
                    "(hidden: it may hold a password)",
                ));
            }
        }
        let from_text =
            lookup("MAIL_FROM").unwrap_or_else(|| "Solidarity <no-reply@localhost>".into());
        let from = from_text.parse().map_err(|_| {
            ConfigError::new(
                "MAIL_FROM",
                "a sender such as \"Mayors for Peace <secretariat@example.org>\"",
                from_text.clone(),
            )
        })?;
        Ok(MailConfig {
            smtp_url,
            from,
            workers: parse_number(lookup, "MAIL_WORKERS", 1, 0..=64)?,
            max_attempts: parse_number(lookup, "MAIL_MAX_ATTEMPTS", 8, 1..=100)?,
            rate_per_second: parse_number(lookup, "MAIL_RATE_PER_SECOND", 20, 1..=100_000)?,
            retry_base_ms: parse_number(lookup, "MAIL_RETRY_BASE_MS", 30_000, 1..=3_600_000)?,
            poll_ms: parse_number(lookup, "MAIL_POLL_MS", 1_000, 10..=60_000)?,
            lease_seconds: parse_number(lookup, "MAIL_LEASE_SECONDS", 300, 5..=86_400)?,
        })
    }
}

fn parse_base_url(url: &str) -> Result<String, ConfigError> {
    let trimmed = url.trim().trim_end_matches('/');
    let has_scheme = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    let has_host = trimmed
        .split("://")
        .nth(1)
        .is_some_and(|rest| !rest.is_empty());
    if has_scheme && has_host && !trimmed.contains(char::is_whitespace) {
        Ok(trimmed.to_string())
    } else {
        Err(ConfigError::new(
            "BASE_URL",
            "an http:// or https:// address such as https://solidarity.example.org",
            url,
        ))
    }
}

fn parse_number<T>(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let Some(text) = lookup(variable) else {
        return Ok(default);
    };
    match text.trim().parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(ConfigError::new(
            variable,
            format!("a whole number from {} to {}", range.start(), range.end()),
            text,
        )),
    }
}

/// Keeps a generated key in the data folder so that sessions survive a restart.
fn load_or_create_secret_key(data_dir: &Path) -> Result<Vec<u8>, ConfigError> {
    let path = data_dir.join(SECRET_KEY_FILE);
    let unreadable = |e: std::io::Error| {
        ConfigError::new(
            "SECRET_KEY",
            format!(
                "unset, so {} must be readable and writable ({e})",
                path.display()
            ),
            "",
        )
    };
    match std::fs::read_to_string(&path) {
        Ok(key) if key.trim().len() >= MIN_SECRET_KEY_LEN => Ok(key.trim().as_bytes().to_vec()),
        Ok(_) => Err(ConfigError::new(
            "SECRET_KEY",
            format!(
                "unset, so {} must hold at least {MIN_SECRET_KEY_LEN} characters",
                path.display()
            ),
            "a shorter key",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 64];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let key = hex::encode(bytes);
            write_private_file(&path, &key).map_err(unreadable)?;
            Ok(key.into_bytes())
        }
        Err(e) => Err(unreadable(e)),
    }
}

fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let dir = tempfile::tempdir().unwrap().keep();
        let mut vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.insert("DATA_DIR".into(), dir.display().to_string());
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_to_sqlite_in_the_data_folder() {
        let config = config_with(&[]).unwrap();
        assert_eq!(config.backend, Backend::Sqlite);
        assert!(config.database_url.ends_with("solidarity.db"));
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(config.base_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn postgres_urls_select_postgres() {
        let config = config_with(&[("DATABASE_URL", "postgres://u@localhost/db")]).unwrap();
        assert_eq!(config.backend, Backend::Postgres);
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = config_with(&[("BIND", "everywhere")]).unwrap_err();
        assert_eq!(err.variable, "BIND");
        let err = config_with(&[("BASE_URL", "solidarity.example.org")]).unwrap_err();
        assert_eq!(err.variable, "BASE_URL");
        let err = config_with(&[("SECRET_KEY", "short")]).unwrap_err();
        assert_eq!(err.variable, "SECRET_KEY");
        let err = config_with(&[("DATABASE_POOL_SIZE", "0")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_POOL_SIZE");
        let err = config_with(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
    }

    #[test]
    fn generated_secret_key_is_kept_across_starts() {
        let dir = tempfile::tempdir().unwrap();
        let lookup = |name: &str| (name == "DATA_DIR").then(|| dir.path().display().to_string());
        let first = Config::from_lookup(lookup).unwrap();
        let second = Config::from_lookup(lookup).unwrap();
        assert_eq!(first.secret_key, second.secret_key);
        assert!(first.secret_key.len() >= MIN_SECRET_KEY_LEN);
    }
}
