//! Rate limits for public forms, counted in the database so that every instance
//! behind a load balancer shares one count (fixed windows: simple, and at most
//! twice the limit across a window boundary).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::Rng;

use crate::db::{DbConn, DbResult};
use crate::schema::rate_limits;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_hits: i32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_hour(max_hits: i32) -> Limit {
        Limit {
            max_hits,
            window: Duration::hours(1),
        }
    }

    pub const fn per_minute(max_hits: i32) -> Limit {
        Limit {
            max_hits,
            window: Duration::minutes(1),
        }
    }
}

/// Counts one hit on `bucket` (e.g. `join:203.0.113.7`); false when over the limit.
pub fn allow(conn: &mut DbConn, bucket: &str, limit: Limit, now: NaiveDateTime) -> DbResult<bool> {
    let window_seconds = limit.window.num_seconds().max(1);
    let start_seconds = now.and_utc().timestamp().div_euclid(window_seconds) * window_seconds;
    let window_start = chrono::DateTime::from_timestamp(start_seconds, 0)
        .map(|t| t.naive_utc())
        .unwrap_or(now);
    // One statement counts the hit and answers the window's count: no read
    // before the write, so no lock is held across round trips (signing runs
    // this in a group commit, where each round trip waits for the one writer).
    let hits: i32 = crate::on_backend!(conn, |c| diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq(bucket),
            rate_limits::window_start.eq(window_start),
            rate_limits::hits.eq(1),
        ))
        .on_conflict((rate_limits::bucket, rate_limits::window_start))
        .do_update()
        .set(rate_limits::hits.eq(rate_limits::hits + 1))
        .returning(rate_limits::hits)
        .get_result(c))?;
    // Now and then, forget windows that ended a day ago.
    if rand::thread_rng().gen_ratio(1, 200) {
        diesel::delete(
            rate_limits::table.filter(rate_limits::window_start.lt(now - Duration::days(1))),
        )
        .execute(conn)?;
    }
    Ok(hits <= limit.max_hits)
}
