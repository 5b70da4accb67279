//! Milestones: the numbers of signatures (shares of the goal, and every so
//! many: `PETITION_MILESTONES`) a petition's recount saw it reach. Each is
//! recorded once, when a recount first crosses it, even if withdrawals later
//! take the count below it; the petition page's history lists them, and staff
//! may announce one to the supporters (`supporters::announce_milestone`).

use diesel::prelude::*;

use super::models::Milestone;
use crate::config::PetitionMilestones;
use crate::db::{write_transaction, DbConn, DbResult};
use crate::schema::petition_milestones;

/// The milestones a petition reached, smallest first.
pub fn reached(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<Milestone>> {
    Ok(petition_milestones::table
        .filter(petition_milestones::petition_id.eq(petition_id))
        .order(petition_milestones::signatures.asc())
        .select(Milestone::as_select())
        .load(conn)?)
}

/// Records the milestones of `rules` that `total` signatures reached and that
/// were not recorded yet; returns how many are new. Another instance's
/// recount may record the same one at the same moment: it is recorded once.
pub fn record(
    conn: &mut DbConn,
    petition_id: i64,
    goal: i64,
    total: i64,
    rules: &PetitionMilestones,
) -> DbResult<usize> {
    let due = rules.reached(goal, total);
    if due.is_empty() {
        return Ok(0);
    }
    let known: Vec<i64> = petition_milestones::table
        .filter(petition_milestones::petition_id.eq(petition_id))
        .select(petition_milestones::signatures)
        .load(conn)?;
    let new: Vec<i64> = due.into_iter().filter(|n| !known.contains(n)).collect();
    if new.is_empty() {
        return Ok(0);
    }
    let now = crate::domain::clock::now();
    write_transaction(conn, |conn| {
        let mut recorded = 0;
        for signatures in new {
            // A savepoint each: a milestone another recount just recorded is skipped.
            let inserted = conn.transaction(|conn| {
                diesel::insert_into(petition_milestones::table)
                    .values((
                        petition_milestones::petition_id.eq(petition_id),
                        petition_milestones::signatures.eq(signatures),
                        petition_milestones::reached_at.eq(now),
                    ))
                    .execute(conn)
                    .map_err(crate::db::DbError::from)
            });
            match inserted {
                Ok(_) => recorded += 1,
                Err(e) if e.is_unique_violation() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(recorded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_give_shares_of_the_goal_and_steps_once_each() {
        let rules = PetitionMilestones::parse("25%, 50%, 100%, every 10000").unwrap();
        assert!(rules.reached(40_000, 9_999).is_empty());
        assert_eq!(rules.reached(40_000, 10_000), vec![10_000]);
        assert_eq!(rules.reached(40_000, 25_000), vec![10_000, 20_000]);
        assert_eq!(
            rules.reached(40_000, 40_000),
            vec![10_000, 20_000, 30_000, 40_000]
        );
        assert_eq!(rules.reached(1_000, 500), vec![250, 500]);
        assert!(PetitionMilestones::parse("none")
            .unwrap()
            .reached(4, 100)
            .is_empty());
        assert!(PetitionMilestones::parse("fifty").is_none());
        assert!(PetitionMilestones::parse("0%").is_none());
        assert!(PetitionMilestones::parse("every 0").is_none());
        assert_eq!(
            PetitionMilestones::default()
                .reached(1_000_000, 250_000)
                .len(), // 250,000 is both 25% and a step
            25
        );
    }
}
