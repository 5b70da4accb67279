//! Staff's operations on a meeting: create it, publish it, invite its
//! audience (one email per city, in its language), issue visa letters, mark
//! attendance on the day, and record the letters it adopted.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::emails::{self, Notice};
use super::error::MeetingError;
use super::forms::{Audience, NewMeeting};
use super::models::{Delegate, InvitationStatus, Meeting};
use super::registration::Links;
use super::store;
use crate::audit::{self, Action, Actor};
use crate::campaigns::audience::{self as audiences, Filters, Recipient};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::{now, today};
use crate::letters::models::LetterStatus;
use crate::membership::models::RoleKind;
use crate::schema::{meeting_delegates, meeting_invitations, meeting_outcomes, meetings};

pub async fn create(db: &Db, actor: &Actor, new: NewMeeting) -> Result<i64, MeetingError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let at = now();
        let id: i64 = diesel::insert_into(meetings::table)
            .values((
                meetings::kind.eq(new.kind.as_str()),
                meetings::title_en.eq(&new.title_en),
                meetings::title_ja.eq(new.title_ja.as_deref()),
                meetings::title_ko.eq(new.title_ko.as_deref()),
                meetings::starts_on.eq(new.starts_on),
                meetings::ends_on.eq(new.ends_on),
                meetings::venue.eq(&new.venue),
                meetings::country_code.eq(new.country_code.as_str()),
                meetings::time_zone.eq(&new.time_zone),
                meetings::interpretation.eq(&new.interpretation),
                meetings::registration_opens_on.eq(new.registration_opens_on),
                meetings::registration_closes_on.eq(new.registration_closes_on),
                meetings::capacity_total.eq(new.capacity_total),
                meetings::capacity_per_city.eq(new.capacity_per_city),
                meetings::audience.eq(new.audience.kind().as_str()),
                meetings::audience_detail.eq(new.audience.detail()),
                meetings::published.eq(false),
                meetings::created_by.eq(actor.user_id),
                meetings::created_at.eq(at),
                meetings::updated_at.eq(at),
            ))
            .returning(meetings::id)
            .get_result(conn)?;
        audit::record(conn, &actor, Action::MeetingCreate, id, &new.title_en)?;
        Ok(id)
    })
    .await
}

/// Puts the meeting's public page up.
pub async fn publish(db: &Db, actor: &Actor, id: i64) -> Result<(), MeetingError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let meeting = store::find(conn, id)?.ok_or(MeetingError::NotFound)?;
        if meeting.published {
            return Err(MeetingError::Refused("meeting-already-published"));
        }
        diesel::update(meetings::table.find(id))
            .set((meetings::published.eq(true), meetings::updated_at.eq(now())))
            .execute(conn)?;
        audit::record(conn, &actor, Action::MeetingPublish, id, "published")?;
        Ok(())
    })
    .await
}

/// The active member cities with an address that the audience names.
fn recipients(conn: &mut DbConn, audience: &Audience) -> DbResult<Vec<Recipient>> {
    let day = today();
    let filter_sets: Vec<Filters> = match audience {
        Audience::All => vec![Filters::default()],
        Audience::Officers => [
            RoleKind::President,
            RoleKind::VicePresident,
            RoleKind::Executive,
        ]
        .into_iter()
        .map(|role| Filters {
            role: Some(role),
            ..Filters::default()
        })
        .collect(),
        Audience::Continent(continent) => vec![Filters {
            continent: Some(*continent),
            ..Filters::default()
        }],
        Audience::Countries(codes) => codes
            .iter()
            .map(|code| Filters {
                country_code: Some(code.clone()),
                ..Filters::default()
            })
            .collect(),
        Audience::List(list) => vec![Filters {
            pasted_list: Some(list.clone()),
            ..Filters::default()
        }],
    };
    // A city in several sets (an officer of two roles) is invited once.
    let mut by_city = BTreeMap::new();
    for filters in &filter_sets {
        for recipient in audiences::resolve(conn, filters, true, day)?.recipients {
            by_city.entry(recipient.city.id).or_insert(recipient);
        }
    }
    Ok(by_city.into_values().collect())
}

/// Invites every city of the audience not invited yet; answers how many.
/// Sending again after adding cities to the membership invites only the new.
pub async fn invite(db: &Db, actor: &Actor, links: &Links, id: i64) -> Result<usize, MeetingError> {
    let (actor, links) = (actor.clone(), links.clone());
    db.transaction(move |conn| {
        let meeting = store::find(conn, id)?.ok_or(MeetingError::NotFound)?;
        if !meeting.published {
            return Err(MeetingError::Refused("meeting-publish-first"));
        }
        if meeting.registration_closes_on < today() {
            return Err(MeetingError::Refused("meeting-registration-closed"));
        }
        let audience = Audience::stored(meeting.audience, meeting.audience_detail.as_deref())
            .ok_or(MeetingError::Refused("meeting-audience-unreadable"))?;
        let at = now();
        let mut invited = 0;
        for recipient in recipients(conn, &audience)? {
            if store::invitation(conn, id, recipient.city.id)?.is_some() {
                continue;
            }
            diesel::insert_into(meeting_invitations::table)
                .values((
                    meeting_invitations::meeting_id.eq(id),
                    meeting_invitations::city_id.eq(recipient.city.id),
                    meeting_invitations::status.eq(InvitationStatus::Invited.as_str()),
                    meeting_invitations::invited_at.eq(at),
                    meeting_invitations::updated_at.eq(at),
                ))
                .execute(conn)?;
            emails::send(
                conn,
                Notice::Invitation,
                &meeting,
                &recipient.city,
                &links.secret_key,
                &links.base_url,
            )?;
            invited += 1;
        }
        diesel::update(meetings::table.find(id))
            .set(meetings::invitations_sent_at.eq(Some(at)))
            .execute(conn)?;
        let summary = format!("{invited} city(ies) invited");
        audit::record(conn, &actor, Action::MeetingInvite, id, summary)?;
        Ok(invited)
    })
    .await
}

