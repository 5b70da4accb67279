//! What an outbox operation can answer instead of its result.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("not found")]
    NotFound,
    /// Not done, for the reason the message key gives (shown to the user).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(MailError);

impl From<MailError> for AppError {
    fn from(error: MailError) -> AppError {
        match error {
            MailError::NotFound => AppError::NotFound,
            MailError::Refused(_) => AppError::BadRequest("error-bad-form"),
            MailError::Database(e) => AppError::Database(e),
        }
    }
}

impl Refusal for MailError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            MailError::Refused(key) => Some(lang.t(key)),
            _ => None,
        }
    }
}
