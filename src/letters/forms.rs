//! The letter form as staff fill it in, and its parsing into [`LetterFields`]
//! at the edge: every field checked once, the errors kept beside their fields.

use chrono::NaiveDate;
use serde::Deserialize;

use super::models::{ApprovalRule, Letter, LetterKind};
use super::store::LetterFields;
use super::translations::{Translation, TranslationFields};
use crate::domain::{self, CountryCode, EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::web::form::FormErrors;

#[derive(Deserialize, Clone, Default)]
pub struct LetterForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub target_country: String,
    #[serde(default)]
    pub occasion: String,
    #[serde(default)]
    pub occasion_on: String,
    #[serde(default)]
    pub addressee_name: String,
    #[serde(default)]
    pub addressee_title: String,
    #[serde(default)]
    pub addressee_emails: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body_markdown: String,
    #[serde(default)]
    pub signatories: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub approval_rule: String,
    #[serde(default)]
    pub review_deadline: String,
}

impl LetterForm {
    /// A new letter: a letter of protest in English under the usual rule,
    /// signed by `signatories`.
    pub fn blank(signatories: String) -> LetterForm {
        LetterForm {
            kind: LetterKind::Letter.as_str().into(),
            language: "en".into(),
            approval_rule: ApprovalRule::PresidentAndMajority.as_str().into(),
            signatories,
            ..LetterForm::default()
        }
    }

    /// The form of a saved letter, to edit.
    pub fn of(letter: &Letter) -> LetterForm {
        LetterForm {
            kind: letter.kind.as_str().into(),
            target_country: letter.target_country.clone().unwrap_or_default(),
            occasion: letter.occasion.clone(),
            occasion_on: letter
                .occasion_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            addressee_name: letter.addressee_name.clone(),
            addressee_title: letter.addressee_title.clone(),
            addressee_emails: letter.addressee_list().join("\n"),
            subject: letter.subject.clone(),
            body_markdown: letter.body_markdown.clone(),
            signatories: letter.signatories.clone(),
            language: letter.language.clone(),
            approval_rule: letter.approval_rule.as_str().into(),
            review_deadline: letter
                .review_deadline
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    /// Parses the form. Whether the addressee state is one the association
    /// knows is for the operation that saves it to check.
    pub fn parse(&self) -> Result<LetterFields, FormErrors> {
        let form = self;
        let mut errors = FormErrors::default();
        let kind = errors.check(
            "kind",
            LetterKind::parse(&form.kind).ok_or(FieldError("error-choose-option")),
        );
        let target = errors.check(
            "target_country",
            domain::optional(&form.target_country, CountryCode::parse),
        );
        // A letter of protest needs its addressee state.
        if kind == Some(LetterKind::Letter) && target == Some(None) {
            errors.add("target_country", FieldError("error-choose-country"));
        }
        let occasion = errors.check(
            "occasion",
            domain::optional(&form.occasion, |t| PlainLine::parse(t, 300)),
        );
        let occasion_on = errors.check(
            "occasion_on",
            domain::optional(&form.occasion_on, parse_date),
        );
        let addressee_name = errors.check(
            "addressee_name",
            PlainLine::parse(&form.addressee_name, 200),
        );
        let addressee_title = errors.check(
            "addressee_title",
            domain::optional(&form.addressee_title, |t| PlainLine::parse(t, 200)),
        );
        let addresses = errors.check("addressee_emails", parse_addresses(&form.addressee_emails));
        let subject = errors.check("subject", PlainLine::parse(&form.subject, 200));
        let body = errors.check("body_markdown", multi_line(&form.body_markdown, 50_000));
        let signatories = errors.check("signatories", signatory_lines(&form.signatories));
        let language = errors.check(
            "language",
            Lang::parse(form.language.trim())
                .map(|l| l.code())
                .ok_or(FieldError("error-language-unknown")),
        );
        let rule = errors.check(
            "approval_rule",
            ApprovalRule::parse(&form.approval_rule).ok_or(FieldError("error-choose-option")),
        );
        let deadline = errors.check(
            "review_deadline",
            domain::optional(&form.review_deadline, parse_date),
        );
        if rule == Some(ApprovalRule::Deadline) && deadline == Some(None) {
            errors.add("review_deadline", FieldError("error-required"));
        }
        match (
            kind,
            target,
            occasion,
            occasion_on,
            addressee_name,
            addressee_title,
            addresses,
            subject,
            body,
            signatories,
            language,
            rule,
            deadline,
            errors.is_empty(),
        ) {
            (
                Some(kind),
                Some(target_country),
                Some(occasion),
                Some(occasion_on),
                Some(addressee_name),
                Some(addressee_title),
                Some(addresses),
                Some(subject),
                Some(body_markdown),
                Some(signatories),
                Some(language),
                Some(approval_rule),
                Some(review_deadline),
                true,
            ) => Ok(LetterFields {
                kind,
                target_country,
                occasion: occasion.map(PlainLine::into_string).unwrap_or_default(),
                occasion_on,
                addressee_name: addressee_name.into_string(),
                addressee_title: addressee_title
                    .map(PlainLine::into_string)
                    .unwrap_or_default(),
                addressee_emails: addresses
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                subject: subject.into_string(),
                body_markdown,
                signatories,
                language,
                approval_rule,
                review_deadline,
            }),
            _ => Err(errors),
        }
    }
}

/// A translation of a letter as staff fill it in.
#[derive(Deserialize, Clone, Default)]
pub struct TranslationForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body_markdown: String,
    #[serde(default)]
    pub signatories: String,
}

impl TranslationForm {
    /// The translation's text, or the original's to translate over.
    pub fn of(letter: &Letter, translation: Option<&Translation>) -> TranslationForm {
        match translation {
            Some(t) => TranslationForm {
                subject: t.subject.clone(),
                body_markdown: t.body_markdown.clone(),
                signatories: t.signatories.clone(),
            },
            None => TranslationForm {
                subject: letter.subject.clone(),
                body_markdown: letter.body_markdown.clone(),
                signatories: letter.signatories.clone(),
            },
        }
    }

    pub fn parse(&self) -> Result<TranslationFields, FormErrors> {
        let mut errors = FormErrors::default();
        let subject = errors.check("subject", PlainLine::parse(&self.subject, 200));
        let body = errors.check("body_markdown", multi_line(&self.body_markdown, 50_000));
        let signatories = errors.check("signatories", signatory_lines(&self.signatories));
        match (subject, body, signatories, errors.is_empty()) {
            (Some(subject), Some(body_markdown), Some(signatories), true) => {
                Ok(TranslationFields {
                    subject: subject.into_string(),
                    body_markdown,
                    signatories,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    crate::domain::parse_date(text)
}

/// Addresses one per line or separated by commas; each must parse.
fn parse_addresses(text: &str) -> Result<Vec<EmailAddress>, FieldError> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(EmailAddress::parse)
        .collect()
}

/// The signatories, one a line; each line must begin with the signatory's
/// name (a mayor without a name on the city's record gives ", Mayor of …").
pub fn signatory_lines(text: &str) -> Result<String, FieldError> {
    let text = multi_line(text, 5_000)?;
    if text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .any(super::models::is_nameless)
    {
        return Err(FieldError("letter-signatory-nameless"));
    }
    Ok(text)
}

fn multi_line(text: &str, max: usize) -> Result<String, FieldError> {
    MultiLine::parse(text, max).map(|t| t.as_str().to_string())
}
