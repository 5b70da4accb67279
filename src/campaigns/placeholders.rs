//! Placeholders in a campaign's subject and body, filled by plain substitution:
//! `{{city}}`, `{{mayor}}`, `{{country}}`, `{{member_number}}`. Nothing in the
//! text is ever executed; an unknown name is an error found when the campaign is
//! saved or previewed, before anything is sent.

/// The names a campaign may use.
pub const NAMES: [&str; 4] = ["city", "mayor", "country", "member_number"];

/// One recipient's values, in the order of [`NAMES`].
pub struct Values<'a> {
    pub city: &'a str,
    pub mayor: &'a str,
    pub country: &'a str,
    pub member_number: &'a str,
}

impl Values<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "city" => Some(self.city),
            "mayor" => Some(self.mayor),
            "country" => Some(self.country),
            "member_number" => Some(self.member_number),
            _ => None,
        }
    }
}

/// What is wrong with a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    Unknown(String),
    Unclosed,
}

impl TemplateError {
    /// The message that explains it to the writer.
    pub fn message_key(&self) -> &'static str {
        match self {
            TemplateError::Unknown(_) => "campaign-placeholder-unknown",
            TemplateError::Unclosed => "campaign-placeholder-unclosed",
        }
    }
}

/// The pieces of a template: literal text and placeholder names.
enum Piece<'a> {
    Text(&'a str),
    Name(&'a str),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push(Piece::Text(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or(TemplateError::Unclosed)?;
        let name = after[..end].trim();
        if !NAMES.contains(&name) {
            return Err(TemplateError::Unknown(name.to_string()));
        }
        out.push(Piece::Name(name));
        rest = &after[end + 2..];
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// Checks that every placeholder is known and closed.
pub fn check(template: &str) -> Result<(), TemplateError> {
    pieces(template).map(|_| ())
}

/// Fills the placeholders.
pub fn render(template: &str, values: &Values<'_>) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len() + 64);
    for piece in pieces(template)? {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Name(name) => out.push_str(values.get(name).unwrap_or_default()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ypres() -> Values<'static> {
        Values {
            city: "Ypres",
            mayor: "Emmily Talpe",
            country: "Belgium",
            member_number: "00042",
        }
    }

    #[test]
    fn fills_known_placeholders_and_leaves_other_braces() {
        let text = render(
            "Dear {{ mayor }} of {{city}} ({{country}}, No. {{member_number}}) {x}",
            &ypres(),
        )
        .unwrap();
        assert_eq!(text, "Dear Emmily Talpe of Ypres (Belgium, No. 00042) {x}");
    }

    #[test]
    fn an_unknown_or_unclosed_placeholder_is_an_error() {
        assert_eq!(
            check("Dear {{major}}"),
            Err(TemplateError::Unknown("major".into()))
        );
        assert_eq!(check("Dear {{city"), Err(TemplateError::Unclosed));
        assert_eq!(check("{{ city }}{{mayor}}"), Ok(()));
    }

    #[test]
    fn values_are_never_read_as_placeholders() {
        let values = Values {
            city: "{{mayor}}",
            ..ypres()
        };
        assert_eq!(render("{{city}}", &values).unwrap(), "{{mayor}}");
    }
}
