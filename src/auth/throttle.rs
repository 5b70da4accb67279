//! Slows down password guessing without locking anyone out. Every failed
//! sign-in (a wrong password or a wrong second-factor code) is a row: the
//! address typed (whether or not an account has it, so the wait says nothing
//! about which addresses exist) and the client address. Before a password is
//! even checked, the sign-in waits out the longest of:
//!
//! - per account: after [`ACCOUNT_FREE`] failures in the last hour, 5 s after
//!   the latest, doubling with each further failure, at most
//!   [`ACCOUNT_MAX_WAIT_SECONDS`]. Short on purpose: whoever types wrong
//!   passwords for someone else's account can make its owner wait that long,
//!   never longer; a guesser gets at most about 90 tries an hour per account.
//! - per client address, across accounts (password spraying): after
//!   [`ADDRESS_FREE`] failures in the last hour, 1 s after the latest,
//!   doubling, at most [`ADDRESS_MAX_WAIT_SECONDS`]; and no more than
//!   [`ADDRESS_HOURLY_CEILING`] failures an hour: past that, until the oldest
//!   of them is an hour old.
//!
//! An attempt made during a wait is refused unchecked and not counted, so
//! hammering does not lengthen anything. Rows live in the database, so every
//! instance sees the same counts; rows older than [`KEEP_DAYS`] are purged.

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;

use crate::db::{DbConn, DbResult};
use crate::schema::login_failures;

/// Failures of one account that cost nothing.
pub const ACCOUNT_FREE: i64 = 5;
pub const ACCOUNT_MAX_WAIT_SECONDS: i64 = 40;
/// Failures from one address (any accounts) that cost nothing.
pub const ADDRESS_FREE: i64 = 10;
pub const ADDRESS_MAX_WAIT_SECONDS: i64 = 60;
pub const ADDRESS_HOURLY_CEILING: i64 = 100;
/// How long failures are kept (the admins' page shows the last day).
pub const KEEP_DAYS: i64 = 7;

fn window() -> Duration {
    Duration::hours(1)
}

