use super::FieldError;

/// A syntactically valid email address, trimmed, with its domain lower-cased.
///
/// The local part keeps its case (some servers treat it as significant); two
/// addresses are compared through [`EmailAddress::key`], which lower-cases all.
/// It can never hold CR, LF or other control characters, so it is safe in a mail
/// header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

const MAX_LEN: usize = 254;

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, FieldError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(FieldError("error-required"));
        }
        let invalid = FieldError("error-email-invalid");
        if input.len() > MAX_LEN || input.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid);
        }
        let (local, domain) = input.rsplit_once('@').ok_or(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains(['@', '<', '>', '"', ',', ';', '(', ')', '[', ']', '\\']);
        if !(domain_ok && local_ok) {
            return Err(invalid);
        }
        Ok(EmailAddress(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to look an address up: entirely lower-case.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_the_domain() {
        let email = EmailAddress::parse("  Secretariat@City.Hiroshima.LG.JP ").unwrap();
        assert_eq!(email.as_str(), "Secretariat@city.hiroshima.lg.jp");
        assert_eq!(email.key(), "secretariat@city.hiroshima.lg.jp");
        assert_eq!(email.domain(), "city.hiroshima.lg.jp");
        assert!(EmailAddress::parse("peace+2026@예시.한국").is_ok());
    }

    #[test]
    fn refuses_header_injection_and_malformed_input() {
        for bad in [
            "",
            "a@b",
            "no-at.example.org",
            "a@b.org\r\nBcc: x@y.org",
            "a b@c.org",
            "<a@b.org>",
            "a@.org",
            "a@b..org",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
