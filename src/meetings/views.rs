//! What the meeting pages show, read in one go each: staff's list with the
//! attendance of each meeting, a meeting's invitations by status with counts
//! by continent and country, the delegates (CSV, badges, sign-in sheet, the
//! attendance search), the public page with its adopted texts, and a city's
//! meetings for its page.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;

use super::error::MeetingError;
use super::models::{Delegate, Invitation, InvitationStatus, Meeting};
use super::store;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::i18n::Lang;
use crate::letters::models::Letter;
use crate::membership::countries::Country;
use crate::membership::models::MemberCity;
use crate::schema::{letters, meeting_delegates, meeting_invitations, meeting_outcomes, meetings};

/// Who came: cities and countries with at least one delegate marked present.
#[derive(Debug, Clone, Default)]
pub struct Attendance {
    pub delegates: i64,
    pub cities: i64,
    pub countries: i64,
}

fn attendance(conn: &mut DbConn, meeting_id: i64) -> DbResult<Attendance> {
    let present: Vec<(i64, String)> = meeting_delegates::table
        .inner_join(meeting_invitations::table.inner_join(crate::schema::member_cities::table))
        .filter(meeting_delegates::meeting_id.eq(meeting_id))
        .filter(meeting_delegates::attended_at.is_not_null())
        .select((
            crate::schema::member_cities::id,
            crate::schema::member_cities::country_code,
        ))
        .load(conn)?;
    let cities: BTreeSet<i64> = present.iter().map(|(id, _)| *id).collect();
    let countries: BTreeSet<&str> = present.iter().map(|(_, c)| c.as_str()).collect();
    Ok(Attendance {
        delegates: present.len() as i64,
        cities: cities.len() as i64,
        countries: countries.len() as i64,
    })
}

/// A meeting in staff's list, with its figures.
pub struct Summary {
    pub meeting: Meeting,
    pub invited: i64,
    pub registered: i64,
    pub attendance: Attendance,
}

pub async fn staff_list(db: &Db) -> Result<Vec<Summary>, MeetingError> {
    db.read(|conn| {
        let mut listed = Vec::new();
        for meeting in store::all(conn)? {
            let statuses: Vec<String> = meeting_invitations::table
                .filter(meeting_invitations::meeting_id.eq(meeting.id))
                .select(meeting_invitations::status)
                .load(conn)?;
            listed.push(Summary {
                invited: statuses.len() as i64,
                registered: statuses
                    .iter()
                    .filter(|s| s.as_str() == InvitationStatus::Registered.as_str())
                    .count() as i64,
                attendance: attendance(conn, meeting.id)?,
                meeting,
            });
        }
        Ok(listed)
    })
    .await
}

/// One invitation as staff see it.
pub struct InvitationRow {
    pub invitation: Invitation,
    pub city: MemberCity,
    pub country: String,
    pub delegates: i64,
}

/// Registered cities and their delegates in one place (a continent or country).
#[derive(Debug, Clone, Default)]
pub struct PlaceCount {
    pub label: String,
    pub cities: i64,
    pub delegates: i64,
}

pub struct Detail {
    pub meeting: Meeting,
    /// Each status with its count, in the order of the statuses.
    pub counts: Vec<(InvitationStatus, i64)>,
    pub rows: Vec<InvitationRow>,
    pub by_continent: Vec<PlaceCount>,
    pub by_country: Vec<PlaceCount>,
    pub places_taken: i64,
    pub outcomes: Vec<Letter>,
    pub attendance: Attendance,
}

pub async fn detail(
    db: &Db,
    id: i64,
    lang: Lang,
    only: Option<InvitationStatus>,
) -> Result<Detail, MeetingError> {
    db.read(move |conn| {
        let meeting = store::find(conn, id)?.ok_or(MeetingError::NotFound)?;
        let all = store::invitations(conn, id)?;
        let mut counts: Vec<(InvitationStatus, i64)> =
            InvitationStatus::ALL.iter().map(|s| (*s, 0)).collect();
        let mut continents: BTreeMap<String, PlaceCount> = BTreeMap::new();
        let mut countries: BTreeMap<String, PlaceCount> = BTreeMap::new();
        let mut rows = Vec::new();
        for (invitation, city, country) in all {
            if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == invitation.status) {
                entry.1 += 1;
            }
            let delegates = store::delegate_count(conn, invitation.id)?;
            let name = country.name(&lang).to_string();
            if invitation.status == InvitationStatus::Registered {
                for (map, label) in [
                    (&mut continents, lang.t(country.continent.label_key())),
                    (&mut countries, name.clone()),
                ] {
                    let place = map.entry(label.clone()).or_default();
                    place.label = label;
                    place.cities += 1;
                    place.delegates += delegates;
                }
            }
            if only.is_none_or(|s| s == invitation.status) {
                rows.push(InvitationRow {
                    invitation,
                    city,
                    country: name,
                    delegates,
                });
            }
        }
        Ok(Detail {
            places_taken: store::places_taken(conn, id, 0)?,
            outcomes: outcomes(conn, id)?,
            attendance: attendance(conn, id)?,
            by_continent: continents.into_values().collect(),
            by_country: countries.into_values().collect(),
            counts,
            rows,
            meeting,
        })
    })
    .await
}

fn outcomes(conn: &mut DbConn, meeting_id: i64) -> DbResult<Vec<Letter>> {
    Ok(meeting_outcomes::table
        .inner_join(letters::table)
        .filter(meeting_outcomes::meeting_id.eq(meeting_id))
        .order(letters::sent_on.asc())
        .select(Letter::as_select())
        .load(conn)?)
}