/// How long this sign-in must wait before it is checked, if it must.
pub fn wait(
    conn: &mut DbConn,
    email_key: &str,
    client_ip: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<Option<Duration>> {
    let since = now - window();
    let (account_failures, account_last): (i64, Option<NaiveDateTime>) = login_failures::table
        .filter(login_failures::email_key.eq(email_key))
        .filter(login_failures::failed_at.gt(since))
        .select((count_star(), max(login_failures::failed_at)))
        .first(conn)?;
    let mut waits = vec![progressive(
        account_failures,
        account_last,
        ACCOUNT_FREE,
        5,
        ACCOUNT_MAX_WAIT_SECONDS,
        now,
    )];
    if let Some(ip) = client_ip {
        let (address_failures, address_last): (i64, Option<NaiveDateTime>) = login_failures::table
            .filter(login_failures::client_ip.eq(ip))
            .filter(login_failures::failed_at.gt(since))
            .select((count_star(), max(login_failures::failed_at)))
            .first(conn)?;
        waits.push(progressive(
            address_failures,
            address_last,
            ADDRESS_FREE,
            1,
            ADDRESS_MAX_WAIT_SECONDS,
            now,
        ));
        if address_failures >= ADDRESS_HOURLY_CEILING {
            // The failure whose leaving the hour brings the count under the ceiling.
            let oldest_to_leave: Option<NaiveDateTime> = login_failures::table
                .filter(login_failures::client_ip.eq(ip))
                .filter(login_failures::failed_at.gt(since))
                .order(login_failures::failed_at.asc())
                .offset(address_failures - ADDRESS_HOURLY_CEILING)
                .select(login_failures::failed_at)
                .first(conn)
                .optional()?;
            waits.push(oldest_to_leave.map(|at| at + window() - now));
        }
    }
    Ok(waits
        .into_iter()
        .flatten()
        .filter(|wait| *wait > Duration::zero())
        .max())
}

/// `first_seconds` after the latest failure once `free` failures are past,
/// doubling with each further one, at most `max_seconds`.
fn progressive(
    failures: i64,
    last: Option<NaiveDateTime>,
    free: i64,
    first_seconds: i64,
    max_seconds: i64,
    now: NaiveDateTime,
) -> Option<Duration> {
    let beyond = failures - free;
    let last = last?;
    (beyond >= 0).then(|| {
        let seconds = first_seconds
            .saturating_mul(1i64 << beyond.min(20))
            .min(max_seconds);
        last + Duration::seconds(seconds) - now
    })
}

/// Counts a failure (and forgets those older than [`KEEP_DAYS`]).
pub fn record_failure(
    conn: &mut DbConn,
    email_key: &str,
    client_ip: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::email_key.eq(email_key),
            login_failures::client_ip.eq(client_ip),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    diesel::delete(
        login_failures::table.filter(login_failures::failed_at.lt(now - Duration::days(KEEP_DAYS))),
    )
    .execute(conn)?;
    Ok(())
}

/// Failures since `since`, counted by one column: the address typed or the
/// client address; most failures first.
#[derive(Debug, Clone)]
pub struct FailureCount {
    pub key: String,
    pub failures: i64,
    pub last: NaiveDateTime,
}

pub fn failures_by_account(
    conn: &mut DbConn,
    since: NaiveDateTime,
    limit: usize,
) -> DbResult<Vec<FailureCount>> {
    let rows: Vec<(String, i64, Option<NaiveDateTime>)> = login_failures::table
        .filter(login_failures::failed_at.gt(since))
        .group_by(login_failures::email_key)
        .select((
            login_failures::email_key,
            count_star(),
            max(login_failures::failed_at),
        ))
        .load(conn)?;
    Ok(counts(rows, limit))
}

pub fn failures_by_address(
    conn: &mut DbConn,
    since: NaiveDateTime,
    limit: usize,
) -> DbResult<Vec<FailureCount>> {
    let rows: Vec<(Option<String>, i64, Option<NaiveDateTime>)> = login_failures::table
        .filter(login_failures::failed_at.gt(since))
        .group_by(login_failures::client_ip)
        .select((
            login_failures::client_ip,
            count_star(),
            max(login_failures::failed_at),
        ))
        .load(conn)?;
    Ok(counts(
        rows.into_iter()
            .map(|(ip, n, last)| (ip.unwrap_or_else(|| "?".into()), n, last))
            .collect(),
        limit,
    ))
}

fn counts(rows: Vec<(String, i64, Option<NaiveDateTime>)>, limit: usize) -> Vec<FailureCount> {
    let mut counts: Vec<FailureCount> = rows
        .into_iter()
        .filter_map(|(key, failures, last)| {
            Some(FailureCount {
                key,
                failures,
                last: last?,
            })
        })
        .collect();
    counts.sort_by(|a, b| b.failures.cmp(&a.failures).then(b.last.cmp(&a.last)));
    counts.truncate(limit);
    counts
}

/// Seconds to tell the user, rounded up so that "try again in 0 seconds" never shows.
pub fn seconds_left(wait: Duration) -> i64 {
    (wait.num_milliseconds() + 999) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_stop_at_a_ceiling() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc();
        let wait = |n| progressive(n, Some(now), ACCOUNT_FREE, 5, ACCOUNT_MAX_WAIT_SECONDS, now);
        assert_eq!(wait(4), None);
        assert_eq!(wait(5), Some(Duration::seconds(5)));
        assert_eq!(wait(6), Some(Duration::seconds(10)));
        assert_eq!(wait(7), Some(Duration::seconds(20)));
        assert_eq!(wait(50), Some(Duration::seconds(ACCOUNT_MAX_WAIT_SECONDS)));
        assert_eq!(seconds_left(Duration::milliseconds(4001)), 5);
    }
}
