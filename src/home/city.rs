//! A member city's page for staff: its record, roles and history, its
//! application, its users and its dues. It gathers membership and dues, so it
//! lives here, above both; the changes it offers post to membership's routes.

use crate::auth::queries::{open_invitations_for_city, Invitation};
use crate::auth::User;
use crate::db::Db;
use crate::dues::CityDues;
use crate::i18n::Lang;
use crate::membership::models::{Application, CityRole, MemberCity, MembershipEvent};
use crate::membership::records::{self, HistoryLine};
use crate::membership::sister::{self, Progress, SisterInvitation};
use crate::membership::{accounts, applications, cities, countries, MembershipError};

/// Everything the page shows.
pub struct CityView {
    pub city: MemberCity,
    /// The country's name in the reader's language.
    pub country: String,
    pub roles: Vec<CityRole>,
    /// What each lead role leads, as codes by role id.
    pub regions: std::collections::BTreeMap<i64, Vec<crate::domain::CountryCode>>,
    pub events: Vec<MembershipEvent>,
    /// Its record's changes, field by field, newest first, in the reader's language.
    pub changes: Vec<HistoryLine>,
    pub application: Option<Application>,
    pub users: Vec<User>,
    /// People invited to act for the city who have not accepted yet.
    pub pending_users: Vec<Invitation>,
    /// Sister cities this city invited that have not applied yet.
    pub pending_sisters: Vec<SisterInvitation>,
    pub dues: CityDues,
    /// The meetings it attended and its invitations without an answer.
    pub meetings: crate::meetings::CityMeetings,
}

pub async fn view(db: &Db, id: i64, lang: Lang) -> Result<CityView, MembershipError> {
    db.read(move |conn| {
        let city = cities::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let country = countries::find(conn, &city.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        let application = match city.application_id {
            Some(application_id) => applications::find(conn, application_id)?,
            None => None,
        };
        let roles = cities::roles(conn, id)?;
        let role_ids: Vec<i64> = roles.iter().map(|r| r.id).collect();
        Ok(CityView {
            country,
            regions: crate::membership::roles::regions_of(conn, &role_ids)?,
            roles,
            events: cities::events(conn, id)?,
            changes: records::history(conn, id, &lang)?,
            application,
            users: accounts::users_of(conn, id)?,
            pending_users: open_invitations_for_city(conn, id, crate::domain::clock::now())?,
            pending_sisters: sister::tracked(conn, Some(id))?
                .into_iter()
                .filter(|t| t.progress == Progress::Invited)
                .map(|t| t.invitation)
                .collect(),
            dues: crate::dues::city_section(conn, &city, &lang, true)?,
            meetings: crate::meetings::of_city(conn, id)?,
            city,
        })
    })
    .await
}
