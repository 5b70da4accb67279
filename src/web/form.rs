//! Helpers for forms: per-field errors shown beside the inputs, and serde helpers
//! for the way browsers submit empty fields.

use serde::{Deserialize, Deserializer};

use crate::domain::FieldError;

/// Errors of a submitted form, by field name; each is a message key.
#[derive(Debug, Default, Clone)]
pub struct FormErrors(Vec<(&'static str, &'static str)>);

impl FormErrors {
    pub fn add(&mut self, field: &'static str, error: FieldError) {
        self.0.push((field, error.0));
    }

    /// Keeps the value if it parsed, else records the error against `field`.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.add(field, e)).ok()
    }

    /// The message key for `field`, if it has an error.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, key)| *key)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Deserializes `field=` (an empty input) as `None` rather than failing to parse it.
pub fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let text: Option<String> = Option::deserialize(deserializer)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => value.parse().map(Some).map_err(serde::de::Error::custom),
    }
}
