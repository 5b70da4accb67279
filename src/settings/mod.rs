//! Settings admins change at run time, kept in the database so every instance
//! sees the same value. Each has a typed accessor with its default.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::db::{Db, DbConn, DbResult};
use crate::i18n::{parse_zone, Tz};
use crate::schema::settings;

/// The day of the month on which the secretariat registers new members.
pub const REGISTRATION_DAY: &str = "membership.registration_day";
pub const DEFAULT_REGISTRATION_DAY: u32 = 20;

pub fn get(conn: &mut DbConn, key: &str) -> DbResult<Option<String>> {
    Ok(settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()?)
}

pub fn set(conn: &mut DbConn, key: &str, value: &str) -> DbResult<()> {
    let now = crate::domain::clock::now();
    let updated = diesel::update(settings::table.find(key))
        .set((settings::value.eq(value), settings::updated_at.eq(now)))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((
                settings::key.eq(key),
                settings::value.eq(value),
                settings::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn registration_day(conn: &mut DbConn) -> DbResult<u32> {
    Ok(get(conn, REGISTRATION_DAY)?
        .and_then(|v| v.parse().ok())
        .filter(|d| (1..=28).contains(d))
        .unwrap_or(DEFAULT_REGISTRATION_DAY))
}

/// The secretariat's time zone: times on pages are shown in it, unless the
/// reader chose a zone of their own.
pub const TIME_ZONE: &str = "secretariat.time_zone";
/// The secretariat works in Hiroshima.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Tokyo;

pub fn time_zone(conn: &mut DbConn) -> DbResult<Tz> {
    Ok(get(conn, TIME_ZONE)?
        .as_deref()
        .and_then(parse_zone)
        .unwrap_or(DEFAULT_TIME_ZONE))
}

/// How long an instance trusts the zone it read: a change made on another
/// instance shows there within this time.
const ZONE_FRESH_FOR: Duration = Duration::from_secs(60);

/// The secretariat's time zone as this instance last read it, so that pages
/// do not read the setting each time.
#[derive(Default)]
pub struct ZoneCache(Mutex<Option<(Tz, Instant)>>);

impl ZoneCache {
    pub async fn get(&self, db: &Db) -> DbResult<Tz> {
        if let Some(zone) = self.fresh() {
            return Ok(zone);
        }
        let zone = db.read(time_zone).await?;
        self.remember(zone);
        Ok(zone)
    }

    /// After a change on this instance: shown at once.
    pub fn remember(&self, zone: Tz) {
        if let Ok(mut cached) = self.0.lock() {
            *cached = Some((zone, Instant::now()));
        }
    }

    fn fresh(&self) -> Option<Tz> {
        let cached = self.0.lock().ok()?;
        cached
            .filter(|(_, read_at)| read_at.elapsed() < ZONE_FRESH_FOR)
            .map(|(zone, _)| zone)
    }
}
