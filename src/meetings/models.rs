//! What the meetings area stores: meetings, each city's invitation (its
//! answer, dates and needs), its delegates, and the letters a meeting adopted.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::i18n::Lang;
use crate::schema::{meeting_delegates, meeting_invitations, meetings};

crate::text_enum!(
    /// What kind of meeting it is.
    MeetingKind {
        GeneralConference => "general_conference" / "meeting-kind-general-conference",
        ExecutiveConference => "executive_conference" / "meeting-kind-executive-conference",
        Regional => "regional" / "meeting-kind-regional",
        Other => "other" / "meeting-kind-other",
    }
);

crate::text_enum!(
    /// Who a meeting invites.
    AudienceKind {
        All => "all" / "meeting-audience-all",
        Officers => "officers" / "meeting-audience-officers",
        Continent => "continent" / "meeting-audience-continent",
        Countries => "countries" / "meeting-audience-countries",
        List => "list" / "meeting-audience-list",
    }
);

crate::text_enum!(
    /// Where a city's invitation stands.
    InvitationStatus {
        Invited => "invited" / "meeting-status-invited",
        Registered => "registered" / "meeting-status-registered",
        Waiting => "waiting" / "meeting-status-waiting",
        Declined => "declined" / "meeting-status-declined",
        Withdrawn => "withdrawn" / "meeting-status-withdrawn",
    }
);

/// The languages interpretation may be offered in.
pub const INTERPRETATION_LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("zh", "中文"),
    ("ar", "العربية"),
    ("de", "Deutsch"),
];

pub fn language_name(code: &str) -> &str {
    INTERPRETATION_LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| *name)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: MeetingKind,
    pub title_en: String,
    pub title_ja: Option<String>,
    pub title_ko: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub venue: String,
    pub country_code: String,
    pub time_zone: String,
    pub interpretation: String,
    pub registration_opens_on: NaiveDate,
    pub registration_closes_on: NaiveDate,
    pub capacity_total: i32,
    pub capacity_per_city: i32,
    #[diesel(deserialize_as = String)]
    pub audience: AudienceKind,
    pub audience_detail: Option<String>,
    pub published: bool,
    pub invitations_sent_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Meeting {
    /// The title in `lang`, English when it has none in that language.
    pub fn title(&self, lang: &Lang) -> &str {
        let translated = match lang.code().as_str() {
            "ja" => self.title_ja.as_deref(),
            "ko" => self.title_ko.as_deref(),
            _ => None,
        };
        translated
            .filter(|t| !t.is_empty())
            .unwrap_or(&self.title_en)
    }

    /// The languages of interpretation by name ("English, 日本語").
    pub fn interpretation_names(&self) -> String {
        self.languages()
            .iter()
            .map(|code| language_name(code))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn languages(&self) -> Vec<&str> {
        self.interpretation
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    }

    /// Cities may register, change or withdraw on `today`.
    pub fn registration_open(&self, today: NaiveDate) -> bool {
        self.registration_opens_on <= today && today <= self.registration_closes_on
    }

    /// The meeting has ended: its attendance figures are final.
    pub fn is_over(&self, today: NaiveDate) -> bool {
        self.ends_on < today
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meeting_invitations)]
pub struct Invitation {
    pub id: i64,
    pub meeting_id: i64,
    pub city_id: i64,
    #[diesel(deserialize_as = String)]
    pub status: InvitationStatus,
    pub arrival_on: Option<NaiveDate>,
    pub departure_on: Option<NaiveDate>,
    pub interpretation: Option<String>,
    pub accessibility: Option<String>,
    pub dietary: Option<String>,
    pub invited_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub reminded_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meeting_delegates)]
pub struct Delegate {
    pub id: i64,
    pub invitation_id: i64,
    pub meeting_id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub is_mayor: bool,
    pub visa_letter: bool,
    pub visa_letter_issued_at: Option<NaiveDateTime>,
    pub attended_at: Option<NaiveDateTime>,
}
