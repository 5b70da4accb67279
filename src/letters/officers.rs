//! Staff's decisions on the officers of one letter's review: leaving an
//! officer out (an officer city that cannot be reached, a mayor on leave),
//! with the reason, and taking them back. Both are audited; the approval rule
//! counts every current officer but the excluded.

use super::drafts::find;
use super::error::LetterError;
use super::review;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::today;
use crate::domain::PlainLine;

/// Leaves the officer city `city_id` out of the review of draft `id`; returns
/// the city's name.
pub async fn exclude(
    db: &Db,
    actor: &Actor,
    id: i64,
    city_id: i64,
    reason: Option<PlainLine>,
) -> Result<String, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let reason = reason.ok_or(LetterError::ReasonRequired)?;
        let letter = find(conn, id)?;
        if !letter.is_editable() {
            return Err(LetterError::NotEditable);
        }
        let officer = review::current_officers(conn, today())?
            .into_iter()
            .find(|o| o.city.id == city_id)
            .ok_or(LetterError::NotFound)?;
        let name = officer.city.name_latin.clone();
        if review::exclude(conn, id, city_id, reason.as_str(), actor.user_id)? {
            let summary = format!(
                "{name} ({}) excluded from the review: {}",
                officer.role.as_str(),
                reason.as_str()
            );
            audit::record(conn, &actor, Action::LetterExclude, id, summary)?;
        }
        Ok(name)
    })
    .await
}

/// Takes the officer city `city_id` back into the review of draft `id`;
/// returns the city's name.
pub async fn include(db: &Db, actor: &Actor, id: i64, city_id: i64) -> Result<String, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if !letter.is_editable() {
            return Err(LetterError::NotEditable);
        }
        let name = crate::membership::cities::find(conn, city_id)?
            .ok_or(LetterError::NotFound)?
            .name_latin;
        if review::include(conn, id, city_id)? {
            let summary = format!("{name} taken back into the review");
            audit::record(conn, &actor, Action::LetterInclude, id, summary)?;
        }
        Ok(name)
    })
    .await
}
