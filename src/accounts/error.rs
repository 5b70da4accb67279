//! Why an accounts operation did not do what was asked.

use crate::auth::queries::Invitation;
use crate::auth::AuthError;
use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("not found")]
    NotFound,
    /// The setup link is used, expired, or an admin exists already.
    #[error("the setup link is gone")]
    SetupLinkGone,
    /// The invitation is accepted, expired, or its address has an account now.
    #[error("the invitation link is gone")]
    InvitationGone,
    /// An account with this address exists already.
    #[error("an account has this email address")]
    EmailTaken,
    /// An admin may not deactivate their own account.
    #[error("cannot deactivate oneself")]
    CannotDeactivateSelf,
    /// The authenticator code does not match the secret being set up.
    #[error("the code does not match")]
    CodeWrong,
    /// An admin may not reset their own second factor (another admin does).
    #[error("cannot reset one's own second factor")]
    CannotResetOwnTwoFactor,
    /// The form has mistakes, shown beside its fields.
    #[error("the form has errors")]
    Invalid(FormErrors),
    /// The invitation form has mistakes; the page shows the invitation again.
    #[error("the invitation form has errors")]
    InvalidAcceptance(Box<Invitation>, FormErrors),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(AccountsError);

impl From<AccountsError> for AppError {
    fn from(error: AccountsError) -> AppError {
        match error {
            AccountsError::NotFound => AppError::NotFound,
            AccountsError::SetupLinkGone => AppError::Gone("setup-link-gone"),
            AccountsError::InvitationGone => AppError::Gone("invite-link-gone"),
            AccountsError::Auth(e) => e.into(),
            AccountsError::Database(e) => AppError::Database(e),
            // Refusals and form errors are answered on their pages; one that
            // reaches here is a mistake of the handler.
            other @ (AccountsError::EmailTaken
            | AccountsError::CannotDeactivateSelf
            | AccountsError::CannotResetOwnTwoFactor
            | AccountsError::CodeWrong
            | AccountsError::Invalid(_)
            | AccountsError::InvalidAcceptance(..)) => AppError::internal(other),
        }
    }
}

impl Refusal for AccountsError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            AccountsError::CannotDeactivateSelf => Some(lang.t("users-cannot-deactivate-self")),
            AccountsError::CannotResetOwnTwoFactor => Some(lang.t("two-factor-cannot-reset-own")),
            _ => None,
        }
    }
}
