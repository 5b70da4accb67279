//! Signing in with a second factor, and ending sessions: the password step
//! (throttled), the code step (a TOTP code or a recovery code, throttled
//! alike), enrolment of an authenticator app with ten recovery codes, an
//! admin's reset of another account's second factor (a lost device), signing
//! out everywhere, and the admins' view of failed sign-ins.

use chrono::Duration;

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::throttle::{self, FailureCount};
use crate::auth::two_factor::{self, Accepted};
use crate::auth::{login, queries, session, AuthError, Role, User};
use crate::config::TwoFactorPolicy;
use crate::db::Db;
use crate::domain::clock::now;

/// What a right password leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondStep {
    /// Signed in: no second factor, and none required.
    None,
    /// A code from the authenticator app (or a recovery code) is asked for.
    Code,
    /// A second factor is required and must be set up first.
    Enrol,
}

/// Whether `policy` makes an account of this role use a second factor.
pub fn required_for(policy: TwoFactorPolicy, role: Role) -> bool {
    match policy {
        TwoFactorPolicy::Nobody => false,
        TwoFactorPolicy::Admins => role == Role::Admin,
        TwoFactorPolicy::Staff => role.is_staff(),
    }
}

/// The password step of a sign-in: throttled, then checked; says what comes next.
pub async fn check_password(
    db: &Db,
    email_key: String,
    password: String,
    client_ip: Option<String>,
    policy: TwoFactorPolicy,
) -> Result<(User, SecondStep), AccountsError> {
    let user = login::check_credentials(db, email_key, password, client_ip).await?;
    let user_id = user.id;
    let enrolled = db
        .read(move |conn| Ok::<_, AccountsError>(two_factor::is_enrolled(conn, user_id)?))
        .await?;
    let next = if enrolled {
        SecondStep::Code
    } else if required_for(policy, user.role) {
        SecondStep::Enrol
    } else {
        SecondStep::None
    };
    Ok((user, next))
}

/// The account of a pending sign-in, if it is still active and its sessions
/// were not ended meanwhile (epoch).
pub async fn pending_user(
    db: &Db,
    pending: &session::Pending,
) -> Result<Option<User>, AccountsError> {
    let (user_id, epoch) = (pending.user_id, pending.epoch);
    db.read(move |conn| {
        Ok::<_, AccountsError>(
            queries::find_user(conn, user_id)?
                .filter(|user| user.active && user.session_epoch == epoch),
        )
    })
    .await
}

/// The code step: refused unchecked while the account or address must wait
/// ([`AuthError::Wait`]); a wrong code counts as a failed sign-in. A recovery
/// code used is recorded in the audit log.
pub async fn check_code(
    db: &Db,
    user: &User,
    code: String,
    from: &Actor,
) -> Result<Accepted, AccountsError> {
    login::check_wait(db, user.email.clone(), from.ip.clone()).await?;
    let (user_id, actor) = (user.id, Actor::user(user, from.ip.clone()));
    let accepted = db
        .transaction(move |conn| {
            let accepted = two_factor::use_code(conn, user_id, &code, now())?;
            if accepted == Some(Accepted::RecoveryCode) {
                let left = two_factor::recovery_codes_left(conn, user_id)?;
                let summary = format!("signed in with a recovery code; {left} left");
                audit::record(conn, &actor, Action::UserRecoveryCodeUsed, user_id, summary)?;
            }
            Ok::<_, AccountsError>(accepted)
        })
        .await?;
    match accepted {
        Some(accepted) => Ok(accepted),
        None => {
            login::record_failure(db, user.email.clone(), from.ip.clone()).await?;
            Err(AccountsError::Auth(AuthError::Failed))
        }
    }
}

/// Sets up (or replaces) the user's authenticator with `secret`, once `code`
/// shows the app has it; returns the ten recovery codes, shown only now.
pub async fn enrol(
    db: &Db,
    actor: &Actor,
    user: &User,
    secret: String,
    code: String,
) -> Result<Vec<String>, AccountsError> {
    let step = two_factor::matching_step(&secret, &code, now().and_utc().timestamp())
        .ok_or(AccountsError::CodeWrong)?;
    let codes = two_factor::new_recovery_codes();
    let (actor, user_id, shown) = (actor.clone(), user.id, codes.clone());
    db.transaction(move |conn| {
        two_factor::enable(conn, user_id, &secret, step, &codes, now())?;
        let summary = "authenticator app set up; ten new recovery codes";
        audit::record(conn, &actor, Action::UserTwoFactorEnable, user_id, summary)?;
        Ok::<_, AccountsError>(())
    })
    .await?;
    Ok(shown)
}

/// Whether the user has a second factor, and how many recovery codes are left.
pub async fn status(db: &Db, user_id: i64) -> Result<(bool, i64), AccountsError> {
    db.read(move |conn| {
        Ok::<_, AccountsError>((
            two_factor::is_enrolled(conn, user_id)?,
            two_factor::recovery_codes_left(conn, user_id)?,
        ))
    })
    .await
}

/// An admin removes another account's second factor (a lost device): its
/// sessions end, and its next sign-in sets one up again where required.
pub async fn reset_two_factor(db: &Db, actor: &Actor, user_id: i64) -> Result<User, AccountsError> {
    if actor.user_id == Some(user_id) {
        return Err(AccountsError::CannotResetOwnTwoFactor);
    }
    let actor = actor.clone();
    db.transaction(move |conn| {
        let target = queries::find_user(conn, user_id)?.ok_or(AccountsError::NotFound)?;
        two_factor::reset(conn, user_id)?;
        session::end_all_sessions(conn, user_id)?;
        let summary = format!(
            "{}: second factor removed (lost device); sessions ended",
            target.email
        );
        audit::record(conn, &actor, Action::UserTwoFactorReset, user_id, summary)?;
        Ok(target)
    })
    .await
}

/// Ends every session of the user on every device, this one included.
pub async fn sign_out_everywhere(
    db: &Db,
    actor: &Actor,
    user_id: i64,
) -> Result<(), AccountsError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        session::end_all_sessions(conn, user_id)?;
        let summary = "signed out everywhere";
        audit::record(
            conn,
            &actor,
            Action::UserSignOutEverywhere,
            user_id,
            summary,
        )?;
        Ok::<_, AccountsError>(())
    })
    .await
}

/// Failed sign-ins of the last day, by account and by client address (the
/// 50 with most failures of each).
pub async fn recent_failures(
    db: &Db,
) -> Result<(Vec<FailureCount>, Vec<FailureCount>), AccountsError> {
    db.read(|conn| {
        let since = now() - Duration::days(1);
        Ok::<_, AccountsError>((
            throttle::failures_by_account(conn, since, 50)?,
            throttle::failures_by_address(conn, since, 50)?,
        ))
    })
    .await
}
