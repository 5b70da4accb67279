//! What a meeting operation can answer besides its result. Any of them rolls
//! back the operation's transaction.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum MeetingError {
    /// No such meeting or invitation, or a registration link that is not ours
    /// (a forged link and an unknown one look alike).
    #[error("not found")]
    NotFound,
    /// Not possible now; the message key says why.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The places left are fewer than the delegates: the city may ask to wait.
    #[error("the meeting is full")]
    Full,
    /// The form has mistakes: shown again with the messages beside its fields.
    #[error("the form has mistakes")]
    Invalid(FormErrors),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(MeetingError);

impl From<MeetingError> for AppError {
    fn from(error: MeetingError) -> AppError {
        match error {
            MeetingError::NotFound => AppError::NotFound,
            MeetingError::Refused(key) => AppError::BadRequest(key),
            MeetingError::Full => AppError::BadRequest("meeting-full"),
            MeetingError::Invalid(_) => AppError::BadRequest("error-bad-form"),
            MeetingError::Database(e) => AppError::Database(e),
        }
    }
}

impl Refusal for MeetingError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            MeetingError::Refused(key) => Some(lang.t(key)),
            MeetingError::Full => Some(lang.t("meeting-full")),
            _ => None,
        }
    }
}
