//! Who is signed in. The session cookie (signed and encrypted by actix-session)
//! holds the user id, the user's session epoch and when they signed in; the
//! account is read from the database on each request, so a deactivated account or
//! a changed password ends its other sessions at once, on every instance.

use actix_session::Session;
use chrono::Utc;

use super::models::User;
use super::{queries, AuthError};
use crate::db::Db;

const USER_ID: &str = "uid";
const EPOCH: &str = "epoch";
const SIGNED_IN_AT: &str = "at";

/// Starts a fresh session for `user` (a new cookie, so a session fixed before
/// login is worthless).
pub fn sign_in(session: &Session, user: &User) -> Result<(), AuthError> {
    session.renew();
    session
        .insert(USER_ID, user.id)
        .map_err(AuthError::session)?;
    session
        .insert(EPOCH, user.session_epoch)
        .map_err(AuthError::session)?;
    session
        .insert(SIGNED_IN_AT, Utc::now().timestamp())
        .map_err(AuthError::session)?;
    Ok(())
}

/// After a password change: keep this session, while the epoch change ends the others.
pub fn keep_after_password_change(session: &Session, epoch: i32) -> Result<(), AuthError> {
    session.renew();
    session.insert(EPOCH, epoch).map_err(AuthError::session)
}

pub fn sign_out(session: &Session) {
    session.purge();
}

/// The signed-in user, if the session is valid, unexpired and the account active.
pub async fn current_user(
    session: &Session,
    db: &Db,
    ttl_hours: i64,
) -> Result<Option<User>, AuthError> {
    let Ok(Some(user_id)) = session.get::<i64>(USER_ID) else {
        return Ok(None);
    };
    let epoch = session.get::<i32>(EPOCH).ok().flatten();
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT).ok().flatten().unwrap_or(0);
    // The cookie's own expiry is only advice to the browser; enforce it here too.
    let expired = Utc::now().timestamp() - signed_in_at > ttl_hours * 3600;
    let user = if expired {
        None
    } else {
        db.run(move |conn| queries::find_user(conn, user_id))
            .await?
    };
    match user {
        Some(user) if user.active && Some(user.session_epoch) == epoch => Ok(Some(user)),
        _ => {
            sign_out(session);
            Ok(None)
        }
    }
}
