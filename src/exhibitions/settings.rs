//! The shipping buffers of poster-set loans, per continent: how many days
//! before the opening a set leaves the secretariat, and how many days after
//! the closing it is back. Staff change them; kept in the settings table so
//! every instance sees the same values.

use crate::db::{DbConn, DbResult};
use crate::membership::countries::Continent;
use crate::settings;

pub const MAX_BUFFER_DAYS: i64 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buffer {
    pub before_days: i64,
    pub after_days: i64,
}

/// Days by sea and customs from Hiroshima: short within Asia, longest to
/// Africa and Latin America.
pub fn default_buffer(continent: Continent) -> Buffer {
    let (before_days, after_days) = match continent {
        Continent::Asia => (10, 10),
        Continent::Oceania => (14, 14),
        Continent::Europe | Continent::NorthAmerica => (21, 21),
        Continent::Africa | Continent::LatinAmerica => (28, 28),
    };
    Buffer {
        before_days,
        after_days,
    }
}

fn key(continent: Continent, side: &str) -> String {
    format!("exhibitions.buffer_{side}_days.{}", continent.as_str())
}

fn days(conn: &mut DbConn, key: &str, default: i64) -> DbResult<i64> {
    Ok(settings::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .filter(|d| (0..=MAX_BUFFER_DAYS).contains(d))
        .unwrap_or(default))
}

pub fn buffer(conn: &mut DbConn, continent: Continent) -> DbResult<Buffer> {
    let default = default_buffer(continent);
    Ok(Buffer {
        before_days: days(conn, &key(continent, "before"), default.before_days)?,
        after_days: days(conn, &key(continent, "after"), default.after_days)?,
    })
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<(Continent, Buffer)>> {
    Continent::ALL
        .into_iter()
        .map(|c| Ok((c, buffer(conn, c)?)))
        .collect()
}

pub fn save(conn: &mut DbConn, continent: Continent, buffer: Buffer) -> DbResult<()> {
    settings::set(
        conn,
        &key(continent, "before"),
        &buffer.before_days.to_string(),
    )?;
    settings::set(
        conn,
        &key(continent, "after"),
        &buffer.after_days.to_string(),
    )
}
