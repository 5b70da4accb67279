//! The forms of meetings, parsed at the edge: staff's meeting form into a
//! [`NewMeeting`], a city's registration into a [`Registration`].

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::models::{AudienceKind, MeetingKind, INTERPRETATION_LANGUAGES};
use crate::domain::{self, CountryCode, EmailAddress, FieldError, PlainLine};
use crate::membership::countries::Continent;
use crate::web::form::FormErrors;

/// Delegates a city may name at most, whatever the meeting allows.
pub const MAX_DELEGATE_ROWS: i32 = 10;

#[derive(Deserialize, Clone, Default)]
pub struct MeetingForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub title_ja: String,
    #[serde(default)]
    pub title_ko: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub country_code: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub interpretation: String,
    #[serde(default)]
    pub registration_opens_on: String,
    #[serde(default)]
    pub registration_closes_on: String,
    #[serde(default)]
    pub capacity_total: String,
    #[serde(default)]
    pub capacity_per_city: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub audience_detail: String,
}

/// Who is invited, parsed.
#[derive(Debug, Clone)]
pub enum Audience {
    All,
    Officers,
    Continent(Continent),
    Countries(Vec<CountryCode>),
    /// Member numbers or addresses, one a line.
    List(String),
}

impl Audience {
    pub fn kind(&self) -> AudienceKind {
        match self {
            Audience::All => AudienceKind::All,
            Audience::Officers => AudienceKind::Officers,
            Audience::Continent(_) => AudienceKind::Continent,
            Audience::Countries(_) => AudienceKind::Countries,
            Audience::List(_) => AudienceKind::List,
        }
    }

