//! The queries of meetings, inside the operations' transactions.

use diesel::prelude::*;

use super::models::{Delegate, Invitation, InvitationStatus, Meeting};
use crate::db::{DbConn, DbResult};
use crate::membership::countries::Country;
use crate::membership::models::MemberCity;
use crate::schema::{countries, meeting_delegates, meeting_invitations, meetings, member_cities};

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Meeting>> {
    Ok(meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(conn)
        .optional()?)
}

/// The meeting, its row locked until the transaction ends (PostgreSQL), so
/// registrations for it take their turn; on SQLite the immediate transaction
/// already holds the only write lock.
pub fn lock(conn: &mut DbConn, id: i64) -> DbResult<Option<Meeting>> {
    if let DbConn::Postgres(pg) = conn {
        let locked: Option<i64> = meetings::table
            .find(id)
            .select(meetings::id)
            .for_update()
            .first(pg)
            .optional()?;
        if locked.is_none() {
            return Ok(None);
        }
    }
    find(conn, id)
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<Meeting>> {
    Ok(meetings::table
        .order((meetings::starts_on.desc(), meetings::id.desc()))
        .select(Meeting::as_select())
        .load(conn)?)
}

pub fn published(conn: &mut DbConn) -> DbResult<Vec<Meeting>> {
    Ok(meetings::table
        .filter(meetings::published.eq(true))
        .order((meetings::starts_on.desc(), meetings::id.desc()))
        .select(Meeting::as_select())
        .load(conn)?)
}

pub fn invitation(
    conn: &mut DbConn,
    meeting_id: i64,
    city_id: i64,
) -> DbResult<Option<Invitation>> {
    Ok(meeting_invitations::table
        .filter(meeting_invitations::meeting_id.eq(meeting_id))
        .filter(meeting_invitations::city_id.eq(city_id))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

/// Each invitation of the meeting with its city and country, by city name.
pub fn invitations(
    conn: &mut DbConn,
    meeting_id: i64,
) -> DbResult<Vec<(Invitation, MemberCity, Country)>> {
    Ok(meeting_invitations::table
        .inner_join(member_cities::table.inner_join(countries::table))
        .filter(meeting_invitations::meeting_id.eq(meeting_id))
        .order(member_cities::name_latin.asc())
        .select((
            Invitation::as_select(),
            MemberCity::as_select(),
            Country::as_select(),
        ))
        .load(conn)?)
}

pub fn delegates_of(conn: &mut DbConn, invitation_id: i64) -> DbResult<Vec<Delegate>> {
    Ok(meeting_delegates::table
        .filter(meeting_delegates::invitation_id.eq(invitation_id))
        .order(meeting_delegates::id.asc())
        .select(Delegate::as_select())
        .load(conn)?)
}

/// Every delegate of the registered cities, with city and country, by city
/// then delegate.
pub fn registered_delegates(
    conn: &mut DbConn,
    meeting_id: i64,
) -> DbResult<Vec<(Delegate, MemberCity, Country)>> {
    Ok(meeting_delegates::table
        .inner_join(
            meeting_invitations::table
                .inner_join(member_cities::table.inner_join(countries::table)),
        )
        .filter(meeting_delegates::meeting_id.eq(meeting_id))
        .filter(meeting_invitations::status.eq(InvitationStatus::Registered.as_str()))
        .order((member_cities::name_latin.asc(), meeting_delegates::id.asc()))
        .select((
            Delegate::as_select(),
            MemberCity::as_select(),
            Country::as_select(),
        ))
        .load(conn)?)
}

/// Places the registered cities take, leaving out `except` (an invitation
/// being changed).
pub fn places_taken(conn: &mut DbConn, meeting_id: i64, except: i64) -> DbResult<i64> {
    Ok(meeting_delegates::table
        .inner_join(meeting_invitations::table)
        .filter(meeting_delegates::meeting_id.eq(meeting_id))
        .filter(meeting_invitations::status.eq(InvitationStatus::Registered.as_str()))
        .filter(meeting_invitations::id.ne(except))
        .count()
        .get_result(conn)?)
}

pub fn delegate_count(conn: &mut DbConn, invitation_id: i64) -> DbResult<i64> {
    Ok(meeting_delegates::table
        .filter(meeting_delegates::invitation_id.eq(invitation_id))
        .count()
        .get_result(conn)?)
}

pub fn set_status(
    conn: &mut DbConn,
    invitation_id: i64,
    status: InvitationStatus,
    now: chrono::NaiveDateTime,
) -> DbResult<()> {
    diesel::update(meeting_invitations::table.find(invitation_id))
        .set((
            meeting_invitations::status.eq(status.as_str()),
            meeting_invitations::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn clear_delegates(conn: &mut DbConn, invitation_id: i64) -> DbResult<usize> {
    Ok(diesel::delete(
        meeting_delegates::table.filter(meeting_delegates::invitation_id.eq(invitation_id)),
    )
    .execute(conn)?)
}

pub fn city(conn: &mut DbConn, city_id: i64) -> DbResult<Option<MemberCity>> {
    crate::membership::cities::find(conn, city_id)
}
