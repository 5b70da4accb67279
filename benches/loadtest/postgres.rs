//! A scratch PostgreSQL database for one run, dropped again at the end.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// Creates `solidarity_bench_<random>` on the server of `admin_url`; the error
    /// says why the server cannot be used.
    pub fn create(admin_url: &str) -> Result<ScratchDatabase, String> {
        let mut admin = PgConnection::establish(&with_connect_timeout(admin_url))
            .map_err(|e| format!("{} cannot be reached ({e})", without_password(admin_url)))?;
        let name = format!(
            "solidarity_bench_{}",
            solidarity::domain::random::random_hex(6)
        );
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("cannot create a database there ({e})"))?;
        Ok(ScratchDatabase {
            url: with_database_name(admin_url, &name),
            admin_url: admin_url.to_string(),
            name,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDatabase {
    /// FORCE ends the connections a failed child may have left behind.
    fn drop(&mut self) {
        let statement = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let dropped = PgConnection::establish(&self.admin_url)
            .map_err(|e| e.to_string())
            .and_then(|mut admin| admin.batch_execute(&statement).map_err(|e| e.to_string()));
        if let Err(e) = dropped {
            eprintln!("could not drop scratch database {}: {e}", self.name);
        }
    }
}

/// So that an unreachable host fails within seconds instead of hanging.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&connect_timeout=5")
    } else {
        format!("{url}?connect_timeout=5")
    }
}

/// `postgres://u@h:5432/postgres?x=y` with the database `name` instead.
fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// The URL for messages, with any password replaced.
fn without_password(url: &str) -> String {
    let (scheme, rest) = url.split_at(url.find("://").map_or(0, |i| i + 3));
    match rest.split_once('@') {
        Some((credentials, server)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}{user}:***@{server}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}
