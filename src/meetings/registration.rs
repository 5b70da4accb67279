//! A city answering its invitation through its personal link (or from its own
//! pages, which show the same link): register delegates, change them, decline
//! or withdraw, until registration closes. Every change is audited.
//!
//! Capacity without races: the meeting's row is locked first (SELECT … FOR
//! UPDATE on PostgreSQL; on SQLite the write transaction is BEGIN IMMEDIATE,
//! one writer at a time), then the places taken are counted. Of two cities
//! taking the last place at once, the second waits for the first, sees the
//! place gone, and is refused (or put on the waiting list if it asked), with
//! nothing written.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::emails::{self, Notice};
use super::error::MeetingError;
use super::forms::Registration;
use super::models::{Delegate, Invitation, InvitationStatus, Meeting};
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn};
use crate::domain::clock::{now, today};
use crate::membership::models::MemberCity;
use crate::schema::{meeting_delegates, meeting_invitations};
use crate::web::form::FormErrors;

/// What signs and addresses the links in emails.
#[derive(Debug, Clone)]
pub struct Links {
    pub secret_key: Vec<u8>,
    pub base_url: String,
}

/// A registration link as opened: (meeting, city, token).
#[derive(Debug, Clone)]
pub struct LinkKey {
    pub meeting_id: i64,
    pub city_id: i64,
    pub token: String,
}

/// What the registration page shows.
#[derive(Debug)]
pub struct RegistrationView {
    pub meeting: Meeting,
    pub city: MemberCity,
    pub invitation: Invitation,
    pub delegates: Vec<Delegate>,
    /// Places still free for this city (its own delegates count as free).
    pub places_left: i64,
    pub open: bool,
}

/// The page a link opens; opening it changes nothing.
pub async fn open(db: &Db, links: &Links, key: LinkKey) -> Result<RegistrationView, MeetingError> {
    let secret = links.secret_key.clone();
    db.read(move |conn| view(conn, &secret, &key)).await
}

fn checked(
    conn: &mut DbConn,
    secret_key: &[u8],
    key: &LinkKey,
    lock: bool,
) -> Result<(Meeting, MemberCity, Invitation), MeetingError> {
    if !emails::link_is_valid(secret_key, key.meeting_id, key.city_id, &key.token) {
        return Err(MeetingError::NotFound);
    }
    let meeting = if lock {
        store::lock(conn, key.meeting_id)?
    } else {
        store::find(conn, key.meeting_id)?
    };
    let meeting = meeting.ok_or(MeetingError::NotFound)?;
    let invitation =
        store::invitation(conn, key.meeting_id, key.city_id)?.ok_or(MeetingError::NotFound)?;
    let city = store::city(conn, key.city_id)?.ok_or(MeetingError::NotFound)?;
    Ok((meeting, city, invitation))
}

fn view(
    conn: &mut DbConn,
    secret_key: &[u8],
    key: &LinkKey,
) -> Result<RegistrationView, MeetingError> {
    let (meeting, city, invitation) = checked(conn, secret_key, key, false)?;
    let taken = store::places_taken(conn, meeting.id, invitation.id)?;
    Ok(RegistrationView {
        places_left: (i64::from(meeting.capacity_total) - taken).max(0),
        open: meeting.registration_open(today()),
        delegates: store::delegates_of(conn, invitation.id)?,
        meeting,
        city,
        invitation,
    })
}

/// Registers (or changes) the city's delegates, dates and needs. `form` is the
/// parsed form, or its errors to show again on the page.
pub async fn register(
    db: &Db,
    actor: &Actor,
    links: &Links,
    key: LinkKey,
    form: Result<Registration, FormErrors>,
) -> Result<InvitationStatus, MeetingError> {
    let (actor, links) = (actor.clone(), links.clone());
    db.transaction(move |conn| {
        let (meeting, city, invitation) = checked(conn, &links.secret_key, &key, true)?;
        if !meeting.registration_open(today()) {
            return Err(MeetingError::Refused("meeting-registration-closed"));
        }
        let form = form.map_err(MeetingError::Invalid)?;
        let wanted = form.delegates.len() as i64;
        if wanted > i64::from(meeting.capacity_per_city) {
            return Err(MeetingError::Refused("meeting-too-many-delegates"));
        }
        let taken = store::places_taken(conn, meeting.id, invitation.id)?;
        let status = if taken + wanted <= i64::from(meeting.capacity_total) {
            InvitationStatus::Registered
        } else if form.wait_if_full {
            InvitationStatus::Waiting
        } else {
            return Err(MeetingError::Full);
        };
        let at = now();
        save(conn, &invitation, &form, status, at)?;
        let summary = format!(
            "{}: {} delegate(s), {}",
            city.name_latin,
            wanted,
            status.as_str()
        );
        audit::record(conn, &actor, Action::MeetingRegister, meeting.id, summary)?;
        // Fewer delegates than before may free places for waiting cities.
        if invitation.status == InvitationStatus::Registered {
            free_places(conn, &actor, &links, &meeting, at)?;
        }
        Ok(status)
    })
    .await
}