/// A delegate with their city and its country's name in `lang`.
pub struct DelegateRow {
    pub delegate: Delegate,
    pub city: MemberCity,
    pub country: String,
}

/// The delegates of registered cities; with `search`, those whose name, city
/// or country holds it (case-insensitive), for the attendance page.
pub async fn delegates(
    db: &Db,
    id: i64,
    lang: Lang,
    search: Option<String>,
) -> Result<(Meeting, Vec<DelegateRow>), MeetingError> {
    db.read(move |conn| {
        let meeting = store::find(conn, id)?.ok_or(MeetingError::NotFound)?;
        let needle = search.map(|s| s.trim().to_lowercase());
        let rows = store::registered_delegates(conn, id)?
            .into_iter()
            .map(
                |(delegate, city, country): (Delegate, MemberCity, Country)| DelegateRow {
                    delegate,
                    country: country.name(&lang).to_string(),
                    city,
                },
            )
            .filter(|row| match needle.as_deref() {
                None | Some("") => true,
                Some(needle) => [
                    row.delegate.name.as_str(),
                    row.city.name_latin.as_str(),
                    row.city.name_native.as_deref().unwrap_or_default(),
                    row.country.as_str(),
                ]
                .iter()
                .any(|text| text.to_lowercase().contains(needle)),
            })
            .collect();
        Ok((meeting, rows))
    })
    .await
}

/// The delegate list as CSV, every cell formula-safe.
pub async fn delegates_csv(db: &Db, id: i64) -> Result<String, MeetingError> {
    let (_, rows) = delegates(db, id, Lang::english(), None).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "name",
        "title",
        "email",
        "mayor",
        "city",
        "country",
        "visa_letter",
        "present",
    ];
    let write_failed = |_| MeetingError::Refused("meeting-csv-failed");
    writer.write_record(header).map_err(write_failed)?;
    for row in rows {
        let d = &row.delegate;
        let cells = [
            d.name.clone(),
            d.title.clone(),
            d.email.clone(),
            yes_no(d.is_mayor),
            row.city.name_latin.clone(),
            row.country.clone(),
            yes_no(d.visa_letter),
            yes_no(d.attended_at.is_some()),
        ];
        writer
            .write_record(cells.map(crate::membership::csv_io::neutralise))
            .map_err(write_failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|_| MeetingError::Refused("meeting-csv-failed"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

/// A published meeting for the public page.
pub struct PublicMeeting {
    pub meeting: Meeting,
    pub country: String,
    pub outcomes: Vec<Letter>,
    /// Once the meeting is over.
    pub attendance: Option<Attendance>,
}

pub async fn public(db: &Db, id: i64, lang: Lang) -> Result<PublicMeeting, MeetingError> {
    db.read(move |conn| {
        let meeting = store::find(conn, id)?
            .filter(|m| m.published)
            .ok_or(MeetingError::NotFound)?;
        let country = crate::membership::countries::find(conn, &meeting.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_else(|| meeting.country_code.clone());
        Ok(PublicMeeting {
            outcomes: outcomes(conn, id)?,
            attendance: if meeting.is_over(today()) {
                Some(attendance(conn, id)?)
            } else {
                None
            },
            country,
            meeting,
        })
    })
    .await
}

pub async fn published(db: &Db) -> Result<Vec<Meeting>, MeetingError> {
    db.read(|conn| Ok(store::published(conn)?)).await
}

/// A city's meetings for its page: those it attended, and its invitations
/// still waiting for an answer while registration is open.
#[derive(Debug, Default)]
pub struct CityMeetings {
    pub attended: Vec<Meeting>,
    pub pending: Vec<Meeting>,
}

pub fn of_city(conn: &mut DbConn, city_id: i64) -> DbResult<CityMeetings> {
    let attended_ids = meeting_delegates::table
        .inner_join(meeting_invitations::table)
        .filter(meeting_invitations::city_id.eq(city_id))
        .filter(meeting_delegates::attended_at.is_not_null())
        .select(meeting_delegates::meeting_id);
    let attended = meetings::table
        .filter(meetings::id.eq_any(attended_ids))
        .order(meetings::starts_on.desc())
        .select(Meeting::as_select())
        .load(conn)?;
    let day = today();
    let pending = meetings::table
        .inner_join(meeting_invitations::table)
        .filter(meeting_invitations::city_id.eq(city_id))
        .filter(meeting_invitations::status.eq(InvitationStatus::Invited.as_str()))
        .filter(meetings::registration_closes_on.ge(day))
        .order(meetings::starts_on.asc())
        .select(Meeting::as_select())
        .load(conn)?;
    Ok(CityMeetings { attended, pending })
}

/// The invitations of a city user's city, with the links to answer them.
pub async fn city_invitations(
    db: &Db,
    city_id: i64,
) -> Result<Vec<(Meeting, Invitation)>, MeetingError> {
    db.read(move |conn| {
        Ok(meetings::table
            .inner_join(meeting_invitations::table)
            .filter(meeting_invitations::city_id.eq(city_id))
            .order(meetings::starts_on.desc())
            .select((Meeting::as_select(), Invitation::as_select()))
            .load(conn)?)
    })
    .await
}

/// The countries and regions to choose from, by their names in `lang`.
pub async fn country_choices(db: &Db, lang: Lang) -> Result<Vec<(String, String)>, MeetingError> {
    let all = db
        .read(|conn| Ok::<_, MeetingError>(crate::membership::countries::all(conn)?))
        .await?;
    let mut choices: Vec<(String, String)> = all
        .iter()
        .map(|c| (c.code.to_string(), c.name(&lang).to_string()))
        .collect();
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(choices)
}
