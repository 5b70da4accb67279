//! Typed values that form input is parsed into at the edge. Handlers and queries
//! take these types, never raw strings, so a value that exists is a valid one.

pub mod clock;
mod contact;
mod country_code;
pub mod date;
mod email_address;
pub mod markdown;
mod money;
#[cfg(test)]
pub(crate) mod properties;
pub mod random;
pub mod signed_link;
mod text;

pub use contact::{is_latin_script, parse_population, MultiLine, PhoneNumber, WebAddress};

pub use country_code::CountryCode;
pub use date::{check_date, parse_date};
pub use email_address::EmailAddress;
pub use money::{plain_decimal, Currency, ExchangeRate, Money};
pub use text::{decode_spreadsheet, Password, PlainLine, MIN_PASSWORD_CHARS};

/// Why a form field was refused: a message key in the translation files, so the
/// form can show it in the visitor's language beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError(pub &'static str);

/// An optional field: empty (or blank) is `None`, anything else must parse.
pub fn optional<T>(
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}
