//! One's own account: changing the password (which ends one's other
//! sessions) and the language of pages and emails.

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::{login, password, queries, User};
use crate::db::Db;
use crate::domain::clock::now;
use crate::domain::{FieldError, Password};
use crate::i18n::Lang;
use crate::web::form::FormErrors;

/// A password change as the form gives it: the current password, and the new
/// one parsed (or why not).
pub struct PasswordChange {
    pub current: String,
    pub new: Result<Password, FieldError>,
}

/// Changes the user's password when the current one is right; returns the new
/// session epoch, which ends every other session of the user.
pub async fn change_password(
    db: &Db,
    actor: &Actor,
    user: &User,
    change: PasswordChange,
) -> Result<i32, AccountsError> {
    let mut errors = FormErrors::default();
    if !login::password_matches(db, user.email.clone(), change.current).await? {
        errors.add("current_password", FieldError("error-password-wrong"));
    }
    let new_password = errors.check("password", change.new);
    let (true, Some(new_password)) = (errors.is_empty(), new_password) else {
        return Err(AccountsError::Invalid(errors));
    };
    let hash = password::hash(new_password.expose().to_string()).await?;
    let (actor, user_id) = (actor.clone(), user.id);
    db.transaction(move |conn| {
        let epoch = queries::set_password(conn, user_id, &hash, now())?;
        let summary = audit::Detail::new("audit-detail-password-changed");
        audit::record(conn, &actor, Action::UserChangePassword, user_id, summary)?;
        Ok(epoch)
    })
    .await
}

/// Remembers the user's language, for their pages and the emails they get.
pub async fn set_language(db: &Db, user_id: i64, lang: Lang) -> Result<(), AccountsError> {
    db.transaction(move |conn| Ok(queries::set_language(conn, user_id, &lang.code(), now())?))
        .await
}
