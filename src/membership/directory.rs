//! The member directory (public and staff), a city's status and roles, the
//! officers page and the membership certificate.

use chrono::NaiveDate;

use super::cities::{self, DirectoryFilter, DirectoryRow};
use super::countries;
use super::error::MembershipError;
use super::join::country_options;
use super::models::{CityRole, MemberCity, MembershipStatus, RoleKind};
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::today;
use crate::domain::{check_date, MultiLine};
use crate::i18n::Lang;

/// One page of the directory with what its filter form offers.
pub struct DirectoryView {
    pub rows: Vec<DirectoryRow>,
    pub total: i64,
    pub countries: Vec<(String, String)>,
    pub years: Vec<i32>,
}

/// The directory: active members only in public (`staff_view` false).
pub async fn search(
    db: &Db,
    filter: DirectoryFilter,
    staff_view: bool,
    lang: Lang,
) -> Result<DirectoryView, MembershipError> {
    db.read(move |conn| {
        let (rows, total) = cities::search(conn, &filter, !staff_view, today())?;
        Ok(DirectoryView {
            rows,
            total,
            countries: country_options(&countries::all(conn)?, &lang),
            years: super::statistics::join_years(conn)?,
        })
    })
    .await
}

/// A change of membership status: withdraw (with date and reason) or reinstate.
pub struct StatusChange {
    pub status: MembershipStatus,
    pub on: NaiveDate,
    pub reason: Option<MultiLine>,
}

impl StatusChange {
    /// A withdrawal needs its reason.
    pub fn new(
        status: MembershipStatus,
        on: NaiveDate,
        reason: Option<MultiLine>,
    ) -> Result<StatusChange, MembershipError> {
        check_date(on).map_err(|e| MembershipError::Refused(e.0))?;
        if status == MembershipStatus::Withdrawn && reason.is_none() {
            return Err(MembershipError::Refused(
                "member-withdrawal-reason-required",
            ));
        }
        Ok(StatusChange { status, on, reason })
    }
}

/// Withdraws or reinstates a member, audited; dues never do this. `false` when
/// the city already had that status.
pub async fn change_status(
    db: &Db,
    actor: &Actor,
    id: i64,
    change: StatusChange,
) -> Result<bool, MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = cities::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let StatusChange { status, on, reason } = change;
        let reason = reason.as_ref().map(MultiLine::as_str);
        if !cities::set_status(conn, id, status, on, reason, actor.user_id)? {
            return Ok(false);
        }
        let summary = format!(
            "{}: {} → {} on {on}{}",
            city.name_latin,
            city.status.as_str(),
            status.as_str(),
            reason.map(|r| format!(" ({r})")).unwrap_or_default()
        );
        audit::record(conn, &actor, Action::MemberStatus, id, summary)?;
        Ok(true)
    })
    .await
}

/// A role for a term: the end is open or after the start.
pub struct Term {
    pub role: RoleKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl Term {
    pub fn new(
        role: RoleKind,
        starts_on: Option<NaiveDate>,
        ends_on: Option<NaiveDate>,
    ) -> Result<Term, MembershipError> {
        let starts_on = starts_on.ok_or(MembershipError::Refused("role-start-required"))?;
        for date in std::iter::once(starts_on).chain(ends_on) {
            check_date(date).map_err(|e| MembershipError::Refused(e.0))?;
        }
        if ends_on.is_some_and(|end| end < starts_on) {
            return Err(MembershipError::Refused("error-date-order"));
        }
        Ok(Term {
            role,
            starts_on,
            ends_on,
        })
    }
}

/// Gives a city a role for a term, in its history and audited.
pub async fn add_role(db: &Db, actor: &Actor, id: i64, term: Term) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = cities::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let Term {
            role,
            starts_on,
            ends_on,
        } = term;
        let role_id = cities::add_role(conn, id, role, starts_on, ends_on)?;
        let term = format!(
            "{starts_on} – {}",
            ends_on.map(|d| d.to_string()).unwrap_or_default()
        );
        let kind = format!("role:{}", role.as_str());
        cities::record_event(conn, id, &kind, starts_on, Some(&term), actor.user_id)?;
        let summary = format!("{}: {} {term}", city.name_latin, role.as_str());
        audit::record(conn, &actor, Action::MemberRoleAdd, role_id, summary)?;
        Ok(())
    })
    .await
}

/// Ends one of the city's roles, audited; a role of another city is not found.
pub async fn end_role(
    db: &Db,
    actor: &Actor,
    id: i64,
    role_id: i64,
    ends_on: NaiveDate,
) -> Result<(), MembershipError> {
    check_date(ends_on).map_err(|e| MembershipError::Refused(e.0))?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let role =
            cities::end_role(conn, id, role_id, ends_on)?.ok_or(MembershipError::NotFound)?;
        let summary = format!(
            "{} of city {id}: ends {} → {ends_on}",
            role.role.as_str(),
            role.ends_on.map(|d| d.to_string()).unwrap_or("open".into())
        );
        audit::record(conn, &actor, Action::MemberRoleEnd, role_id, summary)?;
        Ok(())
    })
    .await
}

/// The current officers with their cities and countries' names.
pub async fn officers(
    db: &Db,
    lang: Lang,
) -> Result<Vec<(CityRole, MemberCity, String)>, MembershipError> {
    db.read(move |conn| {
        let officers = cities::current_officers(conn, today())?;
        let countries = countries::all(conn)?;
        Ok(officers
            .into_iter()
            .map(|(role, city)| {
                let country = countries
                    .iter()
                    .find(|c| c.code == city.country_code)
                    .map(|c| c.name(&lang).to_string())
                    .unwrap_or_default();
                (role, city, country)
            })
            .collect())
    })
    .await
}

/// A member city with its country's name in `lang`.
pub async fn city_with_country(
    db: &Db,
    id: i64,
    lang: Lang,
) -> Result<(MemberCity, String), MembershipError> {
    db.read(move |conn| {
        let city = cities::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let country = countries::find(conn, &city.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        Ok((city, country))
    })
    .await
}

/// A join date as precisely as it is known: a day, a month (historical records)
/// or a year.
pub fn join_date_label(lang: &crate::i18n::Lang, city: &MemberCity) -> String {
    use chrono::Datelike;
    match city.join_precision {
        super::models::JoinPrecision::Day => lang.date(city.join_date),
        super::models::JoinPrecision::Month => {
            lang.month(city.join_date.year(), city.join_date.month())
        }
        super::models::JoinPrecision::Year => city.join_date.year().to_string(),
    }
}
