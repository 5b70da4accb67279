//! `solidarity seed-demo`: the demonstration data of every area in one
//! transaction, the member cities of the paper's Tables 4 and 5 first, then the
//! poster sets and exhibitions held at officer cities, and a petition with
//! signatures.

use crate::db::{Db, DbConn, DbResult};

pub use crate::membership::demo::Seeded;

/// Loads the demonstration data, or does nothing (`None`) when it is there already.
pub fn seed(conn: &mut DbConn) -> DbResult<Option<Seeded>> {
    let Some(seeded) = crate::membership::demo::seed(conn)? else {
        return Ok(None);
    };
    crate::exhibitions::demo::seed(conn)?;
    crate::petitions::demo::seed(conn)?;
    Ok(Some(seeded))
}

/// Loads the demonstration data in one transaction, then refreshes the
/// planner's statistics for the thousands of new rows.
pub async fn load(db: &Db) -> DbResult<Option<Seeded>> {
    let seeded = db.write(seed).await?;
    if seeded.is_some() {
        db.run(crate::db::refresh_planner_statistics).await?;
    }
    Ok(seeded)
}