fn save(
    conn: &mut DbConn,
    invitation: &Invitation,
    form: &Registration,
    status: InvitationStatus,
    at: NaiveDateTime,
) -> Result<(), MeetingError> {
    // A city that already waits keeps its turn when it edits its registration.
    let answered_at = match (invitation.status, invitation.answered_at) {
        (InvitationStatus::Waiting, Some(first)) if status == InvitationStatus::Waiting => first,
        _ => at,
    };
    diesel::update(meeting_invitations::table.find(invitation.id))
        .set((
            meeting_invitations::status.eq(status.as_str()),
            meeting_invitations::arrival_on.eq(form.arrival_on),
            meeting_invitations::departure_on.eq(form.departure_on),
            meeting_invitations::interpretation.eq(form.interpretation.as_deref()),
            meeting_invitations::accessibility.eq(form.accessibility.as_deref()),
            meeting_invitations::dietary.eq(form.dietary.as_deref()),
            meeting_invitations::answered_at.eq(Some(answered_at)),
            meeting_invitations::updated_at.eq(at),
        ))
        .execute(conn)?;
    store::clear_delegates(conn, invitation.id)?;
    for d in &form.delegates {
        diesel::insert_into(meeting_delegates::table)
            .values((
                meeting_delegates::invitation_id.eq(invitation.id),
                meeting_delegates::meeting_id.eq(invitation.meeting_id),
                meeting_delegates::name.eq(&d.name),
                meeting_delegates::title.eq(&d.title),
                meeting_delegates::email.eq(d.email.as_str()),
                meeting_delegates::is_mayor.eq(d.is_mayor),
                meeting_delegates::visa_letter.eq(d.visa_letter),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The city says no: `Declined` before registering, `Withdrawn` after. Its
/// delegates are removed and the places it held go to waiting cities.
pub async fn decline(
    db: &Db,
    actor: &Actor,
    links: &Links,
    key: LinkKey,
) -> Result<InvitationStatus, MeetingError> {
    let (actor, links) = (actor.clone(), links.clone());
    db.transaction(move |conn| {
        let (meeting, city, invitation) = checked(conn, &links.secret_key, &key, true)?;
        if !meeting.registration_open(today()) {
            return Err(MeetingError::Refused("meeting-registration-closed"));
        }
        let (status, action) = match invitation.status {
            InvitationStatus::Invited | InvitationStatus::Declined => {
                (InvitationStatus::Declined, Action::MeetingDecline)
            }
            _ => (InvitationStatus::Withdrawn, Action::MeetingWithdraw),
        };
        let at = now();
        let removed = store::clear_delegates(conn, invitation.id)?;
        diesel::update(meeting_invitations::table.find(invitation.id))
            .set((
                meeting_invitations::status.eq(status.as_str()),
                meeting_invitations::answered_at.eq(Some(at)),
                meeting_invitations::updated_at.eq(at),
            ))
            .execute(conn)?;
        let summary = format!(
            "{}: {} → {} ({removed} delegate(s) removed)",
            city.name_latin,
            invitation.status.as_str(),
            status.as_str()
        );
        audit::record(conn, &actor, action, meeting.id, summary)?;
        free_places(conn, &actor, &links, &meeting, at)?;
        Ok(status)
    })
    .await
}

/// Gives free places to waiting cities, first come first served (a city whose
/// delegates do not fit lets a smaller one after it in), and tells each.
fn free_places(
    conn: &mut DbConn,
    actor: &Actor,
    links: &Links,
    meeting: &Meeting,
    at: NaiveDateTime,
) -> Result<(), MeetingError> {
    let waiting: Vec<Invitation> = meeting_invitations::table
        .filter(meeting_invitations::meeting_id.eq(meeting.id))
        .filter(meeting_invitations::status.eq(InvitationStatus::Waiting.as_str()))
        .order((
            meeting_invitations::answered_at.asc(),
            meeting_invitations::id.asc(),
        ))
        .select(Invitation::as_select())
        .load(conn)?;
    for invitation in waiting {
        let taken = store::places_taken(conn, meeting.id, invitation.id)?;
        let wanted = store::delegate_count(conn, invitation.id)?;
        if taken + wanted > i64::from(meeting.capacity_total) {
            continue;
        }
        store::set_status(conn, invitation.id, InvitationStatus::Registered, at)?;
        let Some(city) = store::city(conn, invitation.city_id)? else {
            continue;
        };
        emails::send(
            conn,
            Notice::PlaceFreed,
            meeting,
            &city,
            &links.secret_key,
            &links.base_url,
        )?;
        let summary = format!(
            "{}: waiting → registered ({wanted} delegate(s))",
            city.name_latin
        );
        audit::record(conn, actor, Action::MeetingPlaceFreed, meeting.id, summary)?;
    }
    Ok(())
}
