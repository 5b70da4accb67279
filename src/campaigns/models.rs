//! Campaigns as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::i18n::Lang;
use crate::schema::campaigns;

crate::text_enum!(
    /// A draft is written and previewed; a large one waits for a second admin;
    /// sending ones can be paused, resumed and cancelled.
    CampaignStatus {
        Draft => "draft" / "campaign-status-draft",
        AwaitingApproval => "awaiting_approval" / "campaign-status-awaiting-approval",
        Sending => "sending" / "campaign-status-sending",
        Paused => "paused" / "campaign-status-paused",
        Cancelled => "cancelled" / "campaign-status-cancelled",
    }
);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = campaigns)]
pub struct Campaign {
    pub id: i64,
    pub subject: String,
    pub body: String,
    pub essential: bool,
    pub continent: Option<String>,
    pub country_code: Option<String>,
    pub role: Option<String>,
    pub dues_unpaid: bool,
    pub pasted_list: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: CampaignStatus,
    pub recipient_count: i32,
    pub created_by: Option<i64>,
    pub requested_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub started_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub no_exhibition_held: bool,
    /// The language of `subject` and `body`, the default version: the one a
    /// city gets when the campaign has no version in its language.
    pub language: String,
}

impl Campaign {
    pub fn is_draft(&self) -> bool {
        self.status == CampaignStatus::Draft
    }

    /// Its messages are in the outbox (sending, paused or cancelled on the way).
    pub fn has_started(&self) -> bool {
        self.started_at.is_some()
    }

    /// The language of the default version; English when it is no longer installed.
    pub fn lang(&self) -> Lang {
        crate::campaigns::versions::installed(&self.language).unwrap_or_default()
    }
}
