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
    /// Which peers may say who the client is (TRUSTED_PROXIES), and in which header.
    pub proxies: ProxyConfig,
    /// Minutes without a request after which a session ends (SESSION_IDLE_MINUTES).
    pub session_idle_minutes: i64,
    /// Who must sign in with a second factor (TWO_FACTOR_REQUIRED).
    pub two_factor: TwoFactorPolicy,
    /// Days a petition signer has to open the verification link.
    pub petition_verification_days: i64,
    /// How often petition counts are recounted (they may lag by this much).
    pub petition_recount_seconds: u64,
    /// The numbers of signatures a recount records as milestones (PETITION_MILESTONES).
    pub petition_milestones: PetitionMilestones,
    /// How often the job runner looks for due jobs (ms); 0: no runner here.
    pub jobs_poll_ms: u64,
    /// How long a job's lease lasts before another instance may take it over.
    pub jobs_lease_seconds: i64,
    /// Requests one address may make to the public API per minute.
    pub api_requests_per_minute: i32,
    /// Peers that may read `/metrics` (METRICS_ALLOWED); everyone else gets 404.
    pub metrics_allowed: Vec<ipnet::IpNet>,
    /// Seconds between SIGTERM and closing the listener, during which the
    /// health check fails and requests are still served (SHUTDOWN_DRAIN_SECONDS).
    pub shutdown_drain_seconds: u64,
    /// Seconds a public page rendered for anonymous visitors is served again
    /// (PAGE_CACHE_SECONDS; 0: never).
    pub page_cache_seconds: u64,
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

        let proxies = ProxyConfig::from_lookup(&lookup)?;
        let session_idle_minutes =
            parse_number(&lookup, "SESSION_IDLE_MINUTES", 60, 1..=24 * 60 * 90)?;
        let two_factor = TwoFactorPolicy::from_lookup(&lookup)?;

        let petition_verification_days =
            parse_number(&lookup, "PETITION_VERIFICATION_DAYS", 7, 1..=90)?;
        let petition_recount_seconds =
            parse_number(&lookup, "PETITION_RECOUNT_SECONDS", 10, 1..=3600)?;
        let petition_milestones = PetitionMilestones::from_lookup(&lookup)?;
        let jobs_poll_ms = parse_number(&lookup, "JOBS_POLL_MS", 30_000, 0..=3_600_000)?;
        let jobs_lease_seconds = parse_number(&lookup, "JOBS_LEASE_SECONDS", 1800, 10..=86_400)?;

        let api_requests_per_minute =
            parse_number(&lookup, "API_REQUESTS_PER_MINUTE", 120, 1..=1_000_000)?;
        let metrics_allowed = parse_metrics_allowed(lookup("METRICS_ALLOWED").as_deref())?;
        let shutdown_drain_seconds = parse_number(&lookup, "SHUTDOWN_DRAIN_SECONDS", 0, 0..=300)?;
        let page_cache_seconds = parse_number(&lookup, "PAGE_CACHE_SECONDS", 2, 0..=60)?;

        Ok(Config {
            page_cache_seconds,
            api_requests_per_minute,
            metrics_allowed,
            shutdown_drain_seconds,
            petition_verification_days,
            petition_recount_seconds,
            petition_milestones,
            jobs_poll_ms,
            jobs_lease_seconds,
            proxies,
            session_idle_minutes,
            two_factor,
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

/// The milestones of petitions (PETITION_MILESTONES): shares of the goal
/// (`50%`) and steps (`every 10000`), separated by commas; `none` for none.
/// The default is `25%,50%,75%,100%,every 10000`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionMilestones {
    /// Percentages of the goal, 1 to 1000.
    pub percents: Vec<i64>,
    /// Every multiple of this many signatures.
    pub every: Option<i64>,
}

impl Default for PetitionMilestones {
    fn default() -> Self {
        PetitionMilestones {
            percents: vec![25, 50, 75, 100],
            every: Some(10_000),
        }
    }
}

impl PetitionMilestones {
    /// At most this many milestones per petition (a small step on a large count).
    const MOST: usize = 1000;

    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let Some(text) = lookup("PETITION_MILESTONES") else {
            return Ok(PetitionMilestones::default());
        };
        PetitionMilestones::parse(&text).ok_or_else(|| {
            ConfigError::new(
                "PETITION_MILESTONES",
                "shares of the goal and steps, e.g. `25%,50%,100%,every 10000`, or `none`",
                text,
            )
        })
    }

    pub fn parse(text: &str) -> Option<PetitionMilestones> {
        let mut milestones = PetitionMilestones {
            percents: Vec::new(),
            every: None,
        };
        if text.trim() == "none" {
            return Some(milestones);
        }
        for item in text.split(',').map(str::trim) {
            if let Some(percent) = item.strip_suffix('%') {
                let percent: i64 = percent.trim().parse().ok()?;
                if !(1..=1000).contains(&percent) {
                    return None;
                }
                milestones.percents.push(percent);
            } else {
                let step: i64 = item
                    .strip_prefix("every")?
                    .trim()
                    .replace(',', "")
                    .parse()
                    .ok()?;
                if step <= 0 || milestones.every.is_some() {
                    return None;
                }
                milestones.every = Some(step);
            }
        }
        Some(milestones)
    }

    /// The milestones of a petition with `goal` that `total` signatures have
    /// reached, smallest first, without repeats.
    pub fn reached(&self, goal: i64, total: i64) -> Vec<i64> {
        let mut reached: Vec<i64> = self
            .percents
            .iter()
            .map(|p| goal.saturating_mul(*p) / 100)
            .filter(|n| *n > 0 && *n <= total)
            .collect();
        if let Some(step) = self.every {
            let steps = usize::try_from(total / step).unwrap_or(usize::MAX);
            reached.extend((1..=steps.min(Self::MOST)).map(|k| step * k as i64));
        }
        reached.sort_unstable();
        reached.dedup();
        reached.truncate(Self::MOST);
        reached
    }
}

