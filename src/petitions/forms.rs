//! The petitions' forms as typed, and their parsing into typed input: the
//! errors to show beside the fields, or what an operation takes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::models::{Petition, PetitionStatus, Translation};
use super::signing::{Signer, MAX_EXTRA_SIGNERS};
use super::store::PetitionFields;
use super::versions::TranslationFields;
use crate::domain::{CountryCode, EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::web::form::FormErrors;

// ------------------------------------------------------------ signing

/// What the signing form holds, so a refused form comes back as typed.
#[derive(Default, Clone)]
pub struct SignValues {
    pub name: String,
    pub country: String,
    pub city: String,
    pub email: String,
    pub consent: bool,
    pub keep_informed: bool,
    /// Up to nine more signers: (name, country).
    pub others: Vec<(String, String)>,
}

/// Error slots of the collector rows (field names must be 'static).
pub const OTHER_FIELDS: [&str; MAX_EXTRA_SIGNERS] = [
    "other_1", "other_2", "other_3", "other_4", "other_5", "other_6", "other_7", "other_8",
    "other_9",
];

impl SignValues {
    /// The form as submitted: the submitter's fields, and `other_name_N` /
    /// `other_country_N` for the people a collector signs for.
    pub fn of(fields: &[(String, String)]) -> SignValues {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        SignValues {
            name: get("name"),
            country: get("country"),
            city: get("city"),
            email: get("email"),
            consent: !get("consent").is_empty(),
            keep_informed: !get("keep_informed").is_empty(),
            others: (1..=MAX_EXTRA_SIGNERS)
                .map(|i| {
                    (
                        get(&format!("other_name_{i}")),
                        get(&format!("other_country_{i}")),
                    )
                })
                .collect(),
        }
    }
}

/// A signing form, parsed; whether its countries are ones the association
/// knows is the operation's question.
pub struct ParsedSigning {
    pub email: EmailAddress,
    pub submitter: Signer,
    pub others: Vec<Signer>,
    pub keep_informed: bool,
}

/// Parses the signing form, or gives the errors to show beside the fields.
/// `known` says whether a country code is in the countries table.
pub fn parse_signing(
    values: &SignValues,
    known: impl Fn(&CountryCode) -> bool,
) -> Result<ParsedSigning, FormErrors> {
    let country_of = |text: &str| {
        CountryCode::parse(text)
            .ok()
            .filter(&known)
            .ok_or(FieldError("error-choose-country"))
    };
    let mut errors = FormErrors::default();
    let name = errors.check("name", PlainLine::parse(&values.name, 120));
    let country = errors.check("country", country_of(&values.country));
    let city = match values.city.trim() {
        "" => Some(None),
        city => errors.check("city", PlainLine::parse(city, 120).map(Some)),
    };
    let email = errors.check("email", EmailAddress::parse(&values.email));
    if !values.consent {
        errors.add("consent", FieldError("error-consent-required"));
    }
    let mut others = Vec::new();
    for (i, (other_name, other_country)) in values.others.iter().enumerate() {
        if other_name.trim().is_empty() && other_country.trim().is_empty() {
            continue;
        }
        match (PlainLine::parse(other_name, 120), country_of(other_country)) {
            (Ok(name), Ok(country_code)) => others.push(Signer {
                name,
                country_code,
                city: None,
            }),
            (Err(error), _) | (_, Err(error)) => errors.add(OTHER_FIELDS[i], error),
        }
    }
    match (name, country, city, email, errors.is_empty()) {
        (Some(name), Some(country_code), Some(city), Some(email), true) => Ok(ParsedSigning {
            email,
            submitter: Signer {
                name,
                country_code,
                city,
            },
            others,
            keep_informed: values.keep_informed,
        }),
        _ => Err(errors),
    }
}

// ------------------------------------------------------------ the petition form

/// The default time personal data is kept after a petition closes.
pub const DEFAULT_RETENTION_DAYS: i32 = 180;

/// The petition form's fields, as typed.
#[derive(Deserialize, Clone, Default)]
pub struct PetitionForm {
    #[serde(default)]
    pub slug: String,
    /// The language of the original version.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body_markdown: String,
    #[serde(default)]
    pub addressee: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub retention_days: String,
}

impl PetitionForm {
    pub fn of(petition: &Petition) -> PetitionForm {
        PetitionForm {
            slug: petition.slug.clone(),
            language: petition.language.clone(),
            title: petition.title.clone(),
            summary: petition.summary.clone(),
            body_markdown: petition.body_markdown.clone(),
            addressee: petition.addressee.clone(),
            goal: petition.goal.to_string(),
            opens_on: petition.opens_on.to_string(),
            closes_on: petition.closes_on.to_string(),
            status: petition.status.as_str().into(),
            retention_days: petition.retention_days.to_string(),
        }
    }

    /// A new petition: open from today for a year, a draft, written in `lang`.
    pub fn new_from(today: NaiveDate, lang: Lang) -> PetitionForm {
        PetitionForm {
            language: lang.code(),
            opens_on: today.to_string(),
            closes_on: (today + chrono::Duration::days(365)).to_string(),
            status: PetitionStatus::Draft.as_str().into(),
            retention_days: DEFAULT_RETENTION_DAYS.to_string(),
            goal: "1000000".into(),
            ..PetitionForm::default()
        }
    }

    pub fn parse(&self) -> Result<PetitionFields, FormErrors> {
        parse_petition(self)
    }
}

pub fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    crate::domain::parse_date(text)
}

