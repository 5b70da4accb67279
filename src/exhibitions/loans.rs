//! Lending physical poster sets. A set is reserved from its ship-out date to
//! its return date: the exhibition's dates widened by the shipping buffers of
//! the venue's continent. Two loans of one set never overlap, buffers
//! included.
//!
//! The check and the insert run in one write transaction. On SQLite that
//! transaction starts with BEGIN IMMEDIATE, which admits one writer at a time;
//! on PostgreSQL the poster set's row is locked with SELECT ... FOR UPDATE, so
//! a second booking of the same set waits and then sees the first. The
//! PostgreSQL schema also carries an exclusion constraint, a backstop for any
//! path that forgets the lock.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use super::error::ExhibitionError;
use super::models::{Exhibition, Loan, PosterSet, SetStatus, Status};
use super::queries;
use super::settings::{self as buffers, Buffer};
use crate::audit::{self, Action, Actor};
use crate::db::{self, Db, DbConn, DbResult};
use crate::schema::{exhibition_loans, exhibitions, poster_sets};

/// The days a loan for this exhibition keeps a set away.
pub fn reservation(exhibition: &Exhibition, buffer: Buffer) -> (NaiveDate, NaiveDate) {
    (
        exhibition.starts_on - Duration::days(buffer.before_days),
        exhibition.ends_on + Duration::days(buffer.after_days),
    )
}

/// The buffers of the exhibition's continent (Asia's when it has none).
pub fn buffer_for(conn: &mut DbConn, exhibition: &Exhibition) -> DbResult<Buffer> {
    let continent = queries::continent_of(conn, &exhibition.country_code)?
        .unwrap_or(crate::membership::countries::Continent::Asia);
    buffers::buffer(conn, continent)
}

/// Another loan of the set in the way: what it is for and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub set_code: String,
    pub exhibition_id: i64,
    pub exhibition_title: String,
    pub ships_on: NaiveDate,
    pub returns_on: NaiveDate,
}

/// The first live loan of `set_id`, other than `except` (a loan being
/// moved), that overlaps the days `from..=to`.
fn clash(
    conn: &mut DbConn,
    set_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    except: Option<i64>,
) -> DbResult<Option<Clash>> {
    let found: Option<(i64, String, NaiveDate, NaiveDate, String)> = exhibition_loans::table
        .inner_join(exhibitions::table)
        .inner_join(poster_sets::table)
        .filter(exhibition_loans::poster_set_id.eq(set_id))
        .filter(exhibition_loans::cancelled_at.is_null())
        .filter(exhibition_loans::ships_on.le(to))
        .filter(exhibition_loans::returns_on.ge(from))
        .filter(exhibition_loans::id.ne(except.unwrap_or(0)))
        .order(exhibition_loans::ships_on.asc())
        .select((
            exhibitions::id,
            exhibitions::title,
            exhibition_loans::ships_on,
            exhibition_loans::returns_on,
            poster_sets::code,
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(
        |(exhibition_id, exhibition_title, ships_on, returns_on, set_code)| Clash {
            set_code,
            exhibition_id,
            exhibition_title,
            ships_on,
            returns_on,
        },
    ))
}

/// Locks the set's row until the transaction ends (PostgreSQL); on SQLite the
/// immediate transaction already holds the only write lock.
fn lock_set(conn: &mut DbConn, set_id: i64) -> DbResult<Option<PosterSet>> {
    if let db::DbConn::Postgres(pg) = conn {
        let locked: Option<i64> = poster_sets::table
            .find(set_id)
            .select(poster_sets::id)
            .for_update()
            .first(pg)
            .optional()?;
        if locked.is_none() {
            return Ok(None);
        }
    }
    find_set(conn, set_id)
}

pub fn active_loan(conn: &mut DbConn, exhibition_id: i64) -> DbResult<Option<Loan>> {
    Ok(exhibition_loans::table
        .filter(exhibition_loans::exhibition_id.eq(exhibition_id))
        .filter(exhibition_loans::cancelled_at.is_null())
        .select(Loan::as_select())
        .first(conn)
        .optional()?)
}

fn is_overlap_constraint(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(_, info)
            if info.constraint_name() == Some("exhibition_loans_no_overlap")
    )
}

/// Books `set_id` for the exhibition and audits it, in one write transaction:
/// the check and the insert are one step (see the module's notes on locking).
pub async fn book_set(
    db: &Db,
    actor: &Actor,
    id: i64,
    set_id: i64,
) -> Result<(Loan, PosterSet), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let exhibition = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        let (loan, set) = book(conn, &exhibition, set_id, actor.user_id)?;
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
        Ok((loan, set))
    })
    .await
}

