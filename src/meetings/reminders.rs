//! Reminders to invited cities that have not answered, while registration is
//! open: at most one a week per city and meeting, never to a city that
//! declined, registered, waits or withdrew. The scheduled job "Meeting
//! reminders" runs this daily.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use super::emails::{self, Notice};
use super::error::MeetingError;
use super::models::{Invitation, InvitationStatus, Meeting};
use super::registration::Links;
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::now;
use crate::schema::{meeting_invitations, meetings};

/// Days between two reminders to one city about one meeting.
pub const REMINDER_INTERVAL_DAYS: i64 = 7;

/// Queues the reminders due on `day`; answers how many.
pub async fn run(
    db: &Db,
    actor: &Actor,
    links: &Links,
    day: NaiveDate,
) -> Result<usize, MeetingError> {
    let (actor, links) = (actor.clone(), links.clone());
    db.transaction(move |conn| {
        let open: Vec<Meeting> = meetings::table
            .filter(meetings::published.eq(true))
            .filter(meetings::invitations_sent_at.is_not_null())
            .filter(meetings::registration_opens_on.le(day))
            .filter(meetings::registration_closes_on.ge(day))
            .select(Meeting::as_select())
            .load(conn)?;
        let at = now();
        let cutoff = at - Duration::days(REMINDER_INTERVAL_DAYS);
        let mut sent = 0;
        for meeting in open {
            let due: Vec<Invitation> = meeting_invitations::table
                .filter(meeting_invitations::meeting_id.eq(meeting.id))
                .filter(meeting_invitations::status.eq(InvitationStatus::Invited.as_str()))
                .filter(
                    meeting_invitations::reminded_at
                        .is_null()
                        .or(meeting_invitations::reminded_at.lt(cutoff)),
                )
                .select(Invitation::as_select())
                .load(conn)?;
            let mut reminded = 0;
            for invitation in due {
                let Some(city) = store::city(conn, invitation.city_id)? else {
                    continue;
                };
                let notice = Notice::Reminder(i64::from(day.num_days_from_ce()));
                if emails::send(
                    conn,
                    notice,
                    &meeting,
                    &city,
                    &links.secret_key,
                    &links.base_url,
                )? {
                    diesel::update(meeting_invitations::table.find(invitation.id))
                        .set(meeting_invitations::reminded_at.eq(Some(at)))
                        .execute(conn)?;
                    reminded += 1;
                }
            }
            if reminded > 0 {
                let summary = format!("{reminded} reminder(s) to cities without an answer");
                audit::record(conn, &actor, Action::MeetingRemind, meeting.id, summary)?;
            }
            sent += reminded;
        }
        Ok(sent)
    })
    .await
}