/// A slug for addresses: lower-case letters, digits and hyphens.
fn parse_slug(text: &str) -> Result<String, FieldError> {
    let slug = text.trim().to_lowercase();
    let valid = (3..=80).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if valid {
        Ok(slug)
    } else {
        Err(FieldError("error-slug-invalid"))
    }
}

fn parse_petition(form: &PetitionForm) -> Result<PetitionFields, FormErrors> {
    let mut errors = FormErrors::default();
    let slug = errors.check("slug", parse_slug(&form.slug));
    let language = errors.check("language", parse_language(&form.language));
    let (title, summary, body) =
        parse_version(&mut errors, &form.title, &form.summary, &form.body_markdown);
    let addressee = errors.check("addressee", PlainLine::parse(&form.addressee, 300));
    let goal = errors.check(
        "goal",
        crate::domain::parse_population(&form.goal).map_err(|_| FieldError("error-goal-invalid")),
    );
    let opens_on = errors.check("opens_on", parse_date(&form.opens_on));
    let closes_on = errors.check("closes_on", parse_date(&form.closes_on));
    if let (Some(opens), Some(closes)) = (opens_on, closes_on) {
        if closes < opens {
            errors.add("closes_on", FieldError("error-date-order"));
        }
    }
    let status = errors.check(
        "status",
        PetitionStatus::parse(&form.status).ok_or(FieldError("error-choose-option")),
    );
    let retention_days = errors.check(
        "retention_days",
        form.retention_days
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|d| (0..=3650).contains(d))
            .ok_or(FieldError("error-retention-invalid")),
    );
    match (
        slug,
        language,
        title,
        summary,
        body,
        addressee,
        goal,
        opens_on,
        closes_on,
        status,
        retention_days,
        errors.is_empty(),
    ) {
        (
            Some(slug),
            Some(language),
            Some(title),
            Some(summary),
            Some(body),
            Some(addressee),
            Some(goal),
            Some(opens_on),
            Some(closes_on),
            Some(status),
            Some(retention_days),
            true,
        ) => Ok(PetitionFields {
            slug,
            language,
            title,
            summary,
            body_markdown: body,
            addressee: addressee.into_string(),
            goal,
            opens_on,
            closes_on,
            status,
            retention_days,
        }),
        _ => Err(errors),
    }
}

/// One of the installed languages (the select offers every one of them).
pub fn parse_language(text: &str) -> Result<Lang, FieldError> {
    Lang::all()
        .iter()
        .copied()
        .find(|lang| lang.code() == text.trim())
        .ok_or(FieldError("error-choose-option"))
}

/// A version's title, summary (may be empty) and text, with their errors.
fn parse_version(
    errors: &mut FormErrors,
    title: &str,
    summary: &str,
    body: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    let title = errors.check("title", PlainLine::parse(title, 200));
    let summary = match summary.trim() {
        "" => Some(String::new()),
        summary => errors.check(
            "summary",
            MultiLine::parse(summary, 1000).map(|s| s.as_str().to_string()),
        ),
    };
    let body = errors.check("body_markdown", MultiLine::parse(body, 50_000));
    (
        title.map(PlainLine::into_string),
        summary,
        body.map(|b| b.as_str().to_string()),
    )
}

// ------------------------------------------------------------ translations

/// A translation's form, as typed.
#[derive(Deserialize, Clone, Default)]
pub struct TranslationForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body_markdown: String,
}

impl TranslationForm {
    pub fn of(translation: &Translation) -> TranslationForm {
        TranslationForm {
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            body_markdown: translation.body_markdown.clone(),
        }
    }

