//! What a membership operation can answer besides success.

use crate::db::DbError;
use crate::domain::FieldError;
use crate::i18n::{FluentArg, Lang};
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum MembershipError {
    #[error("not found")]
    NotFound,
    /// Not allowed now; the message key says why.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// A country code that is not well formed or not in the countries table.
    #[error("unknown country")]
    UnknownCountry,
    /// A form to show again beside its fields (422).
    #[error("the form has errors")]
    Invalid(FormErrors),
    /// A file not imported, with every problem found in it.
    #[error("the file is not imported")]
    ImportRefused(crate::membership::csv_io::Refusal),
    /// A rate limit (joining, sister-city invitations) was reached.
    #[error("too many requests")]
    TooManyRequests,
    /// Another president's term overlaps this one (one president at a time).
    #[error("overlaps the president {}", .0.city)]
    RoleClash(crate::membership::roles::Clash),
    /// A country or region a lead city leads that the association does not know.
    #[error("unknown country or region {0}")]
    UnknownRegion(String),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(MembershipError);

impl MembershipError {
    /// A form's error for one field.
    pub fn field(field: &'static str, error: FieldError) -> MembershipError {
        let mut errors = FormErrors::default();
        errors.add(field, error);
        MembershipError::Invalid(errors)
    }
}

impl From<MembershipError> for AppError {
    fn from(error: MembershipError) -> AppError {
        match error {
            MembershipError::NotFound => AppError::NotFound,
            MembershipError::Refused(key) => AppError::BadRequest(key),
            MembershipError::UnknownCountry => AppError::BadRequest("error-choose-country"),
            MembershipError::Invalid(_) | MembershipError::ImportRefused(_) => {
                AppError::BadRequest("error-bad-form")
            }
            MembershipError::TooManyRequests => AppError::TooManyRequests,
            MembershipError::RoleClash(_) => AppError::BadRequest("role-clash-president-short"),
            MembershipError::UnknownRegion(_) => AppError::BadRequest("error-choose-country"),
            MembershipError::Database(error) => AppError::Database(error),
        }
    }
}

impl Refusal for MembershipError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        match self {
            MembershipError::Refused(key) => Some(lang.t(key)),
            MembershipError::UnknownCountry => Some(lang.t("error-choose-country")),
            MembershipError::RoleClash(clash) => Some(clash.message(lang)),
            MembershipError::UnknownRegion(code) => Some(lang.t_with(
                "role-region-unknown",
                &[("code", FluentArg::Str(code.clone()))],
            )),
            _ => None,
        }
    }
}

/// Keeps a country the table knows, or records the form's error for `field`;
/// other errors (the database) go on.
pub fn check_country<T>(
    errors: &mut FormErrors,
    field: &'static str,
    key: &'static str,
    result: Result<T, MembershipError>,
) -> Result<Option<T>, MembershipError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(MembershipError::UnknownCountry) => {
            errors.add(field, FieldError(key));
            Ok(None)
        }
        Err(other) => Err(other),
    }
}
