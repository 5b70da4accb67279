//! Checking a sign-in: the throttle first (an attempt that must wait is not
//! even looked up), the password on the hashing threads (against a dummy hash
//! when there is no account, so timing says nothing), and a failure counted.

use super::{password, queries, throttle, AuthError, User};
use crate::db::Db;
use crate::domain::clock::now;

/// The account whose address (its key, lower case) and password these are,
/// its last sign-in recorded. Refused with [`AuthError::Wait`] while this
/// account or this client address must wait, and with [`AuthError::Failed`]
/// for a wrong address or password alike.
pub async fn check_credentials(
    db: &Db,
    email_key: String,
    password: String,
    client_ip: Option<String>,
) -> Result<User, AuthError> {
    let (key, ip) = (email_key.clone(), client_ip.clone());
    let (wait, account) = db
        .run(move |conn| {
            let wait = throttle::wait(conn, &key, ip.as_deref(), now())?;
            let account = if wait.is_none() {
                queries::find_login(conn, &key)?
            } else {
                None
            };
            Ok((wait, account))
        })
        .await?;
    if let Some(wait) = wait {
        return Err(AuthError::Wait(wait));
    }
    let (user, hash) = account.map_or((None, None), |(user, hash)| (Some(user), Some(hash)));
    let password_ok = password::verify(password, hash).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        record_failure(db, email_key, client_ip).await?;
        return Err(AuthError::Failed);
    };
    let user_id = user.id;
    db.write(move |conn| queries::record_login(conn, user_id, now()))
        .await?;
    Ok(user)
}

/// Refuses with [`AuthError::Wait`] while this account or address must wait
/// (before a second-factor code is checked).
pub async fn check_wait(
    db: &Db,
    email_key: String,
    client_ip: Option<String>,
) -> Result<(), AuthError> {
    let wait = db
        .run(move |conn| throttle::wait(conn, &email_key, client_ip.as_deref(), now()))
        .await?;
    wait.map_or(Ok(()), |wait| Err(AuthError::Wait(wait)))
}

/// Counts a failed attempt of this account from this address.
pub async fn record_failure(
    db: &Db,
    email_key: String,
    client_ip: Option<String>,
) -> Result<(), AuthError> {
    db.write(move |conn| throttle::record_failure(conn, &email_key, client_ip.as_deref(), now()))
        .await?;
    Ok(())
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
