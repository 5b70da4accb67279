//! An admin's list of users and open invitations, and (de)activating accounts.

use std::collections::HashSet;

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::queries::{self, Invitation};
use crate::auth::{two_factor, User};
use crate::db::Db;
use crate::domain::clock::now;

/// Every account, the invitations not yet accepted, and the accounts with a
/// second factor.
pub async fn overview(
    db: &Db,
) -> Result<(Vec<User>, Vec<Invitation>, HashSet<i64>), AccountsError> {
    db.read(|conn| {
        Ok((
            queries::list_users(conn)?,
            queries::list_open_invitations(conn, now())?,
            two_factor::enrolled_users(conn)?,
        ))
    })
    .await
}

/// Deactivates an account (ending its sessions) or reactivates it; returns
/// the account as it was. An admin cannot deactivate themselves.
pub async fn set_active(
    db: &Db,
    actor: &Actor,
    user_id: i64,
    active: bool,
) -> Result<User, AccountsError> {
    if actor.user_id == Some(user_id) {
        return Err(AccountsError::CannotDeactivateSelf);
    }
    let actor = actor.clone();
    db.transaction(move |conn| {
        let target = queries::find_user(conn, user_id)?.ok_or(AccountsError::NotFound)?;
        queries::set_active(conn, user_id, active, now())?;
        let action = if active {
            Action::UserReactivate
        } else {
            Action::UserDeactivate
        };
        let summary = format!("{}: active {} → {}", target.email, target.active, active);
        audit::record(conn, &actor, action, user_id, summary)?;
        Ok(target)
    })
    .await
}
