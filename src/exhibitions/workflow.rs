//! Moving an exhibition through its workflow: requested → confirmed → shipped
//! → on display → returned (loans) or finished (printed), or cancelled or
//! declined. Each step frees or moves the poster set as needed, emails the
//! holder through the outbox and is audited, all in one transaction: a step
//! refused after the set was moved leaves the set where it was.

use super::error::ExhibitionError;
use super::models::{Exhibition, Status};
use super::{emails, loans, queries};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn};

/// Where a returned set is kept unless staff say otherwise.
pub const HOME_LOCATION: &str = "Hiroshima Peace Culture Foundation";

#[derive(Debug, Clone)]
pub struct Step {
    pub to: Status,
    /// The reason of a decision, or the condition of a returned set.
    pub note: Option<String>,
    /// The status the step was chosen from (the page the user saw); `None`:
    /// from whatever the status is now. When the exhibition has moved on
    /// meanwhile, the step is refused and nothing it wrote is kept.
    pub from: Option<Status>,
}

impl Step {
    pub fn to(to: Status, note: Option<String>) -> Step {
        Step {
            to,
            note,
            from: None,
        }
    }
}

/// Staff take the step, or are told why not.
pub async fn advance(
    db: &Db,
    actor: &Actor,
    id: i64,
    step: Step,
    base_url: &str,
) -> Result<Exhibition, ExhibitionError> {
    let actor = actor.clone();
    let base_url = base_url.to_string();
    db.transaction(move |conn| {
        let exhibition = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        take(conn, &actor, exhibition, step, &base_url)
    })
    .await
}

/// Staff confirm a requested loan and book the set it needs in one step: the
/// booking and the confirmation are kept together or not at all (a clash, or
/// an exhibition that moved on meanwhile, leaves nothing booked).
pub async fn confirm_with_set(
    db: &Db,
    actor: &Actor,
    id: i64,
    set_id: i64,
    base_url: &str,
) -> Result<Exhibition, ExhibitionError> {
    let actor = actor.clone();
    let base_url = base_url.to_string();
    db.transaction(move |conn| {
        let exhibition = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        if exhibition.status != Status::Requested {
            return Err(ExhibitionError::Refused("exh-error-step"));
        }
        let (loan, set) = loans::book(conn, &exhibition, set_id, actor.user_id)?;
        audit::record(
            conn,
            &actor,
            Action::ExhibitionBookSet,
            id,
            format!(
                "{}: set {} from {} to {}",
                exhibition.title, set.code, loan.ships_on, loan.returns_on
            ),
        )?;
        let step = Step {
            to: Status::Confirmed,
            note: None,
            from: Some(Status::Requested),
        };
        take(conn, &actor, exhibition, step, &base_url)
    })
    .await
}

/// A cancellation as the city's confirmation form sends it: the reason
/// (required by the step itself) and whether the box was ticked.
#[derive(Debug, Clone)]
pub struct Cancellation {
    pub reason: Option<String>,
    pub confirmed: bool,
}

/// A city cancels its own exhibition; another city's is "not found". Not
/// confirmed, it is refused and nothing changes.
pub async fn cancel_own(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    id: i64,
    cancellation: Cancellation,
    base_url: &str,
) -> Result<Exhibition, ExhibitionError> {
    let actor = actor.clone();
    let base_url = base_url.to_string();
    db.transaction(move |conn| {
        let exhibition = queries::find(conn, id)?
            .filter(|e| e.city_id == Some(city_id))
            .ok_or(ExhibitionError::NotFound)?;
        if !cancellation.confirmed {
            return Err(ExhibitionError::Refused("secretariat-confirm-missing"));
        }
        let step = Step::to(Status::Cancelled, cancellation.reason);
        take(conn, &actor, exhibition, step, &base_url)
    })
    .await
}

/// The step itself, inside the caller's transaction; any refusal is an error,
/// so what was written before it is rolled back with the transaction.
fn take(
    conn: &mut DbConn,
    actor: &Actor,
    current: Exhibition,
    step: Step,
    base_url: &str,
) -> Result<Exhibition, ExhibitionError> {
    let mut exhibition = current;
    if let Some(from) = step.from {
        exhibition.status = from;
    }
    let allowed = exhibition.next_steps().contains(&step.to)
        || (step.to == Status::Cancelled && exhibition.may_cancel());
    if !allowed {
        return Err(ExhibitionError::Refused("exh-error-step"));
    }
    let note = step.note.as_deref();
    // A cancellation says why: the reason is kept, shown and audited.
    if step.to == Status::Cancelled && note.is_none_or(|n| n.trim().is_empty()) {
        return Err(ExhibitionError::Refused(
            "secretariat-cancel-reason-required",
        ));
    }
    // Before the set leaves, its loan must match the dates as they are (a
    // window booked before a change of dates that did not follow them, in
    // data older than that rule): moved now, or the step is refused.
    let mut moved_loan = None;
    if matches!(step.to, Status::Confirmed | Status::Shipped) {
        moved_loan = loans::follow_dates(conn, &exhibition)?.summary();
    }
    let loan = loans::active_loan(conn, exhibition.id)?;
    match step.to {
        Status::Confirmed if exhibition.is_loan() && loan.is_none() => {
            return Err(ExhibitionError::Refused("exh-error-book-first"));
        }
        Status::Shipped => {
            let loan = loan.ok_or(ExhibitionError::Refused("exh-error-book-first"))?;
            loans::mark_shipped(conn, &loan, &exhibition.venue)?;
        }
        Status::Returned => {
            let note = note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .ok_or(ExhibitionError::Refused("exh-error-condition-required"))?;
            let loan = loan.ok_or(ExhibitionError::Refused("exh-error-book-first"))?;
            loans::mark_returned(conn, &loan, note, HOME_LOCATION)?;
        }
        Status::Cancelled | Status::Declined => {
            loans::cancel(conn, exhibition.id)?;
        }
        _ => {}
    }
    let reason = matches!(step.to, Status::Declined | Status::Cancelled)
        .then_some(note)
        .flatten();
    if !queries::set_status(conn, exhibition.id, exhibition.status, step.to, reason)? {
        return Err(ExhibitionError::Refused("exh-error-changed"));
    }
    let updated =
        queries::find(conn, exhibition.id)?.ok_or(ExhibitionError::Refused("exh-error-changed"))?;
    emails::enqueue_status(conn, &updated, note, base_url)?;
    audit::record(
        conn,
        actor,
        Action::ExhibitionStatus,
        exhibition.id,
        format!(
            "{}: {} → {}{}{}",
            exhibition.title,
            exhibition.status.as_str(),
            step.to.as_str(),
            moved_loan.map(|m| format!("; {m}")).unwrap_or_default(),
            reason.map(|r| format!("; reason: {r}")).unwrap_or_default()
        ),
    )?;
    Ok(updated)
}
