//! Moving an exhibition through its workflow: requested → confirmed → shipped
//! → on display → returned (loans) or finished (printed), or cancelled or
//! declined. Each step frees or moves the poster set as needed, emails the
//! holder through the outbox and is audited, all in one transaction.

use super::models::{Exhibition, Status};
use super::{emails, loans, queries};
use crate::audit;
use crate::auth::User;
use crate::db::{DbConn, DbResult};

/// Where a returned set is kept unless staff say otherwise.
pub const HOME_LOCATION: &str = "Hiroshima Peace Culture Foundation";

pub struct Step<'a> {
    pub to: Status,
    /// The reason of a decision, or the condition of a returned set.
    pub note: Option<&'a str>,
    pub actor: Option<&'a User>,
    pub ip: Option<String>,
    pub base_url: &'a str,
}

/// Takes the step, or says why not (a message key).
pub fn advance(
    conn: &mut DbConn,
    exhibition: &Exhibition,
    step: Step<'_>,
) -> DbResult<Result<Exhibition, &'static str>> {
    let allowed = exhibition.next_steps().contains(&step.to)
        || (step.to == Status::Cancelled && exhibition.may_cancel());
    if !allowed {
        return Ok(Err("exh-error-step"));
    }
    let loan = loans::active_loan(conn, exhibition.id)?;
    match step.to {
        Status::Confirmed if exhibition.is_loan() && loan.is_none() => {
            return Ok(Err("exh-error-book-first"));
        }
        Status::Shipped => {
            let Some(loan) = &loan else {
                return Ok(Err("exh-error-book-first"));
            };
            loans::mark_shipped(conn, loan, &exhibition.venue)?;
        }
        Status::Returned => {
            let Some(note) = step.note.filter(|n| !n.trim().is_empty()) else {
                return Ok(Err("exh-error-condition-required"));
            };
            let Some(loan) = &loan else {
                return Ok(Err("exh-error-book-first"));
            };
            loans::mark_returned(conn, loan, note.trim(), HOME_LOCATION)?;
        }
        Status::Cancelled | Status::Declined => {
            loans::cancel(conn, exhibition.id)?;
        }
        _ => {}
    }
    let reason = matches!(step.to, Status::Declined | Status::Cancelled)
        .then_some(step.note)
        .flatten();
    if !queries::set_status(conn, exhibition.id, exhibition.status, step.to, reason)? {
        return Ok(Err("exh-error-changed"));
    }
    let Some(updated) = queries::find(conn, exhibition.id)? else {
        return Ok(Err("exh-error-changed"));
    };
    emails::enqueue_status(conn, &updated, step.note, step.base_url)?;
    audit::record_entry(
        conn,
        audit::Entry {
            actor: step.actor,
            action: "exhibition.status",
            entity_type: "exhibition",
            entity_id: Some(exhibition.id.to_string()),
            summary: format!(
                "{}: {} → {}",
                exhibition.title,
                exhibition.status.as_str(),
                step.to.as_str()
            ),
            ip: step.ip,
        },
    )?;
    Ok(Ok(updated))
}