fn delegate_of(
    conn: &mut DbConn,
    meeting_id: i64,
    delegate_id: i64,
) -> Result<Delegate, MeetingError> {
    meeting_delegates::table
        .find(delegate_id)
        .filter(meeting_delegates::meeting_id.eq(meeting_id))
        .select(Delegate::as_select())
        .first(conn)
        .optional()?
        .ok_or(MeetingError::NotFound)
}

/// Marks a delegate present (or not, to undo a wrong tap); answers their name.
pub async fn set_attendance(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    delegate_id: i64,
    present: bool,
) -> Result<String, MeetingError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let delegate = delegate_of(conn, meeting_id, delegate_id)?;
        let at = present.then(now);
        diesel::update(meeting_delegates::table.find(delegate_id))
            .set(meeting_delegates::attended_at.eq(at))
            .execute(conn)?;
        let summary = format!(
            "{}: {}",
            delegate.name,
            if present { "present" } else { "not present" }
        );
        audit::record(conn, &actor, Action::MeetingAttendance, meeting_id, summary)?;
        Ok(delegate.name)
    })
    .await
}

/// The visa invitation letter of a delegate who asked for one, recorded as
/// issued the first time staff open it for printing.
pub struct VisaLetter {
    pub meeting: Meeting,
    pub delegate: Delegate,
    pub city: crate::membership::models::MemberCity,
    pub country: String,
    pub issued_on: NaiveDate,
}

pub async fn issue_visa_letter(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    delegate_id: i64,
) -> Result<VisaLetter, MeetingError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let meeting = store::find(conn, meeting_id)?.ok_or(MeetingError::NotFound)?;
        let mut delegate = delegate_of(conn, meeting_id, delegate_id)?;
        if !delegate.visa_letter {
            return Err(MeetingError::Refused("meeting-visa-not-requested"));
        }
        let invitation = meeting_invitations::table
            .find(delegate.invitation_id)
            .select(meeting_invitations::city_id)
            .first::<i64>(conn)?;
        let city = store::city(conn, invitation)?.ok_or(MeetingError::NotFound)?;
        let lang = crate::i18n::Lang::parse(&city.language).unwrap_or_default();
        let country = crate::membership::countries::find(conn, city.country_code.as_str())?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        if delegate.visa_letter_issued_at.is_none() {
            let at = now();
            diesel::update(meeting_delegates::table.find(delegate_id))
                .set(meeting_delegates::visa_letter_issued_at.eq(Some(at)))
                .execute(conn)?;
            delegate.visa_letter_issued_at = Some(at);
            let summary = format!("visa letter for {} ({})", delegate.name, city.name_latin);
            audit::record(conn, &actor, Action::MeetingVisaLetter, meeting_id, summary)?;
        }
        Ok(VisaLetter {
            issued_on: delegate
                .visa_letter_issued_at
                .map_or_else(today, |at| at.date()),
            meeting,
            delegate,
            city,
            country,
        })
    })
    .await
}

/// Records that the meeting adopted a letter (a sent statement, resolution or
/// appeal); the archive then says so beside it.
pub async fn add_outcome(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    letter_id: i64,
) -> Result<(), MeetingError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        store::find(conn, meeting_id)?.ok_or(MeetingError::NotFound)?;
        let letter = crate::letters::store::find(conn, letter_id)?
            .ok_or(MeetingError::Refused("meeting-outcome-no-letter"))?;
        if letter.status != LetterStatus::Sent {
            return Err(MeetingError::Refused("meeting-outcome-not-sent"));
        }
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(meeting_outcomes::table)
                .values((
                    meeting_outcomes::letter_id.eq(letter_id),
                    meeting_outcomes::meeting_id.eq(meeting_id),
                    meeting_outcomes::created_at.eq(now()),
                ))
                .execute(conn)
        });
        if let Err(e) = inserted {
            let error = crate::db::DbError::from(e);
            if error.is_unique_violation() {
                return Err(MeetingError::Refused("meeting-outcome-taken"));
            }
            return Err(error.into());
        }
        let summary = format!("adopted letter {letter_id}: {}", letter.subject);
        audit::record(conn, &actor, Action::MeetingOutcome, meeting_id, summary)?;
        Ok(())
    })
    .await
}
