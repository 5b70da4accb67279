use super::FieldError;

/// One line of user text (a name, a title): trimmed, non-empty, bounded, without
/// control characters, so it is safe anywhere, mail headers included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainLine(String);

impl PlainLine {
    pub fn parse(input: &str, max_chars: usize) -> Result<PlainLine, FieldError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(FieldError("error-required"));
        }
        if text.chars().count() > max_chars {
            return Err(FieldError("error-too-long"));
        }
        if text.chars().any(char::is_control) {
            return Err(FieldError("error-control-characters"));
        }
        Ok(PlainLine(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A new password that meets the policy. Deliberately not `Debug`-printable.
pub struct Password(String);

pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 1024;

impl Password {
    /// Checks a new password and its confirmation.
    pub fn parse_new(password: &str, confirmation: &str) -> Result<Password, FieldError> {
        let chars = password.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError("error-password-short"));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(FieldError("error-too-long"));
        }
        if password != confirmation {
            return Err(FieldError("error-password-mismatch"));
        }
        Ok(Password(password.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_line_trims_and_refuses_control_characters() {
        assert_eq!(
            PlainLine::parse("  Hiroshima ", 50).unwrap().as_str(),
            "Hiroshima"
        );
        assert_eq!(
            PlainLine::parse("   ", 50),
            Err(FieldError("error-required"))
        );
        assert_eq!(
            PlainLine::parse("Subject\r\nBcc: x@y.org", 100),
            Err(FieldError("error-control-characters"))
        );
        assert_eq!(PlainLine::parse("広島市", 3).unwrap().as_str(), "広島市");
        assert_eq!(
            PlainLine::parse("広島市役所", 3),
            Err(FieldError("error-too-long"))
        );
    }

    #[test]
    fn password_policy() {
        assert!(Password::parse_new("short", "short").is_err());
        assert!(Password::parse_new("long enough pass", "long enough pasS").is_err());
        assert!(Password::parse_new("long enough pass", "long enough pass").is_ok());
    }
}
