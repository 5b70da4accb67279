//! Petitions, submissions, signatures and paper batches as stored.

use crate::domain::CountryCode;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{
    petition_milestones, petition_paper_batches, petition_submissions, petition_translations,
    petitions,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetitionStatus {
    Draft,
    Open,
    Closed,
}

impl PetitionStatus {
    pub const ALL: [PetitionStatus; 3] = [
        PetitionStatus::Draft,
        PetitionStatus::Open,
        PetitionStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PetitionStatus::Draft => "draft",
            PetitionStatus::Open => "open",
            PetitionStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<PetitionStatus> {
        PetitionStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            PetitionStatus::Draft => "petition-status-draft",
            PetitionStatus::Open => "petition-status-open",
            PetitionStatus::Closed => "petition-status-closed",
        }
    }
}

impl TryFrom<String> for PetitionStatus {
    type Error = String;

    fn try_from(text: String) -> Result<PetitionStatus, String> {
        PetitionStatus::parse(&text).ok_or_else(|| format!("unknown petition status {text:?}"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petitions)]
pub struct Petition {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub addressee: String,
    pub goal: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub status: PetitionStatus,
    pub retention_days: i32,
    pub anonymised_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the original (title, summary and text above).
    pub language: String,
    pub summary: String,
}

impl Petition {
    /// The language of the original version.
    pub fn original_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }

    /// The original version: the petition's own title, summary and text.
    pub fn original(&self) -> Version {
        Version {
            lang: self.original_lang(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_markdown: self.body_markdown.clone(),
            is_original: true,
        }
    }

    /// Open for signing today: published, and within its dates.
    pub fn accepts_signatures(&self, today: NaiveDate) -> bool {
        self.status == PetitionStatus::Open && self.opens_on <= today && today <= self.closes_on
    }

    /// Whether its signers' personal data is still kept: not anonymised, and
    /// its retention period after closing has not run out.
    pub fn keeps_personal_data(&self, today: NaiveDate) -> bool {
        self.anonymised_at.is_none()
            && today <= self.closes_on + chrono::Duration::days(i64::from(self.retention_days))
    }

    /// Shown to the public: everything but drafts.
    pub fn is_public(&self) -> bool {
        self.status != PetitionStatus::Draft
    }

    pub fn body_html(&self) -> String {
        crate::domain::markdown::to_safe_html(&self.body_markdown)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionStatus {
    Pending,
    Verified,
    Withdrawn,
    /// Never confirmed within the verification period.
    Expired,
    Invalidated,
}

impl SubmissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Pending => "pending",
            SubmissionStatus::Verified => "verified",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Expired => "expired",
            SubmissionStatus::Invalidated => "invalidated",
        }
    }

    pub fn parse(text: &str) -> Option<SubmissionStatus> {
        [
            SubmissionStatus::Pending,
            SubmissionStatus::Verified,
            SubmissionStatus::Withdrawn,
            SubmissionStatus::Expired,
            SubmissionStatus::Invalidated,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

impl TryFrom<String> for SubmissionStatus {
    type Error = String;

    fn try_from(text: String) -> Result<SubmissionStatus, String> {
        SubmissionStatus::parse(&text).ok_or_else(|| format!("unknown submission status {text:?}"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_submissions)]
pub struct Submission {
    pub id: i64,
    pub petition_id: i64,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub email_domain: Option<String>,
    pub language: String,
    pub keep_informed: bool,
    #[diesel(deserialize_as = String)]
    pub status: SubmissionStatus,
    pub ip: Option<String>,
    pub expires_at: NaiveDateTime,
    pub last_sent_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub verified_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
}

impl Submission {
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_paper_batches)]
pub struct PaperBatch {
    pub id: i64,
    pub petition_id: i64,
    pub city_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub signatures: i64,
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub collected_from: NaiveDate,
    pub collected_to: NaiveDate,
    pub handed_over_on: NaiveDate,
    pub note: Option<String>,
    pub scan_name: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A petition's title, summary and text in one language: the original, or a
/// translation. Signatures and counts are the petition's, whatever the version.
#[derive(Debug, Clone)]
pub struct Version {
    pub lang: crate::i18n::Lang,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub is_original: bool,
}

impl Version {
    pub fn body_html(&self) -> String {
        crate::domain::markdown::to_safe_html(&self.body_markdown)
    }
}

/// A translation as stored (the original is the petition's own row).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_translations)]
pub struct Translation {
    pub petition_id: i64,
    pub language: String,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub updated_at: NaiveDateTime,
}

impl Translation {
    /// The version it is, if its language is still installed.
    pub fn version(&self) -> Option<Version> {
        Some(Version {
            lang: crate::i18n::Lang::parse(&self.language)?,
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_markdown: self.body_markdown.clone(),
            is_original: false,
        })
    }
}

/// A number of signatures the recount saw the petition reach.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_milestones)]
pub struct Milestone {
    pub id: i64,
    pub petition_id: i64,
    pub signatures: i64,
    pub reached_at: NaiveDateTime,
    pub announced_at: Option<NaiveDateTime>,
}
