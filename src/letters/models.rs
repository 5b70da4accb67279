//! Letters, their versions, officers' reviews and the historical tally as stored.

use crate::domain::CountryCode;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{letter_reviews, letter_tallies, letter_versions, letters};

crate::text_enum!(
    /// What the association issues: letters of protest to a state, and statements,
    /// resolutions and appeals.
    LetterKind {
        Letter => "letter" / "letter-kind-letter",
        Statement => "statement" / "letter-kind-statement",
        Resolution => "resolution" / "letter-kind-resolution",
        Appeal => "appeal" / "letter-kind-appeal",
    }
);

crate::text_enum!(
    /// A draft is edited and reviewed; a final one waits to go out; a sent one is
    /// in the public archive and can no longer change.
    LetterStatus {
        Draft => "draft" / "letter-status-draft",
        Final => "final" / "letter-status-final",
        Sent => "sent" / "letter-status-sent",
    }
);

crate::text_enum!(
    /// When the officers' answers allow staff to mark a letter final.
    ApprovalRule {
        PresidentAndMajority => "president_and_majority" / "letter-rule-president-and-majority",
        Majority => "majority" / "letter-rule-majority",
        All => "all" / "letter-rule-all",
        Deadline => "deadline" / "letter-rule-deadline",
    }
);

crate::text_enum!(
    /// An officer's answer to a draft.
    Answer {
        Approve => "approve" / "letter-answer-approve",
        Comment => "comment" / "letter-answer-comment",
    }
);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letters)]
pub struct Letter {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: LetterKind,
    pub target_country: Option<String>,
    pub occasion: String,
    pub occasion_on: Option<NaiveDate>,
    pub addressee_name: String,
    pub addressee_title: String,
    pub addressee_emails: String,
    pub subject: String,
    pub body_markdown: String,
    pub signatories: String,
    pub language: String,
    #[diesel(deserialize_as = String)]
    pub status: LetterStatus,
    pub version: i32,
    #[diesel(deserialize_as = String)]
    pub approval_rule: ApprovalRule,
    pub review_deadline: Option<NaiveDate>,
    pub running_count: Option<i32>,
    pub sent_on: Option<NaiveDate>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Letter {
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }

    pub fn body_html(&self) -> String {
        crate::domain::markdown::to_safe_html(&self.body_markdown)
    }

    pub fn addressee_list(&self) -> Vec<&str> {
        self.addressee_emails
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect()
    }

    pub fn signatory_lines(&self) -> Vec<&str> {
        self.signatories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// Whether a signatory line lacks its name (", Mayor of Hiroshima, …"):
    /// such a letter cannot be finalised, printed for signing or sent.
    pub fn has_nameless_signatory(&self) -> bool {
        self.signatory_lines().into_iter().any(is_nameless)
    }

    pub fn is_editable(&self) -> bool {
        self.status == LetterStatus::Draft
    }

    /// The addressee as one block of text, kept in each version.
    pub fn addressee_block(&self) -> String {
        format!(
            "{}\n{}\n{}",
            self.addressee_name, self.addressee_title, self.addressee_emails
        )
    }
}

/// A signatory line whose name (the part before the first comma) is empty.
pub fn is_nameless(line: &str) -> bool {
    line.split(',')
        .next()
        .is_none_or(|name| name.trim().is_empty())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_versions)]
pub struct LetterVersion {
    pub id: i64,
    pub letter_id: i64,
    pub version: i32,
    pub subject: String,
    pub addressee: String,
    pub body_markdown: String,
    pub signatories: String,
    pub edited_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl LetterVersion {
    /// The whole text a reader compares between versions.
    pub fn full_text(&self) -> String {
        format!(
            "{}\n\n{}\n\n{}\n\n{}",
            self.subject, self.addressee, self.body_markdown, self.signatories
        )
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_reviews)]
pub struct Review {
    pub id: i64,
    pub letter_id: i64,
    pub version: i32,
    pub city_id: i64,
    pub role: String,
    pub email: String,
    pub answer: Option<String>,
    pub comment: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Review {
    pub fn answer(&self) -> Option<Answer> {
        self.answer.as_deref().and_then(Answer::parse)
    }

    pub fn is_president(&self) -> bool {
        self.role == "president"
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_tallies)]
pub struct Tally {
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub letters: i32,
    pub as_of_year: i32,
    pub source: String,
}
