//! What a petitions operation can answer besides its result.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum PetitionError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Refused: the reason is shown on the next page (a message key).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// Nothing to do, it was so already: told for information (a message key).
    #[error("already: {0}")]
    Already(&'static str),
    /// A request the page never makes, or one refused with an error page (a message key).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The petition no longer takes signatures (a message key).
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    /// A form to show again, with the errors beside its fields.
    #[error("the form has errors")]
    Invalid(FormErrors),
    #[error("internal: {0}")]
    Internal(String),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(PetitionError);

impl From<PetitionError> for AppError {
    fn from(error: PetitionError) -> AppError {
        match error {
            PetitionError::NotFound => AppError::NotFound,
            PetitionError::Forbidden => AppError::Forbidden,
            PetitionError::BadRequest(key) => AppError::BadRequest(key),
            PetitionError::Gone(key) => AppError::Gone(key),
            PetitionError::TooManyRequests => AppError::TooManyRequests,
            PetitionError::Database(e) => AppError::Database(e),
            PetitionError::Internal(e) => AppError::Internal(e),
            // Handlers answer these on the page; reaching here is a handler's mistake.
            PetitionError::Refused(key) | PetitionError::Already(key) => {
                AppError::Internal(format!("unanswered refusal {key}"))
            }
            PetitionError::Invalid(_) => AppError::Internal("unanswered form errors".into()),
        }
    }
}

impl Refusal for PetitionError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            PetitionError::Refused(key) => Some(lang.t(key)),
            _ => None,
        }
    }
}
