//! Composing an email: structured content rendered through the mail layout
//! templates (text and HTML), with the association's name and a footer.

use askama::Template;

use crate::domain::{EmailAddress, PlainLine};
use crate::i18n::Lang;

/// What an email says, already in the recipient's language.
pub struct EmailContent {
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// A link the email is about: its label and absolute URL.
    pub action: Option<(String, String)>,
    /// Lines after the link (a reference number, where to ask questions).
    pub after: Vec<String>,
}

/// A rendered message ready for the outbox. Constructed only through
/// [`Email::new`], so the recipient and subject can never carry a line break
/// into a mail header.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: EmailAddress,
    pub to_name: Option<PlainLine>,
    pub cc: Vec<EmailAddress>,
    pub subject: PlainLine,
    pub text: String,
    pub html: String,
    /// For bulk messages: the one-click unsubscribe URL (RFC 8058 headers).
    pub list_unsubscribe: Option<String>,
}

#[derive(Template)]
#[template(path = "mail/layout.txt")]
struct TextLayout<'a> {
    content: &'a EmailContent,
    lang: Lang,
    footer_note: &'a str,
}

#[derive(Template)]
#[template(path = "mail/layout.html")]
struct HtmlLayout<'a> {
    content: &'a EmailContent,
    lang: Lang,
    footer_note: &'a str,
}

/// The footer's note of most emails: to cities and users, or after an action on the site.
const FOOTER_NOTE: &str = "mail-footer-note";

const MAX_SUBJECT_CHARS: usize = 200;
const MAX_NAME_CHARS: usize = 200;

impl Email {
    /// Renders `content` for `to` in `lang`. The subject and the recipient's name go
    /// into mail headers, so any line break or other control character in them
    /// (an attempt at header injection, or a stray paste) becomes a space.
    pub fn new(
        to: EmailAddress,
        to_name: Option<&str>,
        lang: Lang,
        content: &EmailContent,
    ) -> Email {
        Email::new_with_footer(to, to_name, lang, content, FOOTER_NOTE)
    }

    /// [`Email::new`] with the footer's note on why the recipient gets the
    /// email chosen by its message key: a person who signed a petition has no
    /// city's membership to be told of.
    pub fn new_with_footer(
        to: EmailAddress,
        to_name: Option<&str>,
        lang: Lang,
        content: &EmailContent,
        footer_note_key: &str,
    ) -> Email {
        let footer_note = lang.t(footer_note_key);
        Email::with_footer(to, to_name, lang, content, &footer_note)
    }

    /// Like [`Email::new`], for a message the recipient is invited to answer
    /// (it names a contact address): the footer does not say "do not reply".
    pub fn inviting_replies(
        to: EmailAddress,
        to_name: Option<&str>,
        lang: Lang,
        content: &EmailContent,
    ) -> Email {
        Email::new_with_footer(
            to,
            to_name,
            lang,
            content,
            "secretariat-mail-footer-replies",
        )
    }

    fn with_footer(
        to: EmailAddress,
        to_name: Option<&str>,
        lang: Lang,
        content: &EmailContent,
        footer_note: &str,
    ) -> Email {
        let subject = one_line(&content.subject, MAX_SUBJECT_CHARS)
            .unwrap_or_else(|| one_line("Solidarity", 20).expect("a constant"));
        let to_name = to_name.and_then(|name| one_line(name, MAX_NAME_CHARS));
        // Rendering these layouts cannot fail: they only print strings.
        let text = TextLayout {
            content,
            lang,
            footer_note,
        }
        .render()
        .unwrap_or_else(|_| content.paragraphs.join("\n\n"));
        let html = HtmlLayout {
            content,
            lang,
            footer_note,
        }
        .render()
        .unwrap_or_default();
        Email {
            to,
            to_name,
            cc: Vec::new(),
            subject,
            text,
            html,
            list_unsubscribe: None,
        }
    }

    pub fn with_cc(mut self, cc: Vec<EmailAddress>) -> Email {
        self.cc = cc;
        self
    }

    /// Marks a bulk message that its recipient may stop with one click: the
    /// transport adds List-Unsubscribe and List-Unsubscribe-Post.
    pub fn with_list_unsubscribe(mut self, url: String) -> Email {
        self.list_unsubscribe = Some(url);
        self
    }

    /// Replaces the rendered bodies (a letter renders its own layout).
    pub fn with_bodies(mut self, text: String, html: String) -> Email {
        self.text = text;
        self.html = html;
        self
    }
}

/// `text` as one line for a header: control characters become spaces.
fn one_line(text: &str, max_chars: usize) -> Option<PlainLine> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect();
    PlainLine::parse(&cleaned, max_chars).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(subject: &str) -> EmailContent {
        EmailContent {
            subject: subject.into(),
            greeting: "Dear Mayor,".into(),
            paragraphs: vec!["Thank you for <joining>.".into()],
            action: Some(("Open".into(), "https://example.org/a?b=1&c=2".into())),
            after: vec![],
        }
    }

    #[test]
    fn renders_text_and_html_with_footer_and_escaping() {
        let to = EmailAddress::parse("mayor@city.example").unwrap();
        let email = Email::new(
            to,
            Some("Mayor of Ypres"),
            Lang::english(),
            &content("Welcome"),
        );
        assert!(
            email.text.contains("Thank you for <joining>."),
            "text is not HTML-escaped"
        );
        assert!(email.text.contains("https://example.org/a?b=1&c=2"));
        assert!(
            email.html.contains("Thank you for &#60;joining&#62;.")
                || email.html.contains("Thank you for &lt;joining&gt;.")
        );
        assert!(email.html.contains("<html lang=\"en\">"));
        assert!(
            email.text.contains("Mayors for Peace · Secretariat"),
            "the footer names the association"
        );
        assert!(email.html.contains("Mayors for Peace · Secretariat"));
    }

    #[test]
    fn line_breaks_cannot_reach_a_header() {
        let to = EmailAddress::parse("mayor@city.example").unwrap();
        let email = Email::new(
            to,
            Some("Mayor\nBcc: victim@example.org"),
            Lang::english(),
            &content("Hi\r\nBcc: victim@example.org"),
        );
        assert_eq!(email.subject.as_str(), "Hi  Bcc: victim@example.org");
        assert_eq!(
            email.to_name.unwrap().as_str(),
            "Mayor Bcc: victim@example.org"
        );
    }
}
