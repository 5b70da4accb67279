//! The poster-set inventory as staff keep it: the list, one set with its
//! loans, adding and changing a set (each audited).

use super::error::ExhibitionError;
use super::loans::{self, SetFields};
use super::models::{Loan, PosterSet};
use crate::audit::{self, Action, Actor};
use crate::db::Db;

pub async fn sets(db: &Db) -> Result<Vec<PosterSet>, ExhibitionError> {
    db.read(|conn| Ok(loans::sets(conn)?)).await
}

/// A set and its loans with their exhibitions' titles, latest first.
pub async fn set_with_loans(
    db: &Db,
    id: i64,
) -> Result<(PosterSet, Vec<(Loan, String)>), ExhibitionError> {
    db.read(move |conn| {
        let set = loans::find_set(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        Ok((set, loans::loans_of_set(conn, id)?))
    })
    .await
}

/// A code another set has is a mistake on the form's code field.
fn code_taken(error: ExhibitionError) -> ExhibitionError {
    match error {
        ExhibitionError::Database(e) if e.is_unique_violation() => {
            ExhibitionError::field("code", "exh-error-code-taken")
        }
        other => other,
    }
}

pub async fn add(db: &Db, actor: &Actor, fields: SetFields) -> Result<i64, ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let id = loans::insert_set(conn, &fields)?;
        let summary = format!(
            "{} ({}, {} panels)",
            fields.code, fields.language, fields.panels
        );
        audit::record(conn, &actor, Action::PosterSetAdd, id, summary)?;
        Ok::<_, ExhibitionError>(id)
    })
    .await
    .map_err(code_taken)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    fields: SetFields,
) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = loans::find_set(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        loans::update_set(conn, id, &fields)?;
        let summary = format!(
            "{}: status {} → {}; condition {} → {}; at {} → {}",
            fields.code,
            before.status.as_str(),
            fields.status.as_str(),
            before.condition,
            fields.condition,
            before.location,
            fields.location
        );
        audit::record(conn, &actor, Action::PosterSetUpdate, id, summary)?;
        Ok(())
    })
    .await
    .map_err(code_taken)
}