    /// What `audience_detail` stores.
    pub fn detail(&self) -> Option<String> {
        match self {
            Audience::All | Audience::Officers => None,
            Audience::Continent(c) => Some(c.as_str().to_string()),
            Audience::Countries(codes) => Some(
                codes
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Audience::List(list) => Some(list.clone()),
        }
    }

    /// The audience as stored.
    pub fn stored(kind: AudienceKind, detail: Option<&str>) -> Option<Audience> {
        let detail = detail.unwrap_or_default();
        Some(match kind {
            AudienceKind::All => Audience::All,
            AudienceKind::Officers => Audience::Officers,
            AudienceKind::Continent => Audience::Continent(Continent::parse(detail)?),
            AudienceKind::Countries => Audience::Countries(country_list(detail).ok()?),
            AudienceKind::List => Audience::List(detail.to_string()),
        })
    }

    fn parse(kind: &str, detail: &str) -> Result<Audience, FieldError> {
        match AudienceKind::parse(kind) {
            Some(AudienceKind::All) => Ok(Audience::All),
            Some(AudienceKind::Officers) => Ok(Audience::Officers),
            Some(AudienceKind::Continent) => Continent::parse(detail.trim())
                .map(Audience::Continent)
                .ok_or(FieldError("meeting-error-continent")),
            Some(AudienceKind::Countries) => country_list(detail).map(Audience::Countries),
            Some(AudienceKind::List) if !detail.trim().is_empty() => {
                Ok(Audience::List(detail.trim().to_string()))
            }
            Some(AudienceKind::List) => Err(FieldError("error-required")),
            None => Err(FieldError("error-choose-option")),
        }
    }
}

/// "JP, KR" or one a line; at least one.
fn country_list(text: &str) -> Result<Vec<CountryCode>, FieldError> {
    let codes = text
        .split([',', '\n', ';', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(CountryCode::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if codes.is_empty() {
        return Err(FieldError("error-choose-country"));
    }
    Ok(codes)
}

/// A meeting as staff create it.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub title_en: String,
    pub title_ja: Option<String>,
    pub title_ko: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub venue: String,
    pub country_code: CountryCode,
    pub time_zone: String,
    pub interpretation: String,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub capacity_total: i32,
    pub capacity_per_city: i32,
    pub audience: Audience,
}

fn line(text: &str) -> Result<String, FieldError> {
    PlainLine::parse(text, 200).map(PlainLine::into_string)
}

fn optional_line(text: &str) -> Result<Option<String>, FieldError> {
    domain::optional(text, line)
}

fn places(text: &str, max: i32) -> Result<i32, FieldError> {
    match text.trim().parse::<i32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(FieldError("meeting-error-places")),
    }
}

/// "en, ja": known language codes only.
fn languages(text: &str) -> Result<String, FieldError> {
    let codes: Vec<&str> = text
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes
        .iter()
        .any(|code| !INTERPRETATION_LANGUAGES.iter().any(|(c, _)| c == code))
    {
        return Err(FieldError("meeting-error-languages"));
    }
    Ok(codes.join(","))
}

impl MeetingForm {
    pub fn parse(&self) -> Result<NewMeeting, FormErrors> {
        let f = self;
        let mut e = FormErrors::default();
        let kind = e.check(
            "kind",
            MeetingKind::parse(&f.kind).ok_or(FieldError("error-choose-option")),
        );
        let title_en = e.check("title_en", line(&f.title_en));
        let title_ja = e.check("title_ja", optional_line(&f.title_ja));
        let title_ko = e.check("title_ko", optional_line(&f.title_ko));
        let starts_on = e.check("starts_on", domain::parse_date(&f.starts_on));
        let ends_on = e.check("ends_on", domain::parse_date(&f.ends_on));
        let venue = e.check("venue", line(&f.venue));
        let country_code = e.check("country_code", CountryCode::parse(&f.country_code));
        let time_zone = e.check(
            "time_zone",
            crate::exhibitions::zones::parse(f.time_zone.trim())
                .map(|tz| tz.name().to_string())
                .ok_or(FieldError("meeting-error-time-zone")),
        );
        let interpretation = e.check("interpretation", languages(&f.interpretation));
        let opens = e.check(
            "registration_opens_on",
            domain::parse_date(&f.registration_opens_on),
        );
        let closes = e.check(
            "registration_closes_on",
            domain::parse_date(&f.registration_closes_on),
        );
        let capacity_total = e.check("capacity_total", places(&f.capacity_total, 100_000));
        let capacity_per_city = e.check(
            "capacity_per_city",
            places(&f.capacity_per_city, MAX_DELEGATE_ROWS),
        );
        let audience = e.check("audience", Audience::parse(&f.audience, &f.audience_detail));
        if let (Some(starts), Some(ends)) = (starts_on, ends_on) {
            if ends < starts {
                e.add("ends_on", FieldError("error-date-order"));
            }
        }
        if let (Some(opens), Some(closes)) = (opens, closes) {
            if closes < opens {
                e.add("registration_closes_on", FieldError("error-date-order"));
            }
        }
        match (
            kind,
            title_en,
            title_ja,
            title_ko,
            starts_on,
            ends_on,
            venue,
            country_code,
            time_zone,
            interpretation,
            opens,
            closes,
            capacity_total,
            capacity_per_city,
            audience,
        ) {
            (
                Some(kind),
                Some(title_en),
                Some(title_ja),
                Some(title_ko),
                Some(starts_on),
                Some(ends_on),
                Some(venue),
                Some(country_code),
                Some(time_zone),
                Some(interpretation),
                Some(registration_opens_on),
                Some(registration_closes_on),
                Some(capacity_total),
                Some(capacity_per_city),
                Some(audience),
            ) if e.is_empty() => Ok(NewMeeting {
                kind,
                title_en,
                title_ja,
                title_ko,
                starts_on,
                ends_on,
                venue,
                country_code,
                time_zone,
                interpretation,
                registration_opens_on,
                registration_closes_on,
                capacity_total,
                capacity_per_city,
                audience,
            }),
            _ => Err(e),
        }
    }
}

/// One delegate as the city names them.
#[derive(Debug, Clone)]
pub struct NewDelegate {
    pub name: String,
    pub title: String,
    pub email: EmailAddress,
    pub is_mayor: bool,
    pub visa_letter: bool,
}

/// A city's registration, parsed.
#[derive(Debug, Clone)]
pub struct Registration {
    pub delegates: Vec<NewDelegate>,
    pub arrival_on: Option<NaiveDate>,
    pub departure_on: Option<NaiveDate>,
    pub interpretation: Option<String>,
    pub accessibility: Option<String>,
    pub dietary: Option<String>,
    /// When the places left are too few: wait for one rather than be refused.
    pub wait_if_full: bool,
}

/// The registration form as submitted: delegate rows are numbered fields
/// (`d1_name`, `d1_title`, `d1_email`, `d1_mayor`, `d1_visa`), so a ticked box
/// stays with its row.
#[derive(Debug, Clone, Default)]
pub struct RegistrationForm(pub HashMap<String, String>);

impl RegistrationForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> RegistrationForm {
        RegistrationForm(pairs.into_iter().collect())
    }

    /// A field's value as typed ("" when absent), for the form shown again.
    pub fn value(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    pub fn ticked(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// `rows` delegate rows; empty rows are left out, at least one is needed.
    pub fn parse(&self, rows: i32) -> Result<Registration, FormErrors> {
        let mut e = FormErrors::default();
        let mut delegates = Vec::new();
        for row in 1..=rows.clamp(1, MAX_DELEGATE_ROWS) {
            if let Some(delegate) = self.delegate(row, &mut e) {
                delegates.push(delegate);
            }
        }
        if delegates.is_empty() && e.is_empty() {
            e.add("d1_name", FieldError("meeting-error-no-delegate"));
        }
        let arrival_on = e.check(
            "arrival_on",
            domain::optional(self.value("arrival_on"), domain::parse_date),
        );
        let departure_on = e.check(
            "departure_on",
            domain::optional(self.value("departure_on"), domain::parse_date),
        );
        if let (Some(Some(arrives)), Some(Some(departs))) = (arrival_on, departure_on) {
            if departs < arrives {
                e.add("departure_on", FieldError("error-date-order"));
            }
        }
        let interpretation = e.check(
            "interpretation",
            domain::optional(self.value("interpretation"), languages),
        );
        let accessibility = e.check("accessibility", optional_line(self.value("accessibility")));
        let dietary = e.check("dietary", optional_line(self.value("dietary")));
        match (
            arrival_on,
            departure_on,
            interpretation,
            accessibility,
            dietary,
        ) {
            (
                Some(arrival_on),
                Some(departure_on),
                Some(interpretation),
                Some(accessibility),
                Some(dietary),
            ) if e.is_empty() => Ok(Registration {
                delegates,
                arrival_on,
                departure_on,
                interpretation,
                accessibility,
                dietary,
                wait_if_full: self.ticked("wait_if_full"),
            }),
            _ => Err(e),
        }
    }

    fn delegate(&self, row: i32, e: &mut FormErrors) -> Option<NewDelegate> {
        let field = |name: &str| format!("d{row}_{name}");
        let name = self.value(&field("name"));
        let email = self.value(&field("email"));
        if name.trim().is_empty() && email.trim().is_empty() {
            return None;
        }
        // Field names of rows are made here; errors name their row's fields.
        let (name_key, title_key, email_key) = ROW_FIELDS[(row - 1) as usize];
        let name = e.check(name_key, line(name));
        let title = e.check(title_key, optional_line(self.value(&field("title"))));
        let email = e.check(email_key, EmailAddress::parse(email));
        Some(NewDelegate {
            name: name?,
            title: title?.unwrap_or_default(),
            email: email?,
            is_mayor: self.ticked(&field("mayor")),
            visa_letter: self.ticked(&field("visa")),
        })
    }
}

/// The error keys of each row's fields (`FormErrors` names fields statically).
const ROW_FIELDS: [(&str, &str, &str); MAX_DELEGATE_ROWS as usize] = [
    ("d1_name", "d1_title", "d1_email"),
    ("d2_name", "d2_title", "d2_email"),
    ("d3_name", "d3_title", "d3_email"),
    ("d4_name", "d4_title", "d4_email"),
    ("d5_name", "d5_title", "d5_email"),
    ("d6_name", "d6_title", "d6_email"),
    ("d7_name", "d7_title", "d7_email"),
    ("d8_name", "d8_title", "d8_email"),
    ("d9_name", "d9_title", "d9_email"),
    ("d10_name", "d10_title", "d10_email"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> RegistrationForm {
        RegistrationForm::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn ticked_boxes_stay_with_their_row_and_empty_rows_are_left_out() {
        let parsed = form(&[
            ("d1_name", "Kazumi Matsui"),
            ("d1_email", "mayor@city.hiroshima.example"),
            ("d1_mayor", "yes"),
            ("d3_name", "Aiko Tanaka"),
            ("d3_email", "aiko@city.hiroshima.example"),
            ("d3_visa", "yes"),
        ])
        .parse(3)
        .unwrap();
        assert_eq!(parsed.delegates.len(), 2);
        assert!(parsed.delegates[0].is_mayor && !parsed.delegates[0].visa_letter);
        assert!(!parsed.delegates[1].is_mayor && parsed.delegates[1].visa_letter);
    }

    #[test]
    fn a_registration_needs_a_delegate_with_an_address() {
        assert!(form(&[]).parse(2).is_err());
        let errors = form(&[("d2_name", "Aiko"), ("d2_email", "not an address")])
            .parse(2)
            .unwrap_err();
        assert!(errors.has("d2_email"));
    }
}
