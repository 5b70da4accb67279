//! Who is signed in. The session cookie (signed and encrypted by actix-session)
//! holds the user id, the user's session epoch, when they signed in and a
//! random session id; the server keeps a row per session id (only its SHA-256),
//! so signing out ends the session for a copied cookie too, on every
//! instance, and a session unused for SESSION_IDLE_MINUTES ends. The account is
//! read from the database on each request, so a deactivated account or a
//! changed password ends its other sessions at once.
//!
//! Between the password and the second factor the session holds only a
//! [`Pending`] sign-in, which opens no page but the second step.

use actix_session::Session;
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::models::User;
use super::AuthError;
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::now;
use crate::domain::random;
use crate::schema::{user_sessions, users};

const USER_ID: &str = "uid";
const EPOCH: &str = "epoch";
const SIGNED_IN_AT: &str = "at";
const SESSION_ID: &str = "sid";
const PENDING: &str = "pending";
/// `last_seen_at` is written at most this often, so that pages are not one
/// write each.
const TOUCH_EVERY_SECONDS: i64 = 60;
/// How long the second step of a sign-in may take.
const PENDING_MINUTES: i64 = 10;

/// Starts a fresh session for `user`: a new cookie with a new session id (so
/// a session fixed before login is worthless) and nothing kept from before,
/// the CSRF token included.
pub async fn sign_in(
    session: &Session,
    db: &Db,
    config: &Config,
    user: &User,
) -> Result<(), AuthError> {
    let token = random::random_token();
    let (id_hash, user_id) = (random::hash_token(&token), user.id);
    let (idle, ttl) = limits(config);
    db.write(move |conn| {
        let now = now();
        purge(conn, now, idle, ttl)?;
        diesel::insert_into(user_sessions::table)
            .values((
                user_sessions::id_hash.eq(&id_hash),
                user_sessions::user_id.eq(user_id),
                user_sessions::created_at.eq(now),
                user_sessions::last_seen_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await?;
    session.clear();
    session.renew();
    let fail = AuthError::session;
    session.insert(USER_ID, user.id).map_err(fail)?;
    session.insert(EPOCH, user.session_epoch).map_err(fail)?;
    session
        .insert(SIGNED_IN_AT, Utc::now().timestamp())
        .map_err(fail)?;
    session.insert(SESSION_ID, token).map_err(fail)?;
    Ok(())
}

/// After a password change: keep this session (renewed, with the new epoch);
/// the user's other sessions end, their rows deleted.
pub async fn keep_after_password_change(
    session: &Session,
    db: &Db,
    user_id: i64,
    epoch: i32,
) -> Result<(), AuthError> {
    let mine = session_id_hash(session);
    db.write(move |conn| {
        let others = user_sessions::table
            .filter(user_sessions::user_id.eq(user_id))
            .filter(user_sessions::id_hash.ne(mine.unwrap_or_default()));
        diesel::delete(others).execute(conn)?;
        Ok(())
    })
    .await?;
    session.renew();
    session.insert(EPOCH, epoch).map_err(AuthError::session)
}

/// Ends this session: its row is deleted (a copy of the cookie is worthless
/// from now on) and the cookie removed.
pub async fn sign_out(session: &Session, db: &Db) -> Result<(), AuthError> {
    if let Some(id_hash) = session_id_hash(session) {
        db.write(move |conn| {
            diesel::delete(user_sessions::table.find(id_hash)).execute(conn)?;
            Ok(())
        })
        .await?;
    }
    session.purge();
    Ok(())
}

/// Ends every session of the user, on every device: their rows are deleted
/// and the epoch moves on. Call inside the operation's transaction.
pub fn end_all_sessions(conn: &mut DbConn, user_id: i64) -> DbResult<()> {
    diesel::delete(user_sessions::table.filter(user_sessions::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::update(users::table.find(user_id))
        .set(users::session_epoch.eq(users::session_epoch + 1))
        .execute(conn)?;
    Ok(())
}

fn session_id_hash(session: &Session) -> Option<String> {
    session
        .get::<String>(SESSION_ID)
        .ok()
        .flatten()
        .map(|token| random::hash_token(&token))
}

fn limits(config: &Config) -> (Duration, Duration) {
    (
        Duration::minutes(config.session_idle_minutes),
        Duration::hours(config.session_ttl_hours),
    )
}

/// Forgets sessions that ended by themselves (idle, or older than the TTL).
fn purge(conn: &mut DbConn, now: NaiveDateTime, idle: Duration, ttl: Duration) -> DbResult<()> {
    diesel::delete(
        user_sessions::table.filter(
            user_sessions::last_seen_at
                .lt(now - idle)
                .or(user_sessions::created_at.lt(now - ttl)),
        ),
    )
    .execute(conn)?;
    Ok(())
}

/// The signed-in user, if the session is known to the server, unexpired, not
/// idle for too long, and the account active with the same epoch.
///
/// One read per page (the session row with its account); a write only when
/// the session ended by idling or was last noted more than a minute ago, so
/// that page views do not queue for SQLite's one writer.
pub async fn current_user(
    session: &Session,
    db: &Db,
    config: &Config,
) -> Result<Option<User>, AuthError> {
    let Ok(Some(user_id)) = session.get::<i64>(USER_ID) else {
        return Ok(None);
    };
    let epoch = session.get::<i32>(EPOCH).ok().flatten();
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT).ok().flatten().unwrap_or(0);
    let (idle, ttl) = limits(config);
    // The cookie's own expiry is only advice to the browser; enforce it here too.
    let expired = Utc::now().timestamp() - signed_in_at > ttl.num_seconds();
    let found = match session_id_hash(session) {
        Some(id_hash) if !expired => {
            let key = id_hash.clone();
            let row = db
                .run(move |conn| {
                    Ok(user_sessions::table
                        .find(&key)
                        .filter(user_sessions::user_id.eq(user_id))
                        .inner_join(users::table)
                        .select((user_sessions::last_seen_at, User::as_select()))
                        .first::<(NaiveDateTime, User)>(conn)
                        .optional()?)
                })
                .await?;
            row.map(|(last_seen, user)| (id_hash, last_seen, user))
        }
        _ => None,
    };
    let now = now();
    match found {
        Some((id_hash, last_seen, _)) if now - last_seen > idle => {
            db.write(move |conn| {
                diesel::delete(user_sessions::table.find(id_hash)).execute(conn)?;
                Ok(())
            })
            .await?;
            session.purge();
            Ok(None)
        }
        Some((id_hash, last_seen, user)) if user.active && Some(user.session_epoch) == epoch => {
            if now - last_seen > Duration::seconds(TOUCH_EVERY_SECONDS) {
                db.write(move |conn| {
                    diesel::update(user_sessions::table.find(id_hash))
                        .set(user_sessions::last_seen_at.eq(now))
                        .execute(conn)?;
                    Ok(())
                })
                .await?;
            }
            Ok(Some(user))
        }
        _ => {
            session.purge();
            Ok(None)
        }
    }
}

/// Whether the session names a user (signed in, or between password and code).
pub fn has_identity(session: &Session) -> bool {
    session.get::<i64>(USER_ID).ok().flatten().is_some()
        || session.get::<Pending>(PENDING).ok().flatten().is_some()
}

/// A sign-in half done: the password was right, the second factor is still
/// to be given (`enrol`: first set up).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub user_id: i64,
    pub epoch: i32,
    pub started_at: i64,
    pub enrol: bool,
    /// Where to go once signed in.
    pub next: Option<String>,
}

/// Replaces whatever the session held by a pending sign-in (a new cookie).
pub fn begin_second_step(
    session: &Session,
    user: &User,
    enrol: bool,
    next: Option<String>,
) -> Result<(), AuthError> {
    session.clear();
    session.renew();
    let pending = Pending {
        user_id: user.id,
        epoch: user.session_epoch,
        started_at: Utc::now().timestamp(),
        enrol,
        next,
    };
    session.insert(PENDING, pending).map_err(AuthError::session)
}

/// The pending sign-in of this session, if it is recent enough.
pub fn pending(session: &Session) -> Option<Pending> {
    session
        .get::<Pending>(PENDING)
        .ok()
        .flatten()
        .filter(|p| Utc::now().timestamp() - p.started_at <= PENDING_MINUTES * 60)
}

const ENROLMENT_SECRET: &str = "enrol_secret";

/// The secret being set up in this session (made on first use), kept in the
/// encrypted cookie until the user confirms a code from it.
pub fn enrolment_secret(session: &Session) -> Result<String, AuthError> {
    if let Ok(Some(secret)) = session.get::<String>(ENROLMENT_SECRET) {
        return Ok(secret);
    }
    let secret = super::two_factor::new_secret();
    session
        .insert(ENROLMENT_SECRET, &secret)
        .map_err(AuthError::session)?;
    Ok(secret)
}

pub fn forget_enrolment_secret(session: &Session) {
    session.remove(ENROLMENT_SECRET);
}
