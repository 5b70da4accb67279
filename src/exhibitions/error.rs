//! What an exhibition operation can answer besides its result: not found, a
//! refusal (a message key, or a booking clash with its details), a form to show
//! again with its field errors, or a database failure. Any of them rolls back
//! the operation's transaction.

use super::loans::Clash;
use crate::db::DbError;
use crate::i18n::{FluentArg, Lang};
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum ExhibitionError {
    #[error("not found")]
    NotFound,
    /// The user is not a member city's (or not this city's) user.
    #[error("forbidden")]
    Forbidden,
    /// Not possible now; the message key says why.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The set is lent to another exhibition for some of these days.
    #[error("set {} is booked", .0.set_code)]
    Clash(Clash),
    /// The form has mistakes: shown again with the messages beside its fields.
    #[error("the form has mistakes")]
    Invalid(FormErrors),
    /// Too many applications from one address.
    #[error("too many requests")]
    RateLimited,
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(ExhibitionError);

impl ExhibitionError {
    /// A form error on one field.
    pub fn field(name: &'static str, key: &'static str) -> ExhibitionError {
        let mut errors = FormErrors::default();
        errors.add(name, crate::domain::FieldError(key));
        ExhibitionError::Invalid(errors)
    }
}

impl From<ExhibitionError> for AppError {
    fn from(error: ExhibitionError) -> AppError {
        match error {
            ExhibitionError::NotFound => AppError::NotFound,
            ExhibitionError::Forbidden => AppError::Forbidden,
            ExhibitionError::Refused(key) => AppError::BadRequest(key),
            ExhibitionError::Clash(_) => AppError::BadRequest("exh-loan-set-unavailable"),
            ExhibitionError::Invalid(_) => AppError::BadRequest("error-bad-form"),
            ExhibitionError::RateLimited => AppError::TooManyRequests,
            ExhibitionError::Database(e) => AppError::Database(e),
        }
    }
}

impl Refusal for ExhibitionError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            ExhibitionError::Refused(key) => Some(lang.t(key)),
            ExhibitionError::Clash(c) => Some(lang.t_with(
                "exh-loan-clash",
                &[
                    ("code", c.set_code.clone().into()),
                    ("title", c.exhibition_title.clone().into()),
                    ("from", FluentArg::Raw(lang.date(c.ships_on))),
                    ("to", FluentArg::Raw(lang.date(c.returns_on))),
                ],
            )),
            _ => None,
        }
    }
}
