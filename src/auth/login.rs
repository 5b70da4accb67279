//! Checking a sign-in: the throttle first (a locked address is not even
//! looked up), the password on the hashing threads (against a dummy hash when
//! there is no account, so timing says nothing), and the outcome counted.

use super::{password, queries, throttle, AuthError, User};
use crate::db::Db;
use crate::domain::clock::now;

/// The account whose address (its key, lower case) and password these are,
/// now signed in as far as the database knows (last sign-in recorded, failures
/// forgotten). Refused with [`AuthError::Locked`] while the address is locked,
/// and with [`AuthError::Failed`] for a wrong address or password alike.
pub async fn check_credentials(
    db: &Db,
    email_key: String,
    password: String,
) -> Result<User, AuthError> {
    let key = email_key.clone();
    let (lock, account) = db
        .run(move |conn| {
            let lock = throttle::remaining_lock(conn, &key, now())?;
            let account = if lock.is_none() {
                queries::find_login(conn, &key)?
            } else {
                None
            };
            Ok((lock, account))
        })
        .await?;
    if let Some(lock) = lock {
        return Err(AuthError::Locked(lock));
    }
    let (user, hash) = account.map_or((None, None), |(user, hash)| (Some(user), Some(hash)));
    let password_ok = password::verify(password, hash).await?;
    let key = email_key;
    let Some(user) = user.filter(|_| password_ok) else {
        let lock = db
            .write(move |conn| throttle::record_failure(conn, &key, now()))
            .await?;
        return Err(AuthError::Failed { lock });
    };
    let user_id = user.id;
    db.write(move |conn| {
        throttle::clear(conn, &key)?;
        queries::record_login(conn, user_id, now())
    })
    .await?;
    Ok(user)
}

/// Whether `password` is the current password of the account with this
/// address key (checked on the hashing threads).
pub async fn password_matches(
    db: &Db,
    email_key: String,
    password: String,
) -> Result<bool, AuthError> {
    let hash = db
        .run(move |conn| Ok(queries::find_login(conn, &email_key)?.map(|(_, hash)| hash)))
        .await?;
    password::verify(password, hash).await
}
