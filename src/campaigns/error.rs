//! What a campaigns operation can answer besides its result.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Refused: the reason is shown on the campaign's page (a message key).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// A request the pages never make in this state: an error page (a message key).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    /// A form to show again, with the errors beside its fields.
    #[error("the form has errors")]
    Invalid(FormErrors),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(CampaignError);

impl From<CampaignError> for AppError {
    fn from(error: CampaignError) -> AppError {
        match error {
            CampaignError::NotFound => AppError::NotFound,
            CampaignError::Forbidden => AppError::Forbidden,
            CampaignError::BadRequest(key) => AppError::BadRequest(key),
            CampaignError::TooManyRequests => AppError::TooManyRequests,
            CampaignError::Database(e) => AppError::Database(e),
            // Handlers answer these on the page; reaching here is a handler's mistake.
            CampaignError::Refused(key) => AppError::Internal(format!("unanswered refusal {key}")),
            CampaignError::Invalid(_) => AppError::Internal("unanswered form errors".into()),
        }
    }
}

impl Refusal for CampaignError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            CampaignError::Refused(key) => Some(lang.t(key)),
            _ => None,
        }
    }
}
