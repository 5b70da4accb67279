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
/// Fewer different characters than this is a pattern, not a password
/// (`aaaaaaaaaa`, `1212121212`, `abcabcabca`).
const MIN_DISTINCT_CHARS: usize = 5;

/// Django's list of common passwords (django/contrib/auth/common-passwords.txt.gz,
/// Django 5.2, BSD licence): 19,640 passwords from breaches, most common first,
/// lower case, one a line.
const COMMON_PASSWORDS_TEXT: &str = include_str!("common-passwords.txt");

static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| COMMON_PASSWORDS_TEXT.lines().map(str::trim).collect());

/// Whether the password is on the list of breached passwords, as it is or
/// once the digits and signs people add around a word are taken off
/// (`Password2024!`, `!!dragon123456`).
fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    COMMON_PASSWORDS.contains(lower.as_str())
        || (core.chars().count() < MIN_PASSWORD_CHARS && COMMON_PASSWORDS.contains(core))
}

impl Password {
    /// Checks a new password and its confirmation: long enough, not on the
    /// list of breached passwords (nor one of them with digits added), and
    /// not a pattern of a few characters.
    pub fn parse_new(password: &str, confirmation: &str) -> Result<Password, FieldError> {
        let chars = password.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError("error-password-short"));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(FieldError("error-too-long"));
        }
        if is_common(password) {
            return Err(FieldError("error-password-common"));
        }
        let distinct: std::collections::HashSet<char> = password.chars().collect();
        if distinct.len() < MIN_DISTINCT_CHARS {
            return Err(FieldError("error-password-weak"));
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
        // On the list of breached passwords, as is or with digits around it.
        for common in [
            "1234567890",
            "Password123",
            "qwertyuiop",
            "Dragon2024!!",
            "iloveyou12345",
        ] {
            assert_eq!(
                Password::parse_new(common, common).err(),
                Some(FieldError("error-password-common")),
                "{common}"
            );
        }
        assert_eq!(
            Password::parse_new("ababababab", "ababababab").err(),
            Some(FieldError("error-password-weak"))
        );
        assert!(COMMON_PASSWORDS.len() > 19_000);
    }
}

/// The text of an uploaded spreadsheet export (CSV). Most tools write UTF-8;
/// Excel's plain "CSV" uses the system's legacy encoding instead: Shift_JIS in
/// Japan, EUC-KR in Korea, windows-1252 in Western Europe. Banks in Japan send
/// statements in Shift_JIS. Anything that is not UTF-8 is decoded in the
/// encoding detected from its bytes; `None` when the bytes are not text in it.
pub fn decode_spreadsheet(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let (text, had_errors) = detector
                .guess(None, true)
                .decode_without_bom_handling(bytes);
            if had_errors {
                return None;
            }
            text
        }
    };
    // A single-byte encoding reads any bytes; control characters tell a binary
    // file (a PDF, a spreadsheet's own format) from text.
    let is_text = !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    is_text.then_some(text)
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::decode_spreadsheet;

    #[test]
    fn utf8_is_read_as_it_is_with_or_without_a_byte_order_mark() {
        assert_eq!(decode_spreadsheet("広島市".as_bytes()).unwrap(), "広島市");
        assert_eq!(decode_spreadsheet(b"\xef\xbb\xbfIeper").unwrap(), "Ieper");
    }

    #[test]
    fn legacy_excel_encodings_are_detected() {
        let (shift_jis, _, _) =
            encoding_rs::SHIFT_JIS.encode("2026-05-10,2000,JPY,ヒロシマシ ヘイワスイシン");
        assert_eq!(
            decode_spreadsheet(&shift_jis).unwrap(),
            "2026-05-10,2000,JPY,ヒロシマシ ヘイワスイシン"
        );
        let (euc_kr, _, _) = encoding_rs::EUC_KR.encode("2026-05-10,2000,JPY,인천광역시 평화");
        assert_eq!(
            decode_spreadsheet(&euc_kr).unwrap(),
            "2026-05-10,2000,JPY,인천광역시 평화"
        );
        let (western, _, _) = encoding_rs::WINDOWS_1252.encode("Ypres,Bélgique,Région flamande");
        assert_eq!(
            decode_spreadsheet(&western).unwrap(),
            "Ypres,Bélgique,Région flamande"
        );
    }
}