/// Frees the exhibition's set while it has not left yet (requested or
/// confirmed); afterwards it must come back first.
pub async fn release_set(db: &Db, actor: &Actor, id: i64) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let exhibition = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        if !matches!(exhibition.status, Status::Requested | Status::Confirmed) {
            return Err(ExhibitionError::Refused("exh-error-step"));
        }
        if cancel(conn, id)? == 0 {
            return Err(ExhibitionError::Refused("exh-error-step"));
        }
        audit::record(
            conn,
            &actor,
            Action::ExhibitionReleaseSet,
            id,
            format!("{}: poster set released", exhibition.title),
        )?;
        Ok(())
    })
    .await
}

/// Books `set_id` for the exhibition. Must run inside a write transaction
/// (`Db::transaction`): the check and the insert are one step. A refusal is an
/// error, so the caller's transaction rolls back.
pub fn book(
    conn: &mut DbConn,
    exhibition: &Exhibition,
    set_id: i64,
    booked_by: Option<i64>,
) -> Result<(Loan, PosterSet), ExhibitionError> {
    if !exhibition.is_loan() {
        return Err(ExhibitionError::Refused("exh-loan-not-a-loan"));
    }
    if !exhibition.may_cancel() {
        return Err(ExhibitionError::Refused("exh-error-step"));
    }
    let set = lock_set(conn, set_id)?
        .filter(|set| set.status == SetStatus::InService)
        .ok_or(ExhibitionError::Refused("exh-loan-set-unavailable"))?;
    if active_loan(conn, exhibition.id)?.is_some() {
        return Err(ExhibitionError::Refused("exh-loan-already-booked"));
    }
    let buffer = buffer_for(conn, exhibition)?;
    let (ships_on, returns_on) = reservation(exhibition, buffer);
    if let Some(clash) = clash(conn, set_id, ships_on, returns_on, None)? {
        return Err(ExhibitionError::Clash(clash));
    }
    // A savepoint, so that the exclusion constraint's refusal (the backstop)
    // leaves the transaction usable for reading the clash.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(exhibition_loans::table)
            .values((
                exhibition_loans::exhibition_id.eq(exhibition.id),
                exhibition_loans::poster_set_id.eq(set_id),
                exhibition_loans::ships_on.eq(ships_on),
                exhibition_loans::returns_on.eq(returns_on),
                exhibition_loans::booked_by.eq(booked_by),
                exhibition_loans::created_at.eq(crate::domain::clock::now()),
            ))
            .returning(exhibition_loans::id)
            .get_result::<i64>(conn)
    });
    let id = match inserted {
        Ok(id) => id,
        Err(error) if is_overlap_constraint(&error) => {
            return match clash(conn, set_id, ships_on, returns_on, None)? {
                Some(clash) => Err(ExhibitionError::Clash(clash)),
                None => Err(error.into()),
            };
        }
        Err(error) => return Err(error.into()),
    };
    let loan = exhibition_loans::table
        .find(id)
        .select(Loan::as_select())
        .first(conn)?;
    Ok((loan, set))
}

/// What a change of an exhibition's details did to its loan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoanChange {
    /// No loan, or its window is already the dates' window.
    Unchanged,
    /// The window moved from the first pair of days to the second.
    Moved {
        set_code: String,
        from: (NaiveDate, NaiveDate),
        to: (NaiveDate, NaiveDate),
    },
    /// The exhibition is no longer a loan: the set is free again.
    Released,
}

impl LoanChange {
    /// For the audit entry of the change that caused it.
    pub fn summary(&self) -> Option<String> {
        match self {
            LoanChange::Unchanged => None,
            LoanChange::Moved { set_code, from, to } => Some(format!(
                "loan of set {set_code}: {}–{} → {}–{}",
                from.0, from.1, to.0, to.1
            )),
            LoanChange::Released => Some("poster set released (no longer a loan)".into()),
        }
    }
}

