//! The emails of meetings, each in the city's language, through the outbox in
//! the transaction of the change that causes it: the invitation, the reminder
//! to cities that have not answered, and the news that a place has freed.

use crate::db::{DbConn, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::domain::EmailAddress;
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent, Reference};
use crate::membership::models::MemberCity;

use super::models::Meeting;

/// The path of a city's personal registration page for a meeting: signed for
/// (meeting, city), so it works without an account and nothing is stored.
pub fn registration_path(secret_key: &[u8], meeting_id: i64, city_id: i64) -> String {
    let token = signed_link::token(
        secret_key,
        Purpose::MeetingRegistration,
        &[meeting_id, city_id],
    );
    format!("/meetings/{meeting_id}/register/{city_id}/{token}")
}

/// Whether a registration link is one we made.
pub fn link_is_valid(secret_key: &[u8], meeting_id: i64, city_id: i64, token: &str) -> bool {
    signed_link::is_valid(
        secret_key,
        Purpose::MeetingRegistration,
        &[meeting_id, city_id],
        token,
    )
}

/// Which email it is: its message keys and the key of its cause.
#[derive(Debug, Clone, Copy)]
pub enum Notice {
    Invitation,
    /// The n-th reminder (in the idempotency key, so each is sent once).
    Reminder(i64),
    PlaceFreed,
}

impl Notice {
    fn keys(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Notice::Invitation => (
                "meeting-mail-invitation-subject",
                "meeting-mail-invitation-body",
                "meeting-mail-register",
            ),
            Notice::Reminder(_) => (
                "meeting-mail-reminder-subject",
                "meeting-mail-reminder-body",
                "meeting-mail-register",
            ),
            Notice::PlaceFreed => (
                "meeting-mail-freed-subject",
                "meeting-mail-freed-body",
                "meeting-mail-see-registration",
            ),
        }
    }

    fn cause(self) -> String {
        match self {
            Notice::Invitation => "invitation".into(),
            Notice::Reminder(n) => format!("reminder-{n}"),
            Notice::PlaceFreed => "freed".into(),
        }
    }
}

/// Queues `notice` to the city; false when the city has no usable address.
pub fn send(
    conn: &mut DbConn,
    notice: Notice,
    meeting: &Meeting,
    city: &MemberCity,
    secret_key: &[u8],
    base_url: &str,
) -> DbResult<bool> {
    let Some(address) = city
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
    else {
        return Ok(false);
    };
    let lang = Lang::parse(&city.language).unwrap_or_default();
    let (subject, body, action) = notice.keys();
    let title = || FluentArg::Str(meeting.title(&lang).to_string());
    let link = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        registration_path(secret_key, meeting.id, city.id)
    );
    let content = EmailContent {
        subject: lang.t_with(subject, &[("title", title())]),
        greeting: lang.t_with(
            "meeting-mail-greeting",
            &[("city", FluentArg::Str(city.display_name()))],
        ),
        paragraphs: vec![
            lang.t_with(
                body,
                &[
                    ("title", title()),
                    ("venue", FluentArg::Str(meeting.venue.clone())),
                    ("starts", FluentArg::Raw(lang.date(meeting.starts_on))),
                    ("ends", FluentArg::Raw(lang.date(meeting.ends_on))),
                    (
                        "closes",
                        FluentArg::Raw(lang.date(meeting.registration_closes_on)),
                    ),
                ],
            ),
            lang.t("meeting-mail-no-account"),
        ],
        action: Some((lang.t(action), link)),
        after: Vec::new(),
    };
    let email = Email::new(address, Some(&city.display_name()), lang, &content);
    mail::enqueue(
        conn,
        &format!("meeting-{}-{}-city-{}", meeting.id, notice.cause(), city.id),
        &email,
        Some(Reference::new("meeting", meeting.id)),
    )?;
    Ok(true)
}
