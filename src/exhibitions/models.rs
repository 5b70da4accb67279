//! What the exhibition area stores: exhibitions with their workflow, poster
//! sets and their loans, and the digital poster files.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::domain::CountryCode;
use crate::schema::{exhibition_loans, exhibitions, poster_files, poster_sets};

crate::text_enum!(
    /// Where an exhibition is in its workflow.
    Status {
        Requested => "requested" / "exh-status-requested",
        Confirmed => "confirmed" / "exh-status-confirmed",
        Shipped => "shipped" / "exh-status-shipped",
        OnDisplay => "on_display" / "exh-status-on-display",
        Returned => "returned" / "exh-status-returned",
        Finished => "finished" / "exh-status-finished",
        Cancelled => "cancelled" / "exh-status-cancelled",
        Declined => "declined" / "exh-status-declined",
    }
);

impl Status {
    /// Still going on or ahead: shown in calendars and feeds.
    pub fn is_live(self) -> bool {
        !matches!(self, Status::Cancelled | Status::Declined)
    }

    /// The exhibition has been shown to the public (or is being shown).
    pub fn was_held(self) -> bool {
        matches!(
            self,
            Status::OnDisplay | Status::Returned | Status::Finished
        )
    }

    /// The statuses in which the exhibition has been held.
    pub const HELD: [Status; 3] = [Status::OnDisplay, Status::Returned, Status::Finished];
}

crate::text_enum!(
    /// How the posters reach the exhibition.
    Format {
        Print => "print" / "exh-format-print",
        Loan => "loan" / "exh-format-loan",
    }
);

crate::text_enum!(
    /// Whether a physical poster set can be lent.
    SetStatus {
        InService => "in_service" / "exh-set-status-in-service",
        UnderRepair => "under_repair" / "exh-set-status-under-repair",
        Retired => "retired" / "exh-set-status-retired",
    }
);

/// The poster languages offered: the association's own three and the other
/// languages sets and files exist in.
pub const POSTER_LANGUAGES: &[(&str, &str)] = &[
    ("ja", "日本語"),
    ("en", "English"),
    ("ko", "한국어"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("zh", "中文"),
    ("ar", "العربية"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
];

pub fn poster_language_name(code: &str) -> &str {
    POSTER_LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
        .unwrap_or(code)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = exhibitions)]
pub struct Exhibition {
    pub id: i64,
    pub city_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub organisation_contact: Option<String>,
    pub organisation_email: Option<String>,
    pub event_plan: Option<String>,
    pub language: String,
    pub title: String,
    pub venue: String,
    pub address: String,
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub time_zone: String,
    pub expected_visitors: Option<i32>,
    pub poster_language: String,
    #[diesel(deserialize_as = String)]
    pub format: Format,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub publish: bool,
    pub decision_reason: Option<String>,
    pub actual_visitors: Option<i32>,
    pub report_comments: Option<String>,
    pub reported_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Exhibition {
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }

    pub fn is_loan(&self) -> bool {
        self.format == Format::Loan
    }

    pub fn expected(&self) -> Option<i64> {
        self.expected_visitors.map(i64::from)
    }

    pub fn visitors(&self) -> Option<i64> {
        self.actual_visitors.map(i64::from)
    }

    pub fn hours(&self) -> Option<(String, String)> {
        Some((self.opens_at.clone()?, self.closes_at.clone()?))
    }

    pub fn poster_language_name(&self) -> &str {
        poster_language_name(&self.poster_language)
    }

    /// A report can be written once the exhibition has opened.
    pub fn can_report(&self) -> bool {
        self.status.was_held()
    }

    /// A city may still change what it registered until staff confirm it.
    pub fn city_may_edit(&self) -> bool {
        self.status == Status::Requested
    }

    pub fn may_cancel(&self) -> bool {
        matches!(
            self.status,
            Status::Requested | Status::Confirmed | Status::Shipped
        )
    }

    /// The steps staff may take from here (returned needs a condition note).
    pub fn next_steps(&self) -> Vec<Status> {
        match (self.status, self.format) {
            (Status::Requested, _) => vec![Status::Confirmed, Status::Declined],
            (Status::Confirmed, Format::Loan) => vec![Status::Shipped],
            (Status::Confirmed, Format::Print) => vec![Status::OnDisplay],
            (Status::Shipped, _) => vec![Status::OnDisplay],
            (Status::OnDisplay, Format::Loan) => vec![Status::Returned],
            (Status::OnDisplay, Format::Print) => vec![Status::Finished],
            _ => vec![],
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = poster_sets)]
pub struct PosterSet {
    pub id: i64,
    pub code: String,
    pub language: String,
    pub size: String,
    pub panels: i32,
    pub condition: String,
    pub location: String,
    #[diesel(deserialize_as = String)]
    pub status: SetStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PosterSet {
    pub fn language_name(&self) -> &str {
        poster_language_name(&self.language)
    }

    /// Where the set is, for a reader of `lang`: at home, the Hiroshima Peace
    /// Culture Foundation's name in that language.
    pub fn location_in(&self, lang: &crate::i18n::Lang) -> String {
        if self.location == super::workflow::HOME_LOCATION {
            lang.t("exh-home-location")
        } else {
            self.location.clone()
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = exhibition_loans)]
pub struct Loan {
    pub id: i64,
    pub exhibition_id: i64,
    pub poster_set_id: i64,
    pub ships_on: NaiveDate,
    pub returns_on: NaiveDate,
    pub cancelled_at: Option<NaiveDateTime>,
    pub return_condition: Option<String>,
    pub returned_at: Option<NaiveDateTime>,
    pub booked_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// A poster file without its bytes, for lists.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = poster_files)]
pub struct PosterFile {
    pub id: i64,
    pub language: String,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: NaiveDateTime,
}

impl PosterFile {
    pub fn language_name(&self) -> &str {
        poster_language_name(&self.language)
    }

    pub fn size_label(&self) -> String {
        let kib = (self.size_bytes + 1023) / 1024;
        if kib >= 1024 {
            format!("{:.1} MB", self.size_bytes as f64 / (1024.0 * 1024.0))
        } else {
            format!("{kib} KB")
        }
    }
}
