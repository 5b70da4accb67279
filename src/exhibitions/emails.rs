//! The emails to the holder of an exhibition at each step of its workflow, in
//! the holder's language (a city's current one): a member city's contact address, or the address a
//! non-member organisation gave.

use super::models::{Exhibition, Status};
use crate::domain::EmailAddress;
use crate::i18n::FluentArg;
use crate::mail::{Email, EmailContent};
use crate::membership::models::MemberCity;

fn raw(text: impl Into<String>) -> FluentArg {
    FluentArg::Raw(text.into())
}

/// The message key of what an email about `status` says.
fn body_key(status: Status) -> &'static str {
    match status {
        Status::Requested => "exh-mail-requested",
        Status::Confirmed => "exh-mail-confirmed",
        Status::Shipped => "exh-mail-shipped",
        Status::OnDisplay => "exh-mail-on-display",
        Status::Returned => "exh-mail-returned",
        Status::Finished => "exh-mail-finished",
        Status::Cancelled => "exh-mail-cancelled",
        Status::Declined => "exh-mail-declined",
    }
}

/// The email telling the holder that the exhibition is now `exhibition.status`;
/// `None` when there is no valid address to write to. `note` is the reason of
/// a decision or the condition noted on return.
pub fn status_changed(
    exhibition: &Exhibition,
    city: Option<&MemberCity>,
    note: Option<&str>,
    base_url: &str,
) -> Option<Email> {
    let (address, name) = match city {
        Some(city) => (
            city.email.as_deref()?,
            city.contact_name
                .clone()
                .unwrap_or_else(|| city.name_latin.clone()),
        ),
        None => (
            exhibition.organisation_email.as_deref()?,
            exhibition
                .organisation_contact
                .clone()
                .or_else(|| exhibition.organisation_name.clone())
                .unwrap_or_default(),
        ),
    };
    let to = EmailAddress::parse(address).ok()?;
    // A city's language as it is now (it may have changed since registering);
    // an organisation's as it applied.
    let lang = city.map_or_else(|| exhibition.lang(), MemberCity::lang);
    let status = exhibition.status;
    let mut paragraphs = vec![lang.t_with(
        body_key(status),
        &[
            ("title", exhibition.title.clone().into()),
            ("venue", exhibition.venue.clone().into()),
            ("start", raw(lang.date(exhibition.starts_on))),
            ("end", raw(lang.date(exhibition.ends_on))),
        ],
    )];
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        paragraphs.push(lang.t_with("exh-mail-note", &[("note", note.into())]));
    }
    let action = city.map(|_| {
        (
            lang.t("exh-mail-action"),
            format!(
                "{}/city/exhibitions/{}",
                base_url.trim_end_matches('/'),
                exhibition.id
            ),
        )
    });
    let content = EmailContent {
        subject: lang.t_with(
            "exh-mail-subject",
            &[
                ("title", exhibition.title.clone().into()),
                ("status", raw(lang.t(status.label_key()))),
            ],
        ),
        greeting: lang.t_with("mail-greeting", &[("name", name.clone().into())]),
        paragraphs,
        action,
        after: vec![lang.t_with(
            "exh-mail-reference",
            &[("number", raw(exhibition.id.to_string()))],
        )],
    };
    Some(Email::new(to, Some(&name), lang, &content))
}

/// Puts the email about the exhibition's current status in the outbox, inside
/// the caller's transaction; one per exhibition and status.
pub fn enqueue_status(
    conn: &mut crate::db::DbConn,
    exhibition: &Exhibition,
    note: Option<&str>,
    base_url: &str,
) -> crate::db::DbResult<()> {
    let city = match exhibition.city_id {
        Some(id) => crate::membership::cities::find(conn, id)?,
        None => None,
    };
    if let Some(email) = status_changed(exhibition, city.as_ref(), note, base_url) {
        crate::mail::enqueue(
            conn,
            &format!(
                "exhibition-{}-{}",
                exhibition.id,
                exhibition.status.as_str()
            ),
            &email,
            Some(crate::mail::Reference::new("exhibition", exhibition.id)),
        )?;
    }
    Ok(())
}