/// Who may tell the app the client's address: the peers listed in
/// TRUSTED_PROXIES (addresses or CIDR ranges), in the header CLIENT_ADDRESS_HEADER
/// (`x-forwarded-for`, the default, or `forwarded`). Without trusted proxies the
/// peer is the client and no header is read.
#[derive(Debug, Clone, Default)]
pub struct ProxyConfig {
    pub trusted: Vec<ipnet::IpNet>,
    pub header: ProxyHeader,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProxyHeader {
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=...`, read only when configured.
    Forwarded,
}

impl ProxyConfig {
    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<ProxyConfig, ConfigError> {
        let trusted = match lookup("TRUSTED_PROXIES") {
            Some(list) => parse_networks("TRUSTED_PROXIES", &list)?,
            None => Vec::new(),
        };
        // BEHIND_PROXY trusted whatever the client wrote; it names no proxy, so
        // it cannot be kept: an old configuration says what to write instead.
        match lookup("BEHIND_PROXY").as_deref().map(str::trim) {
            None | Some("false" | "0" | "no") => {}
            Some("true" | "1" | "yes") if !trusted.is_empty() => {}
            Some(other) => {
                return Err(ConfigError::new(
                    "BEHIND_PROXY",
                    "TRUSTED_PROXIES instead: the addresses or ranges of your proxies, \
                     e.g. TRUSTED_PROXIES=10.0.0.5,192.168.1.0/24 (then remove BEHIND_PROXY)",
                    other,
                ))
            }
        }
        let header = match lookup("CLIENT_ADDRESS_HEADER")
            .map(|h| h.trim().to_ascii_lowercase())
            .as_deref()
        {
            None | Some("x-forwarded-for") => ProxyHeader::XForwardedFor,
            Some("forwarded") => ProxyHeader::Forwarded,
            Some(other) => {
                return Err(ConfigError::new(
                    "CLIENT_ADDRESS_HEADER",
                    "x-forwarded-for or forwarded",
                    other,
                ))
            }
        };
        Ok(ProxyConfig { trusted, header })
    }

    pub fn is_trusted(&self, address: std::net::IpAddr) -> bool {
        let address = canonical_ip(address);
        self.trusted.iter().any(|net| net.contains(&address))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
pub fn canonical_ip(address: std::net::IpAddr) -> std::net::IpAddr {
    match address {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, std::net::IpAddr::V4),
        v4 => v4,
    }
}

/// METRICS_ALLOWED: addresses or ranges that may scrape `/metrics` (the
/// peer's own address, never a forwarded one); `none` closes it. By default only
/// this machine may, so a Prometheus on the same host works out of the box.
fn parse_metrics_allowed(value: Option<&str>) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    match value.map(str::trim) {
        None => parse_networks("METRICS_ALLOWED", "127.0.0.1,::1"),
        Some("none") => Ok(Vec::new()),
        Some(list) => parse_networks("METRICS_ALLOWED", list),
    }
}

fn parse_networks(variable: &'static str, list: &str) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    ConfigError::new(
                        variable,
                        "addresses or CIDR ranges separated by commas, e.g. 10.0.0.5,192.168.1.0/24",
                        item,
                    )
                })
        })
        .collect()
}

/// Which accounts must sign in with a second factor (TOTP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TwoFactorPolicy {
    /// Nobody is made to (anyone may enrol); for tests and trials only.
    Nobody,
    /// Admins (the default).
    Admins,
    /// Admins and secretariat staff.
    Staff,
}

impl TwoFactorPolicy {
    fn from_lookup(
        lookup: &impl Fn(&str) -> Option<String>,
    ) -> Result<TwoFactorPolicy, ConfigError> {
        match lookup("TWO_FACTOR_REQUIRED")
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref()
        {
            None | Some("admin" | "admins") => Ok(TwoFactorPolicy::Admins),
            Some("staff") => Ok(TwoFactorPolicy::Staff),
            Some("none") => Ok(TwoFactorPolicy::Nobody),
            Some(other) => Err(ConfigError::new(
                "TWO_FACTOR_REQUIRED",
                "admin (the default), staff (admins and staff) or none",
                other,
            )),
        }
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
    /// SMTP connections per worker, each with one message in flight.
    pub connections: usize,
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
    /// Days a sent message keeps its bodies (see `mail::retention`).
    pub retention_days: i64,
}

impl MailConfig {
    /// The longest one send may take (connecting included): a minute, as lettre
    /// allows, but at most a quarter of the lease, so that a worker that starts a
    /// send with half its lease left always finishes it while the lease holds.
    pub fn send_timeout(&self) -> std::time::Duration {
        let lease = std::time::Duration::from_secs(u64::try_from(self.lease_seconds).unwrap_or(5));
        (lease / 4).min(std::time::Duration::from_secs(60))
    }

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
            if let Some(host) = smtp_in_clear(url) {
                return Err(ConfigError::new(
                    "SMTP_URL",
                    "TLS, as smtp:// alone sends the password and every message in clear: \
                     add ?tls=required (STARTTLS) or use smtps://; plain smtp:// is for a \
                     loopback relay only (127.0.0.1, ::1, localhost)",
                    format!("host {host} without tls=required"),
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
            connections: parse_number(lookup, "MAIL_CONNECTIONS", 4, 1..=64)?,
            max_attempts: parse_number(lookup, "MAIL_MAX_ATTEMPTS", 8, 1..=100)?,
            rate_per_second: parse_number(lookup, "MAIL_RATE_PER_SECOND", 20, 1..=100_000)?,
            retry_base_ms: parse_number(lookup, "MAIL_RETRY_BASE_MS", 30_000, 1..=3_600_000)?,
            poll_ms: parse_number(lookup, "MAIL_POLL_MS", 1_000, 10..=60_000)?,
            lease_seconds: parse_number(lookup, "MAIL_LEASE_SECONDS", 300, 5..=86_400)?,
            retention_days: parse_number(lookup, "MAIL_RETENTION_DAYS", 30, 1..=3650)?,
        })
    }
}

/// The host of an `smtp://` URL that would talk to it without TLS: no
/// `tls=required` and a host that is not this machine. `None` when the URL is
/// safe (TLS, or a loopback relay).
fn smtp_in_clear(url: &str) -> Option<String> {
    let rest = url.strip_prefix("smtp://")?;
    let (authority, query) = match rest.split_once('?') {
        Some((authority, query)) => (authority, query),
        None => (rest, ""),
    };
    let authority = authority.split('/').next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    let tls_required = query
        .split('&')
        .any(|pair| pair.eq_ignore_ascii_case("tls=required"));
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    (!tls_required && !loopback).then(|| host.to_string())
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
    fn metrics_are_open_to_this_machine_only_unless_configured() {
        let local: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        let other: std::net::IpAddr = "10.1.2.3".parse().unwrap();
        let default = config_with(&[]).unwrap().metrics_allowed;
        assert!(default.iter().any(|net| net.contains(&local)));
        assert!(!default.iter().any(|net| net.contains(&other)));
        let monitoring = config_with(&[("METRICS_ALLOWED", "10.1.0.0/16")]).unwrap();
        assert!(monitoring
            .metrics_allowed
            .iter()
            .any(|net| net.contains(&other)));
        assert!(config_with(&[("METRICS_ALLOWED", "none")])
            .unwrap()
            .metrics_allowed
            .is_empty());
        let err = config_with(&[("METRICS_ALLOWED", "everyone")]).unwrap_err();
        assert_eq!(err.variable, "METRICS_ALLOWED");
    }

    #[test]
    fn trusted_proxies_replace_behind_proxy() {
        let config = config_with(&[("TRUSTED_PROXIES", "10.0.0.5, 192.168.1.0/24,::1")]).unwrap();
        assert_eq!(config.proxies.trusted.len(), 3);
        assert!(config.proxies.is_trusted("192.168.1.77".parse().unwrap()));
        assert!(config
            .proxies
            .is_trusted("::ffff:10.0.0.5".parse().unwrap()));
        assert!(!config.proxies.is_trusted("10.0.0.6".parse().unwrap()));
        let err = config_with(&[("TRUSTED_PROXIES", "10.0.0.0/33")]).unwrap_err();
        assert_eq!(err.variable, "TRUSTED_PROXIES");
        let err = config_with(&[("BEHIND_PROXY", "true")]).unwrap_err();
        assert_eq!(err.variable, "BEHIND_PROXY");
        assert!(err.expected.contains("TRUSTED_PROXIES"));
        assert!(config_with(&[("BEHIND_PROXY", "false")]).is_ok());
        let err = config_with(&[("CLIENT_ADDRESS_HEADER", "x-real-ip")]).unwrap_err();
        assert_eq!(err.variable, "CLIENT_ADDRESS_HEADER");
    }

    #[test]
    fn admins_need_a_second_factor_unless_configured_otherwise() {
        let config = config_with(&[]).unwrap();
        assert_eq!(config.two_factor, TwoFactorPolicy::Admins);
        assert_eq!(config.session_idle_minutes, 60);
        let config = config_with(&[("TWO_FACTOR_REQUIRED", "staff")]).unwrap();
        assert_eq!(config.two_factor, TwoFactorPolicy::Staff);
        let err = config_with(&[("TWO_FACTOR_REQUIRED", "sometimes")]).unwrap_err();
        assert_eq!(err.variable, "TWO_FACTOR_REQUIRED");
        let err = config_with(&[("SESSION_IDLE_MINUTES", "0")]).unwrap_err();
        assert_eq!(err.variable, "SESSION_IDLE_MINUTES");
    }

    #[test]
    fn smtp_without_tls_is_refused_unless_the_relay_is_on_this_machine() {
        for url in [
            "smtp://user:secret@mail.example.org:587",
            "smtp://user:secret@mail.example.org:587?tls=opportunistic",
            "smtp://mail.example.org",
            "smtp://user:p%40ss@10.0.0.5:25/",
        ] {
            let err = config_with(&[("SMTP_URL", url)]).unwrap_err();
            assert_eq!(err.variable, "SMTP_URL", "{url}");
            assert!(err.got.starts_with("host "), "{}", err.got);
            assert!(!err.got.contains("secret"), "the password is not shown");
        }
        let err = config_with(&[("SMTP_URL", "smtp://u:secret@mail.example.org:25")]).unwrap_err();
        assert_eq!(err.got, "host mail.example.org without tls=required");
        for url in [
            "smtp://user:secret@mail.example.org:587?tls=required",
            "smtps://user:secret@mail.example.org",
            "smtp://127.0.0.1:2525",
            "smtp://localhost:25",
            "smtp://[::1]:25",
            "smtp://u:p@127.0.0.2:25",
        ] {
            assert!(config_with(&[("SMTP_URL", url)]).is_ok(), "{url}");
        }
    }

    #[test]
    fn mail_bodies_are_kept_thirty_days_unless_configured() {
        assert_eq!(config_with(&[]).unwrap().mail.retention_days, 30);
        let config = config_with(&[("MAIL_RETENTION_DAYS", "7")]).unwrap();
        assert_eq!(config.mail.retention_days, 7);
        let err = config_with(&[("MAIL_RETENTION_DAYS", "0")]).unwrap_err();
        assert_eq!(err.variable, "MAIL_RETENTION_DAYS");
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
