//! What a jobs operation can answer instead of its result.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// No job of that name.
    #[error("not found")]
    NotFound,
    /// Not done, for the reason the message key gives (shown to the user).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(JobError);

impl From<JobError> for AppError {
    fn from(error: JobError) -> AppError {
        match error {
            JobError::NotFound => AppError::NotFound,
            JobError::Refused(_) => AppError::BadRequest("error-bad-form"),
            JobError::Database(e) => AppError::Database(e),
        }
    }
}

impl Refusal for JobError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            JobError::Refused(key) => Some(lang.t(key)),
            _ => None,
        }
    }
}
