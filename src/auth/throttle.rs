//! Slows down password guessing: after a few failed logins for one email address,
//! that address is locked for a while, the lock doubling with each further failure.
//!
//! Keyed by the address typed, whether or not an account has it, so that the
//! lockout message says nothing about which addresses exist. Kept in the database
//! so that every instance behind a load balancer sees the same count.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, DbResult};
use crate::schema::login_throttle;

/// Failures allowed before the first lock.
const FREE_ATTEMPTS: i32 = 5;
const FIRST_LOCK_MINUTES: i64 = 15;
const MAX_LOCK_MINUTES: i64 = 24 * 60;
/// Failures older than this are forgotten.
const FORGET_AFTER_HOURS: i64 = 24;

#[derive(Queryable, Insertable, AsChangeset)]
#[diesel(table_name = login_throttle, treat_none_as_null = true)]
struct Entry {
    email_key: String,
    failures: i32,
    last_failure_at: NaiveDateTime,
    locked_until: Option<NaiveDateTime>,
}

/// How long the address stays locked, if it is.
pub fn remaining_lock(
    conn: &mut DbConn,
    email_key: &str,
    now: NaiveDateTime,
) -> DbResult<Option<Duration>> {
    let locked_until: Option<Option<NaiveDateTime>> = login_throttle::table
        .find(email_key)
        .select(login_throttle::locked_until)
        .first(conn)
        .optional()?;
    Ok(locked_until
        .flatten()
        .filter(|until| *until > now)
        .map(|until| until - now))
}

/// Counts a failure; returns the lock it started, if any. Call inside a write
/// transaction so that concurrent failures are all counted.
pub fn record_failure(
    conn: &mut DbConn,
    email_key: &str,
    now: NaiveDateTime,
) -> DbResult<Option<Duration>> {
    let previous: Option<Entry> = login_throttle::table
        .find(email_key)
        .first(conn)
        .optional()?;
    let failures = match &previous {
        Some(entry) if now - entry.last_failure_at < Duration::hours(FORGET_AFTER_HOURS) => {
            entry.failures + 1
        }
        _ => 1,
    };
    let lock = lock_after(failures);
    let entry = Entry {
        email_key: email_key.to_string(),
        failures,
        last_failure_at: now,
        locked_until: lock.map(|d| now + d),
    };
    if previous.is_some() {
        diesel::update(login_throttle::table.find(email_key))
            .set(&entry)
            .execute(conn)?;
    } else {
        diesel::insert_into(login_throttle::table)
            .values(&entry)
            .execute(conn)?;
    }
    Ok(lock)
}

pub fn clear(conn: &mut DbConn, email_key: &str) -> DbResult<()> {
    diesel::delete(login_throttle::table.find(email_key)).execute(conn)?;
    Ok(())
}

fn lock_after(failures: i32) -> Option<Duration> {
    let beyond = failures - FREE_ATTEMPTS;
    (beyond >= 0).then(|| {
        let minutes = FIRST_LOCK_MINUTES.saturating_mul(1i64 << beyond.min(16));
        Duration::minutes(minutes.min(MAX_LOCK_MINUTES))
    })
}

/// Minutes to tell the user, rounded up so that "try again in 0 minutes" never shows.
pub fn minutes_left(lock: Duration) -> i64 {
    (lock.num_seconds() + 59) / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_five_failures_and_doubles() {
        assert_eq!(lock_after(4), None);
        assert_eq!(lock_after(5), Some(Duration::minutes(15)));
        assert_eq!(lock_after(6), Some(Duration::minutes(30)));
        assert_eq!(lock_after(40), Some(Duration::minutes(MAX_LOCK_MINUTES)));
        assert_eq!(minutes_left(Duration::seconds(61)), 2);
    }
}
