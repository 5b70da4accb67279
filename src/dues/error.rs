//! What a dues operation can answer instead of its result.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum DuesError {
    /// The city, entry, receipt or import asked for does not exist (or is not
    /// the asker's to see).
    #[error("not found")]
    NotFound,
    /// Not done, for the reason the message key gives (shown to the user).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// A form whose values the database refused (an unknown member number):
    /// shown again with the messages beside its fields.
    #[error("invalid form")]
    Invalid(FormErrors),
    /// The same city already has a payment of this amount on this date (the
    /// receipt number of the first): likely the same money entered twice.
    #[error("likely duplicate of {0}")]
    LikelyDuplicate(String),
    #[error(transparent)]
    Database(DbError),
    /// Something that cannot happen in practice (writing CSV into memory).
    #[error("internal: {0}")]
    Internal(String),
}

impl DuesError {
    pub fn internal(error: impl std::fmt::Display) -> DuesError {
        DuesError::Internal(error.to_string())
    }
}

crate::database_errors!(DuesError);

impl From<DuesError> for AppError {
    fn from(error: DuesError) -> AppError {
        match error {
            DuesError::NotFound => AppError::NotFound,
            DuesError::Refused(_) | DuesError::Invalid(_) | DuesError::LikelyDuplicate(_) => {
                AppError::BadRequest("error-bad-form")
            }
            DuesError::Database(e) => AppError::Database(e),
            DuesError::Internal(e) => AppError::Internal(e),
        }
    }
}

impl Refusal for DuesError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            DuesError::Refused(key) => Some(lang.t(key)),
            _ => None,
        }
    }
}
