//! Contact details and other free text from public forms.

use super::FieldError;

/// Several lines of text (an address, a message): control characters other than
/// line breaks and tabs are refused; bounded in length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiLine(String);

impl MultiLine {
    pub fn parse(input: &str, max_chars: usize) -> Result<MultiLine, FieldError> {
        let text = input.trim().replace("\r\n", "\n");
        if text.is_empty() {
            return Err(FieldError("error-required"));
        }
        if text.chars().count() > max_chars {
            return Err(FieldError("error-too-long"));
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(FieldError("error-control-characters"));
        }
        Ok(MultiLine(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A web address starting with http:// or https://.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAddress(String);

impl WebAddress {
    pub fn parse(input: &str) -> Result<WebAddress, FieldError> {
        let text = input.trim();
        let with_scheme = if text.contains("://") {
            text.to_string()
        } else {
            format!("https://{text}")
        };
        let host = with_scheme
            .strip_prefix("https://")
            .or_else(|| with_scheme.strip_prefix("http://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        match host {
            Some(host)
                if host.contains('.')
                    && with_scheme.len() <= 300
                    && !with_scheme.chars().any(|c| {
                        c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'
                    }) =>
            {
                Ok(WebAddress(with_scheme))
            }
            _ => Err(FieldError("error-website-invalid")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A telephone number as people write it: digits, spaces, + - ( ) . and an extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<PhoneNumber, FieldError> {
        let text = input.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let allowed = text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().x/".contains(c) || c == 'e' || c == 't');
        if allowed && (5..=20).contains(&digits) && text.len() <= 40 {
            Ok(PhoneNumber(text.to_string()))
        } else {
            Err(FieldError("error-phone-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A city's population: a whole number, thousands separators allowed.
pub fn parse_population(input: &str) -> Result<i64, FieldError> {
    let digits: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\''))
        .collect();
    match digits.parse::<i64>() {
        Ok(n) if (1..=100_000_000).contains(&n) => Ok(n),
        _ => Err(FieldError("error-population-invalid")),
    }
}

/// A name written in Latin letters (accents allowed), as the directory sorts them.
pub fn is_latin_script(text: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c <= '\u{024F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_get_a_scheme_and_need_a_host() {
        assert_eq!(
            WebAddress::parse("www.city.hiroshima.lg.jp")
                .unwrap()
                .as_str(),
            "https://www.city.hiroshima.lg.jp"
        );
        assert!(WebAddress::parse("http://ypres.be/en").is_ok());
        assert!(WebAddress::parse("javascript:alert(1)").is_err());
        assert!(WebAddress::parse("not a site").is_err());
    }

    #[test]
    fn phone_numbers_and_populations() {
        assert!(PhoneNumber::parse("+81 82-242-7831").is_ok());
        assert!(PhoneNumber::parse("call me").is_err());
        assert_eq!(parse_population("1,190,000"), Ok(1_190_000));
        assert_eq!(
            parse_population("0"),
            Err(FieldError("error-population-invalid"))
        );
    }

    #[test]
    fn latin_script_names() {
        assert!(is_latin_script("Biograd na Moru"));
        assert!(is_latin_script("Đà Nẵng"));
        assert!(!is_latin_script("広島"));
        assert!(!is_latin_script("Волгоград"));
    }

    #[test]
    fn multi_line_keeps_line_breaks() {
        assert_eq!(
            MultiLine::parse("1-5 Nakajima-cho\r\nNaka-ku", 100)
                .unwrap()
                .as_str(),
            "1-5 Nakajima-cho\nNaka-ku"
        );
        assert!(MultiLine::parse("a\u{0}b", 100).is_err());
    }
}