/// Makes the exhibition's loan follow its details as they now are, in the
/// caller's write transaction (call it after writing the new dates): the
/// window is computed again from the dates and the continent's buffers and
/// checked against the set's other loans, with the set locked as for a
/// booking. A clash is an error, so the caller's change rolls back with it.
/// An exhibition that is no longer a loan frees its set.
pub fn follow_dates(
    conn: &mut DbConn,
    exhibition: &Exhibition,
) -> Result<LoanChange, ExhibitionError> {
    let Some(loan) = active_loan(conn, exhibition.id)? else {
        return Ok(LoanChange::Unchanged);
    };
    if loan.returned_at.is_some() {
        return Ok(LoanChange::Unchanged);
    }
    if !exhibition.is_loan() {
        cancel(conn, exhibition.id)?;
        return Ok(LoanChange::Released);
    }
    let buffer = buffer_for(conn, exhibition)?;
    let (ships_on, returns_on) = reservation(exhibition, buffer);
    if (ships_on, returns_on) == (loan.ships_on, loan.returns_on) {
        return Ok(LoanChange::Unchanged);
    }
    let set_id = loan.poster_set_id;
    let set =
        lock_set(conn, set_id)?.ok_or(ExhibitionError::Refused("exh-loan-set-unavailable"))?;
    if let Some(clash) = clash(conn, set_id, ships_on, returns_on, Some(loan.id))? {
        return Err(ExhibitionError::Clash(clash));
    }
    // A savepoint, as for a booking: the exclusion constraint's refusal (the
    // backstop) leaves the transaction usable for reading the clash.
    let moved = conn.transaction(|conn| {
        diesel::update(exhibition_loans::table.find(loan.id))
            .set((
                exhibition_loans::ships_on.eq(ships_on),
                exhibition_loans::returns_on.eq(returns_on),
            ))
            .execute(conn)
    });
    match moved {
        Ok(_) => Ok(LoanChange::Moved {
            set_code: set.code,
            from: (loan.ships_on, loan.returns_on),
            to: (ships_on, returns_on),
        }),
        Err(error) if is_overlap_constraint(&error) => {
            match clash(conn, set_id, ships_on, returns_on, Some(loan.id))? {
                Some(clash) => Err(ExhibitionError::Clash(clash)),
                None => Err(error.into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}

/// Frees the set again (the exhibition was cancelled, or staff chose another).
pub fn cancel(conn: &mut DbConn, exhibition_id: i64) -> DbResult<usize> {
    Ok(diesel::update(
        exhibition_loans::table
            .filter(exhibition_loans::exhibition_id.eq(exhibition_id))
            .filter(exhibition_loans::cancelled_at.is_null())
            .filter(exhibition_loans::returned_at.is_null()),
    )
    .set(exhibition_loans::cancelled_at.eq(Some(crate::domain::clock::now())))
    .execute(conn)?)
}

/// The set came back: its condition note goes on the loan and on the set,
/// which is at the secretariat again.
pub fn mark_returned(
    conn: &mut DbConn,
    loan: &Loan,
    condition: &str,
    location: &str,
) -> DbResult<()> {
    let now = crate::domain::clock::now();
    diesel::update(exhibition_loans::table.find(loan.id))
        .set((
            exhibition_loans::return_condition.eq(Some(condition)),
            exhibition_loans::returned_at.eq(Some(now)),
        ))
        .execute(conn)?;
    diesel::update(poster_sets::table.find(loan.poster_set_id))
        .set((
            poster_sets::condition.eq(condition),
            poster_sets::location.eq(location),
            poster_sets::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The set is on its way to the venue.
pub fn mark_shipped(conn: &mut DbConn, loan: &Loan, venue: &str) -> DbResult<()> {
    diesel::update(poster_sets::table.find(loan.poster_set_id))
        .set((
            poster_sets::location.eq(venue),
            poster_sets::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets in service, in the exhibition's poster language, free for its whole
/// reservation: what staff are offered when booking.
pub fn suggestions(conn: &mut DbConn, exhibition: &Exhibition) -> DbResult<Vec<PosterSet>> {
    let buffer = buffer_for(conn, exhibition)?;
    let (from, to) = reservation(exhibition, buffer);
    let busy: Vec<i64> = exhibition_loans::table
        .filter(exhibition_loans::cancelled_at.is_null())
        .filter(exhibition_loans::ships_on.le(to))
        .filter(exhibition_loans::returns_on.ge(from))
        .select(exhibition_loans::poster_set_id)
        .load(conn)?;
    Ok(poster_sets::table
        .filter(poster_sets::language.eq(&exhibition.poster_language))
        .filter(poster_sets::status.eq(SetStatus::InService.as_str()))
        .filter(poster_sets::id.ne_all(busy))
        .order(poster_sets::code.asc())
        .select(PosterSet::as_select())
        .load(conn)?)
}

/// A live loan's window, with its set and exhibition, for the month view.
pub struct LoanWindow {
    pub exhibition_id: i64,
    pub exhibition_title: String,
    pub set_code: String,
    pub ships_on: NaiveDate,
    pub returns_on: NaiveDate,
}

/// The live loans whose window touches the days `from..=to`.
pub fn windows_between(
    conn: &mut DbConn,
    from: NaiveDate,
    to: NaiveDate,
) -> DbResult<Vec<LoanWindow>> {
    let rows: Vec<(i64, String, String, NaiveDate, NaiveDate)> = exhibition_loans::table
        .inner_join(exhibitions::table)
        .inner_join(poster_sets::table)
        .filter(exhibition_loans::cancelled_at.is_null())
        .filter(exhibition_loans::ships_on.le(to))
        .filter(exhibition_loans::returns_on.ge(from))
        .order(exhibition_loans::ships_on.asc())
        .select((
            exhibitions::id,
            exhibitions::title,
            poster_sets::code,
            exhibition_loans::ships_on,
            exhibition_loans::returns_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(exhibition_id, exhibition_title, set_code, ships_on, returns_on)| LoanWindow {
                exhibition_id,
                exhibition_title,
                set_code,
                ships_on,
                returns_on,
            },
        )
        .collect())
}

/// A set in the exhibition's poster language and whether it is free for the
/// exhibition's whole reservation, or which loan keeps it away.
pub struct Availability {
    pub set: PosterSet,
    pub away: Option<Clash>,
}

/// The sets in service in the exhibition's poster language, the free ones
/// first: what confirming a loan offers, each with its availability.
pub fn availability(conn: &mut DbConn, exhibition: &Exhibition) -> DbResult<Vec<Availability>> {
    let (from, to) = reservation(exhibition, buffer_for(conn, exhibition)?);
    let sets: Vec<PosterSet> = poster_sets::table
        .filter(poster_sets::language.eq(&exhibition.poster_language))
        .filter(poster_sets::status.eq(SetStatus::InService.as_str()))
        .order(poster_sets::code.asc())
        .select(PosterSet::as_select())
        .load(conn)?;
    let mut found = Vec::with_capacity(sets.len());
    for set in sets {
        let away = clash(conn, set.id, from, to, None)?;
        found.push(Availability { set, away });
    }
    found.sort_by_key(|a| a.away.is_some());
    Ok(found)
}

// ------------------------------------------------------------ the inventory

pub fn find_set(conn: &mut DbConn, id: i64) -> DbResult<Option<PosterSet>> {
    Ok(poster_sets::table
        .find(id)
        .select(PosterSet::as_select())
        .first(conn)
        .optional()?)
}

pub fn sets(conn: &mut DbConn) -> DbResult<Vec<PosterSet>> {
    Ok(poster_sets::table
        .order(poster_sets::code.asc())
        .select(PosterSet::as_select())
        .load(conn)?)
}

/// A set's fields as staff enter them.
#[derive(Debug, Clone)]
pub struct SetFields {
    pub code: String,
    pub language: String,
    pub size: String,
    pub panels: i32,
    pub condition: String,
    pub location: String,
    pub status: SetStatus,
}

pub fn insert_set(conn: &mut DbConn, f: &SetFields) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    Ok(diesel::insert_into(poster_sets::table)
        .values((
            poster_sets::code.eq(&f.code),
            poster_sets::language.eq(&f.language),
            poster_sets::size.eq(&f.size),
            poster_sets::panels.eq(f.panels),
            poster_sets::condition.eq(&f.condition),
            poster_sets::location.eq(&f.location),
            poster_sets::status.eq(f.status.as_str()),
            poster_sets::created_at.eq(now),
            poster_sets::updated_at.eq(now),
        ))
        .returning(poster_sets::id)
        .get_result(conn)?)
}

pub fn update_set(conn: &mut DbConn, id: i64, f: &SetFields) -> DbResult<bool> {
    Ok(diesel::update(poster_sets::table.find(id))
        .set((
            poster_sets::code.eq(&f.code),
            poster_sets::language.eq(&f.language),
            poster_sets::size.eq(&f.size),
            poster_sets::panels.eq(f.panels),
            poster_sets::condition.eq(&f.condition),
            poster_sets::location.eq(&f.location),
            poster_sets::status.eq(f.status.as_str()),
            poster_sets::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?
        == 1)
}

/// A set's loans with their exhibitions' titles, latest first.
pub fn loans_of_set(conn: &mut DbConn, set_id: i64) -> DbResult<Vec<(Loan, String)>> {
    Ok(exhibition_loans::table
        .inner_join(exhibitions::table)
        .filter(exhibition_loans::poster_set_id.eq(set_id))
        .order(exhibition_loans::ships_on.desc())
        .select((Loan::as_select(), exhibitions::title))
        .load(conn)?)
}
