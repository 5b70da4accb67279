//! The exhibition form (a city's or staff's registration, a non-member's
//! application), parsed into typed details or field errors.

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use super::error::ExhibitionError;
use super::models::{Exhibition, Format, POSTER_LANGUAGES};
use super::queries::Details;
use super::zones;
use crate::db::DbConn;
use crate::domain::{CountryCode, FieldError, MultiLine, PlainLine};
use crate::membership::countries;
use crate::web::form::FormErrors;

pub const MAX_DAYS: i64 = 366;
pub const MAX_VISITORS: i32 = 10_000_000;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ExhibitionForm {
    pub title: String,
    pub venue: String,
    pub address: String,
    pub country: String,
    pub starts_on: String,
    pub ends_on: String,
    pub opens_at: String,
    pub closes_at: String,
    pub time_zone: String,
    pub expected_visitors: String,
    pub poster_language: String,
    pub format: String,
    pub publish: String,
    /// Staff only: the member city, by its number.
    pub member_number: String,
    /// Non-member applications only.
    pub organisation_name: String,
    pub contact_name: String,
    pub email: String,
    pub event_plan: String,
    pub language: String,
    /// The honeypot of the public form.
    pub nickname: String,
}

impl ExhibitionForm {
    pub fn of(e: &Exhibition) -> ExhibitionForm {
        ExhibitionForm {
            title: e.title.clone(),
            venue: e.venue.clone(),
            address: e.address.clone(),
            country: e.country_code.to_string(),
            starts_on: e.starts_on.to_string(),
            ends_on: e.ends_on.to_string(),
            opens_at: e.opens_at.clone().unwrap_or_default(),
            closes_at: e.closes_at.clone().unwrap_or_default(),
            time_zone: e.time_zone.clone(),
            expected_visitors: e
                .expected_visitors
                .map(|v| v.to_string())
                .unwrap_or_default(),
            poster_language: e.poster_language.clone(),
            format: e.format.as_str().into(),
            publish: if e.publish {
                "yes".into()
            } else {
                String::new()
            },
            ..ExhibitionForm::default()
        }
    }

    pub fn publishes(&self) -> bool {
        !self.publish.is_empty()
    }
}

fn date(input: &str) -> Result<NaiveDate, FieldError> {
    crate::domain::parse_date(input)
}

fn time(input: &str) -> Result<Option<String>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(input, "%H:%M")
        .map(|t| Some(t.format("%H:%M").to_string()))
        .map_err(|_| FieldError("exh-error-time"))
}

fn visitors(input: &str) -> Result<Option<i32>, FieldError> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '.'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=MAX_VISITORS).contains(n))
        .map(Some)
        .ok_or(FieldError("exh-error-visitors"))
}

/// A number of visitors that must be given (the report).
pub fn required_visitors(input: &str) -> Result<i32, FieldError> {
    visitors(input)?.ok_or(FieldError("error-required"))
}

/// The details of the form; `country` is fixed for a member city (its own).
/// `errors` may already hold the caller's own field errors: any error, theirs
/// or these, makes the whole form [`ExhibitionError::Invalid`].
pub fn parse_details(
    conn: &mut DbConn,
    form: &ExhibitionForm,
    fixed_country: Option<&CountryCode>,
    mut errors: FormErrors,
) -> Result<Details, ExhibitionError> {
    let title = errors.check("title", PlainLine::parse(&form.title, 200));
    let venue = errors.check("venue", PlainLine::parse(&form.venue, 200));
    let address = errors.check("address", MultiLine::parse(&form.address, 500));
    let country = match fixed_country {
        Some(code) => Some(code.clone()),
        None => match errors.check("country", CountryCode::parse(&form.country)) {
            Some(code) => {
                let known = countries::find(conn, &code)?.is_some();
                errors.check(
                    "country",
                    known
                        .then_some(code)
                        .ok_or(FieldError("error-choose-country")),
                )
            }
            None => None,
        },
    };
    let starts_on = errors.check("starts_on", date(&form.starts_on));
    let ends_on = errors.check("ends_on", date(&form.ends_on));
    if let (Some(start), Some(end)) = (starts_on, ends_on) {
        if end < start {
            errors.add("ends_on", FieldError("error-date-order"));
        } else if (end - start).num_days() >= MAX_DAYS {
            errors.add("ends_on", FieldError("exh-error-too-long"));
        }
    }
    let opens = errors.check("opens_at", time(&form.opens_at));
    let closes = errors.check("closes_at", time(&form.closes_at));
    let hours = match (opens.flatten(), closes.flatten()) {
        (Some(o), Some(c)) if c > o => Some((o, c)),
        (None, None) => None,
        (Some(_), Some(_)) => {
            errors.add("closes_at", FieldError("exh-error-closes-before-opens"));
            None
        }
        _ => {
            errors.add("closes_at", FieldError("exh-error-hours-pair"));
            None
        }
    };
    let time_zone = match (form.time_zone.trim(), &country) {
        ("", Some(code)) => Some(zones::default_zone(code).to_string()),
        ("", None) => None,
        (name, _) => errors.check(
            "time_zone",
            zones::parse(name)
                .map(|tz| tz.name().to_string())
                .ok_or(FieldError("exh-error-time-zone")),
        ),
    };
    let expected_visitors = errors.check("expected_visitors", visitors(&form.expected_visitors));
    let poster_language = errors.check(
        "poster_language",
        POSTER_LANGUAGES
            .iter()
            .find(|(code, _)| *code == form.poster_language)
            .map(|(code, _)| code.to_string())
            .ok_or(FieldError("error-choose-option")),
    );
    let format = errors.check(
        "format",
        Format::parse(&form.format).ok_or(FieldError("error-choose-option")),
    );
    let invalid = || ExhibitionError::Invalid(errors.clone());
    if !errors.is_empty() {
        return Err(invalid());
    }
    let (
        Some(title),
        Some(venue),
        Some(address),
        Some(country_code),
        Some(starts_on),
        Some(ends_on),
        Some(time_zone),
        Some(expected_visitors),
        Some(poster_language),
        Some(format),
    ) = (
        title,
        venue,
        address,
        country,
        starts_on,
        ends_on,
        time_zone,
        expected_visitors,
        poster_language,
        format,
    )
    else {
        return Err(invalid());
    };
    Ok(Details {
        title: title.into_string(),
        venue: venue.into_string(),
        address: address.as_str().to_string(),
        country_code: country_code.into_string(),
        starts_on,
        ends_on,
        hours,
        time_zone,
        expected_visitors,
        poster_language,
        format,
        publish: form.publishes(),
    })
}