    pub fn parse(&self) -> Result<TranslationFields, FormErrors> {
        let mut errors = FormErrors::default();
        let parsed = parse_version(&mut errors, &self.title, &self.summary, &self.body_markdown);
        match (parsed, errors.is_empty()) {
            ((Some(title), Some(summary), Some(body_markdown)), true) => Ok(TranslationFields {
                title,
                summary,
                body_markdown,
            }),
            _ => Err(errors),
        }
    }
}

// ------------------------------------------------------------ paper batches

const MAX_SCAN_BYTES: usize = 8 * 1024 * 1024;

/// The paper batch form as typed (the scan apart).
#[derive(Default, Clone)]
pub struct PaperForm {
    pub signatures: String,
    pub country: String,
    pub collected_from: String,
    pub collected_to: String,
    pub handed_over_on: String,
    pub note: String,
}

/// The most signatures one paper batch may count: a city hands over boxes of
/// forms, not a country's population, and a typo of three zeros is caught.
pub const MAX_PAPER_SIGNATURES: i64 = 100_000;

/// A paper batch form, parsed; whether its country is known is the operation's question.
pub struct PaperInput {
    pub signatures: i64,
    pub country_code: CountryCode,
    pub collected_from: NaiveDate,
    pub collected_to: NaiveDate,
    pub handed_over_on: NaiveDate,
    pub note: Option<String>,
    pub scan: Option<(String, Vec<u8>)>,
}

impl PaperForm {
    /// Parses the form and its uploaded scan; `known` says whether a country
    /// code is in the countries table.
    pub fn parse(
        &self,
        scan: Option<&[u8]>,
        known: impl Fn(&CountryCode) -> bool,
    ) -> Result<PaperInput, FormErrors> {
        let mut errors = FormErrors::default();
        let signatures = errors.check(
            "signatures",
            crate::domain::parse_population(&self.signatures)
                .map_err(|_| FieldError("error-count-invalid"))
                .and_then(|n| match n {
                    0 => Err(FieldError("error-count-invalid")),
                    n if n > MAX_PAPER_SIGNATURES => Err(FieldError("paper-too-many")),
                    n => Ok(n),
                }),
        );
        let collected_from = errors.check("collected_from", parse_date(&self.collected_from));
        let collected_to = errors.check("collected_to", parse_date(&self.collected_to));
        let handed_over_on = errors.check("handed_over_on", parse_date(&self.handed_over_on));
        if let (Some(from), Some(to)) = (collected_from, collected_to) {
            if to < from {
                errors.add("collected_to", FieldError("error-date-order"));
            }
        }
        let note = match self.note.trim() {
            "" => Some(None),
            note => errors.check(
                "note",
                MultiLine::parse(note, 2000).map(|n| Some(n.as_str().to_string())),
            ),
        };
        let scan = errors.check("scan", parse_scan(scan));
        let country_code = errors.check(
            "country",
            CountryCode::parse(&self.country)
                .ok()
                .filter(known)
                .ok_or(FieldError("error-choose-country")),
        );
        match (
            signatures,
            collected_from,
            collected_to,
            handed_over_on,
            note,
            scan,
            country_code,
            errors.is_empty(),
        ) {
            (
                Some(signatures),
                Some(collected_from),
                Some(collected_to),
                Some(handed_over_on),
                Some(note),
                Some(scan),
                Some(country_code),
                true,
            ) => Ok(PaperInput {
                signatures,
                country_code,
                collected_from,
                collected_to,
                handed_over_on,
                note,
                scan,
            }),
            _ => Err(errors),
        }
    }
}

/// A scan must be a PDF, JPEG or PNG, judged by its first bytes.
fn parse_scan(upload: Option<&[u8]>) -> Result<Option<(String, Vec<u8>)>, FieldError> {
    let Some(data) = upload.filter(|data| !data.is_empty()) else {
        return Ok(None);
    };
    if data.len() > MAX_SCAN_BYTES {
        return Err(FieldError("error-scan-too-large"));
    }
    let extension = if data.starts_with(b"%PDF-") {
        "pdf"
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else {
        return Err(FieldError("error-scan-type"));
    };
    Ok(Some((format!("scan.{extension}"), data.to_vec())))
}

// ------------------------------------------------------------ the blocklist

/// An email domain as an admin types it (a leading `@` is fine).
pub fn parse_domain(text: &str) -> Option<String> {
    let domain = text.trim().trim_start_matches('@').to_lowercase();
    let valid = domain.contains('.')
        && domain.len() <= 253
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    valid.then_some(domain)
}
