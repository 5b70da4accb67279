//! The campaign form as typed, and its parsing into a campaign's fields.

use serde::Deserialize;

use super::audience::Filters;
use super::models::Campaign;
use super::placeholders;
use super::store::CampaignFields;
use super::versions::installed;
use crate::domain::{CountryCode, FieldError, MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::membership::countries::Continent;
use crate::membership::models::RoleKind;
use crate::web::form::FormErrors;

#[derive(Deserialize, Clone, Default)]
pub struct CampaignForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// The language of the subject and body; empty is English.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub essential: Option<String>,
    #[serde(default)]
    pub continent: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub dues_unpaid: Option<String>,
    #[serde(default)]
    pub no_exhibition_held: Option<String>,
    #[serde(default)]
    pub pasted_list: String,
}

impl CampaignForm {
    pub fn of(campaign: &Campaign) -> CampaignForm {
        CampaignForm {
            subject: campaign.subject.clone(),
            body: campaign.body.clone(),
            language: campaign.language.clone(),
            essential: campaign.essential.then(|| "on".into()),
            continent: campaign.continent.clone().unwrap_or_default(),
            country: campaign.country_code.clone().unwrap_or_default(),
            role: campaign.role.clone().unwrap_or_default(),
            dues_unpaid: campaign.dues_unpaid.then(|| "on".into()),
            no_exhibition_held: campaign.no_exhibition_held.then(|| "on".into()),
            pasted_list: campaign.pasted_list.clone().unwrap_or_default(),
        }
    }

    /// The language chosen, English when none was.
    pub fn language_code(&self) -> &str {
        match self.language.trim() {
            "" => "en",
            code => code,
        }
    }

    pub fn is_essential(&self) -> bool {
        self.essential.is_some()
    }

    pub fn is_dues_unpaid(&self) -> bool {
        self.dues_unpaid.is_some()
    }

    pub fn is_no_exhibition_held(&self) -> bool {
        self.no_exhibition_held.is_some()
    }

    /// The country filter as typed: none when empty, else a code (well formed or not).
    pub fn country_code(&self) -> Option<Result<CountryCode, FieldError>> {
        let text = self.country.trim();
        (!text.is_empty()).then(|| CountryCode::parse(text))
    }

    /// Parses the form; `country_known` says whether the country filter, if
    /// any, is in the countries table.
    pub fn parse(&self, country_known: bool) -> Result<CampaignFields, FormErrors> {
        let mut errors = FormErrors::default();
        let subject = errors.check("subject", template_line(&self.subject));
        let body = errors.check("body", template_text(&self.body));
        let language = match self.language.trim() {
            "" => Some(Lang::english()),
            code => errors.check(
                "language",
                installed(code).ok_or(FieldError("error-choose-option")),
            ),
        };
        let continent = match self.continent.trim() {
            "" => Some(None),
            text => errors.check(
                "continent",
                Continent::parse(text)
                    .map(Some)
                    .ok_or(FieldError("error-choose-option")),
            ),
        };
        let role = match self.role.trim() {
            "" => Some(None),
            text => errors.check(
                "role",
                RoleKind::parse(text)
                    .map(Some)
                    .ok_or(FieldError("error-choose-option")),
            ),
        };
        let country = match self.country_code() {
            None => Some(None),
            Some(code) => errors.check(
                "country",
                code.ok()
                    .filter(|_| country_known)
                    .map(Some)
                    .ok_or(FieldError("error-choose-country")),
            ),
        };
        let pasted = match self.pasted_list.trim() {
            "" => Some(None),
            text => errors.check(
                "pasted_list",
                MultiLine::parse(text, 500_000).map(|t| Some(t.as_str().to_string())),
            ),
        };
        match (
            subject,
            body,
            language,
            continent,
            role,
            country,
            pasted,
            errors.is_empty(),
        ) {
            (
                Some(subject),
                Some(body),
                Some(language),
                Some(continent),
                Some(role),
                Some(country_code),
                Some(pasted_list),
                true,
            ) => Ok(CampaignFields {
                subject,
                body,
                essential: self.is_essential(),
                language,
                filters: Filters {
                    continent,
                    country_code,
                    role,
                    dues_unpaid: self.is_dues_unpaid(),
                    no_exhibition_held: self.is_no_exhibition_held(),
                    pasted_list,
                },
            }),
            _ => Err(errors),
        }
    }
}

fn placeholder_error(error: placeholders::TemplateError) -> FieldError {
    FieldError(error.message_key())
}

/// A subject: one plain line whose placeholders are known.
fn template_line(text: &str) -> Result<String, FieldError> {
    let line = PlainLine::parse(text, 200)?;
    placeholders::check(line.as_str()).map_err(placeholder_error)?;
    Ok(line.into_string())
}

/// A body: text whose placeholders are known.
fn template_text(text: &str) -> Result<String, FieldError> {
    let body = MultiLine::parse(text, 50_000)?;
    placeholders::check(body.as_str()).map_err(placeholder_error)?;
    Ok(body.as_str().to_string())
}
