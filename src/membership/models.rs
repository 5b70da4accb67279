//! Member cities, applications and roles as stored.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::domain::CountryCode;
use crate::schema::{
    application_messages, applications, city_roles, member_cities, membership_events,
};

crate::text_enum!(
    /// Where a joining request stands.
    ApplicationStatus {
        Submitted => "submitted" / "application-status-submitted",
        InfoRequested => "info_requested" / "application-status-info-requested",
        Approved => "approved" / "application-status-approved",
        Rejected => "rejected" / "application-status-rejected",
        Registered => "registered" / "application-status-registered",
    }
);

impl ApplicationStatus {
    /// Still being looked at: a second request for the same city is a duplicate.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted
                | ApplicationStatus::InfoRequested
                | ApplicationStatus::Approved
        )
    }

    pub fn can_be_decided(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted | ApplicationStatus::InfoRequested
        )
    }
}

crate::text_enum!(
    /// Membership is active until a city withdraws; dues never change it.
    MembershipStatus {
        Active => "active" / "membership-status-active",
        Withdrawn => "withdrawn" / "membership-status-withdrawn",
    }
);

crate::text_enum!(
    /// How exactly a join date is known: historical records often give the month only.
    JoinPrecision {
        Day => "day" / "precision-day",
        Month => "month" / "precision-month",
        Year => "year" / "precision-year",
    }
);

crate::text_enum!(
    /// Roles cities hold for a term.
    RoleKind {
        President => "president" / "role-president",
        VicePresident => "vice_president" / "role-vice-president",
        Executive => "executive" / "role-executive",
        Lead => "lead" / "role-lead",
    }
);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = member_cities)]
pub struct MemberCity {
    pub id: i64,
    pub member_number: i32,
    pub name_latin: String,
    pub name_native: Option<String>,
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub province: Option<String>,
    pub mayor_name: Option<String>,
    pub mayor_title: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postal_address: Option<String>,
    pub website: Option<String>,
    pub population: Option<i64>,
    pub language: String,
    pub join_date: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub join_precision: JoinPrecision,
    #[diesel(deserialize_as = String)]
    pub status: MembershipStatus,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
    pub application_id: Option<i64>,
    pub demo: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl MemberCity {
    /// "Hiroshima (広島市)" or just "Ypres".
    pub fn display_name(&self) -> String {
        match &self.name_native {
            Some(native) if native != &self.name_latin => format!("{} ({native})", self.name_latin),
            _ => self.name_latin.clone(),
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == MembershipStatus::Active
    }

    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }

    /// The member number as printed: `No. 00042`.
    pub fn number_label(&self) -> String {
        format!("{:05}", self.member_number)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct Application {
    pub id: i64,
    pub reference: String,
    #[diesel(deserialize_as = String)]
    pub status: ApplicationStatus,
    pub name_latin: String,
    pub name_native: Option<String>,
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub province: Option<String>,
    pub mayor_name: String,
    pub mayor_title: String,
    pub contact_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub postal_address: String,
    pub website: Option<String>,
    pub population: Option<i64>,
    pub message: Option<String>,
    pub language: String,
    pub duplicate_city_id: Option<i64>,
    pub duplicate_application_id: Option<i64>,
    pub invitation_id: Option<i64>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<i64>,
    pub city_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Application {
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.language).unwrap_or_default()
    }

    pub fn is_duplicate(&self) -> bool {
        self.duplicate_city_id.is_some() || self.duplicate_application_id.is_some()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = application_messages)]
pub struct ApplicationMessage {
    pub id: i64,
    pub application_id: i64,
    pub from_applicant: bool,
    pub author_id: Option<i64>,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = city_roles)]
pub struct CityRole {
    pub id: i64,
    pub city_id: i64,
    #[diesel(deserialize_as = String)]
    pub role: RoleKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

impl CityRole {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.starts_on <= today && self.ends_on.is_none_or(|end| end >= today)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = membership_events)]
pub struct MembershipEvent {
    pub id: i64,
    pub city_id: i64,
    pub kind: String,
    pub occurred_on: NaiveDate,
    pub note: Option<String>,
    pub actor_id: Option<i64>,
    pub created_at: NaiveDateTime,
}
