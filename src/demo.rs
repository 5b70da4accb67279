//! `solidarity seed-demo`: the demonstration data of every area in one
//! transaction, the member cities of the paper's Tables 4 and 5 first, then the
//! poster sets and exhibitions held at officer cities, and a petition with
//! signatures.

use crate::db::{DbConn, DbResult};

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
