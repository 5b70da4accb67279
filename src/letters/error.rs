//! Why a letters operation did not do what was asked.

use crate::db::DbError;
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{AppError, Refusal};

use super::answers::ReviewDraft;

#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    #[error("not found")]
    NotFound,
    /// The letter is final or sent (or another editor saved first).
    #[error("the letter can no longer change")]
    NotEditable,
    /// The officers' answers do not yet meet the letter's approval rule.
    #[error("the approval rule is not met")]
    RuleNotMet,
    /// Officers counted by the rule cannot be reached (their cities' names):
    /// nobody is asked until staff add an address or exclude them.
    #[error("officers cannot be reached")]
    Unreachable(Vec<String>),
    /// A signatory line has no name (", Mayor of Hiroshima, …").
    #[error("a signatory has no name")]
    NamelessSignatory,
    /// Excluding an officer needs a reason.
    #[error("no reason given")]
    ReasonRequired,
    /// Only a final letter can be sent (a second click finds it sent).
    #[error("the letter is not final")]
    NotFinal,
    /// The form has mistakes, shown beside its fields.
    #[error("the form has errors")]
    Invalid(FormErrors),
    /// An officer's answer form has mistakes; the page shows the review again.
    #[error("the answer form has errors")]
    InvalidAnswer(Box<ReviewDraft>, FormErrors),
    /// This officer answered this version already.
    #[error("answered already")]
    AlreadyAnswered,
    /// The draft changed since (or was finalised): the link is for an old version.
    #[error("the review is for an earlier version")]
    Superseded,
    /// Too many answers from one address.
    #[error("too many answers")]
    TooMany,
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Database(DbError),
}

crate::database_errors!(LetterError);

impl From<LetterError> for AppError {
    fn from(error: LetterError) -> AppError {
        match error {
            LetterError::NotFound => AppError::NotFound,
            LetterError::NotEditable => AppError::BadRequest("letter-not-editable"),
            LetterError::RuleNotMet => AppError::BadRequest("letter-rule-not-met"),
            LetterError::NotFinal => AppError::BadRequest("letter-not-final"),
            LetterError::Unreachable(_) => AppError::BadRequest("letter-why-blocked"),
            LetterError::NamelessSignatory => AppError::BadRequest("letter-signatory-nameless"),
            LetterError::ReasonRequired => AppError::BadRequest("letter-exclude-reason-required"),
            // Handlers show a form's errors on its page; one that reaches
            // here is a mistake of the handler.
            invalid @ (LetterError::Invalid(_) | LetterError::InvalidAnswer(..)) => {
                AppError::internal(invalid)
            }
            LetterError::AlreadyAnswered => AppError::Gone("letter-review-already-answered"),
            LetterError::Superseded => AppError::Gone("letter-review-superseded"),
            LetterError::TooMany => AppError::TooManyRequests,
            LetterError::Template(e) => AppError::Template(e),
            LetterError::Database(e) => AppError::Database(e),
        }
    }
}

/// A refused step of a letter is answered with its error page (400, 410), as
/// it always was: staff press these buttons only when the page offers them, so
/// a refusal means the page was stale. What staff must decide first (officers
/// who cannot be reached, a signatory without a name, a missing reason) is
/// flashed on the letter's page instead.
impl Refusal for LetterError {
    fn refusal(&self, lang: Lang) -> Option<String> {
        use crate::i18n::FluentArg;
        match self {
            LetterError::Unreachable(names) => Some(lang.t_with(
                "letter-circulate-blocked",
                &[
                    ("count", FluentArg::Count(names.len() as i64)),
                    ("names", FluentArg::Str(names.join(", "))),
                ],
            )),
            LetterError::NamelessSignatory => Some(lang.t("letter-signatory-nameless")),
            LetterError::ReasonRequired => Some(lang.t("letter-exclude-reason-required")),
            _ => None,
        }
    }
}
