//! Settings admins change at run time, kept in the database so every instance
//! sees the same value. Each has a typed accessor with its default.

use diesel::prelude::*;

use crate::db::{DbConn, DbResult};
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
