//! A letter as it goes out: the heading with the running count for its addressee
//! state ("To the United States / 37 in total"), the date, the addressee, the
//! body and the signatories, in the letter's own language. One view feeds the
//! printable page, the HTML email and the text email.

use askama::Template;
use chrono::NaiveDate;

use super::models::{Letter, LetterKind};
use crate::i18n::{FluentArg, Lang};

pub struct LetterView {
    pub letter: Letter,
    pub lang: Lang,
    /// "To the United States / 37 in total", for letters of protest to a state.
    pub heading: Option<String>,
    pub date_line: String,
    pub kind_label: String,
    pub body_html: String,
}

impl LetterView {
    /// `state_name` is the addressee state in the letter's language; `count` its
    /// place in the running count (stored once sent, expected before).
    pub fn new(
        letter: Letter,
        state_name: Option<String>,
        count: Option<i32>,
        today: NaiveDate,
    ) -> LetterView {
        let lang = letter.lang();
        let heading = match (letter.kind, state_name, count) {
            (LetterKind::Letter, Some(state), Some(count)) => Some(lang.t_with(
                "letter-heading-count",
                &[
                    ("state", FluentArg::Str(state)),
                    ("count", FluentArg::Raw(lang.number(i64::from(count)))),
                ],
            )),
            _ => None,
        };
        let date_line = lang.date(letter.sent_on.unwrap_or(today));
        let kind_label = lang.t(letter.kind.label_key());
        let body_html = letter.body_html();
        LetterView {
            letter,
            lang,
            heading,
            date_line,
            kind_label,
            body_html,
        }
    }

    pub fn signatories(&self) -> Vec<&str> {
        self.letter.signatory_lines()
    }
}

#[derive(Template)]
#[template(path = "letters/letter_mail.html")]
struct MailHtml<'a> {
    view: &'a LetterView,
}

#[derive(Template)]
#[template(path = "letters/letter_mail.txt")]
struct MailText<'a> {
    view: &'a LetterView,
}

/// The letter as an email's (text, HTML) bodies.
pub fn mail_bodies(view: &LetterView) -> Result<(String, String), askama::Error> {
    Ok((MailText { view }.render()?, MailHtml { view }.render()?))
}
