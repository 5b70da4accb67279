//! What `/metrics` reads at scrape time: the outbox of the whole deployment
//! and this process's connection pool. The counters are `crate::metrics`'s.

use crate::db::{Db, DbError};
use crate::domain::clock::now;
use crate::mail::outbox;
use crate::metrics::Snapshot;

pub async fn snapshot(db: &Db) -> Result<Snapshot, DbError> {
    let (counts, oldest) = db
        .read(|conn| {
            Ok::<_, DbError>((outbox::counts(conn)?, outbox::oldest_due_created_at(conn)?))
        })
        .await?;
    let (pool_open, pool_idle, pool_max) = db.pool_state();
    Ok(Snapshot {
        outbox: counts
            .into_iter()
            .map(|(status, count)| (status.as_str(), count))
            .collect(),
        oldest_queued_age_seconds: oldest.map_or(0, |created| (now() - created).num_seconds()),
        pool_open,
        pool_idle,
        pool_max,
    })
}
