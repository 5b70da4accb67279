//! The shipping buffers of poster-set loans, per continent: how many days
//! before the opening a set leaves the secretariat, and how many days after
//! the closing it is back. Staff change them; kept in the settings table so
//! every instance sees the same values.

use super::error::ExhibitionError;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
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

/// The buffers of every continent, as staff see them.
pub async fn load(db: &Db) -> Result<Vec<(Continent, Buffer)>, ExhibitionError> {
    db.read(|conn| Ok(all(conn)?)).await
}

/// Staff set every continent's buffers; the audit entry names what changed.
pub async fn save_all(
    db: &Db,
    actor: &Actor,
    new: Vec<(Continent, Buffer)>,
) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = all(conn)?;
        let mut changes = Vec::new();
        for ((continent, old), (_, new)) in before.iter().zip(&new) {
            if old != new {
                changes.push(format!(
                    "{}: {}/{} → {}/{} days",
                    continent.as_str(),
                    old.before_days,
                    old.after_days,
                    new.before_days,
                    new.after_days
                ));
            }
            save(conn, *continent, *new)?;
        }
        let summary = if changes.is_empty() {
            "no change".to_string()
        } else {
            changes.join("; ")
        };
        audit::record_general(conn, &actor, Action::ExhibitionBuffers, summary)?;
        Ok(())
    })
    .await
}

/// Every continent's buffers from the staff's form (`before_asia`, `after_asia`, …).
pub fn parse_form(
    values: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<(Continent, Buffer)>, ExhibitionError> {
    let day = |name: String| {
        values
            .get(&name)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|d| (0..=MAX_BUFFER_DAYS).contains(d))
            .ok_or(ExhibitionError::Refused("exh-error-buffer"))
    };
    Continent::ALL
        .into_iter()
        .map(|continent| {
            Ok((
                continent,
                Buffer {
                    before_days: day(format!("before_{}", continent.as_str()))?,
                    after_days: day(format!("after_{}", continent.as_str()))?,
                },
            ))
        })
        .collect()
}
