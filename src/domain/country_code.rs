//! The code of a country or region, parsed once at the edge with one rule.

use super::FieldError;

/// A country's ISO 3166-1 alpha-2 code in upper case (`JP`, `KR`), or the code of
/// a region the ISO list leaves out: `X-` and upper-case letters, digits and
/// hyphens (`X-NORTHERN-CYPRUS`). Whether the code is one the association knows is
/// a question for the countries table (`membership::countries::known`); this
/// type only says the code is well formed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CountryCode(String);

impl CountryCode {
    /// Reads a code as people type it: surrounding space and lower case are fine.
    pub fn parse(input: &str) -> Result<CountryCode, FieldError> {
        let code = input.trim().to_ascii_uppercase();
        if is_iso(&code) || is_region(&code) {
            Ok(CountryCode(code))
        } else {
            Err(FieldError("error-choose-country"))
        }
    }

    /// The code of a region without an ISO code, made from its English name.
    pub fn for_region(name_en: &str) -> Result<CountryCode, FieldError> {
        let slug: String = name_en
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug = slug
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>();
        CountryCode::parse(&format!("X-{}", slug.join("-")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_region(&self) -> bool {
        self.0.starts_with("X-")
    }
}

fn is_iso(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_region(code: &str) -> bool {
    code.strip_prefix("X-").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('-')
            && !rest.ends_with('-')
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    })
}

impl std::ops::Deref for CountryCode {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CountryCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for CountryCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for CountryCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// For models read from the database (`#[diesel(deserialize_as = String)]`).
impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(text: String) -> Result<CountryCode, String> {
        CountryCode::parse(&text).map_err(|_| format!("not a country code: {text:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes_and_region_codes_parse_in_any_case() {
        assert_eq!(CountryCode::parse(" jp ").unwrap().as_str(), "JP");
        assert_eq!(CountryCode::parse("x-kosovo").unwrap().as_str(), "X-KOSOVO");
        assert!(CountryCode::parse("X-KOSOVO").unwrap().is_region());
        assert!(!CountryCode::parse("KR").unwrap().is_region());
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "", "J", "JPN", "J1", "X-", "X--A", "X-A-", "X-a b", "日本", "X-<b>",
        ] {
            assert!(CountryCode::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn region_codes_come_from_english_names() {
        assert_eq!(
            CountryCode::for_region("Northern Cyprus (TRNC)")
                .unwrap()
                .as_str(),
            "X-NORTHERN-CYPRUS-TRNC"
        );
    }
}
