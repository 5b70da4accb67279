//! The member directory (public and staff), a city's status and roles, the
//! officers page and the membership certificate.

use chrono::NaiveDate;

use super::cities::{self, DirectoryFilter, DirectoryRow};
use super::countries;
use super::error::MembershipError;
use super::join::country_options;
use super::models::{MemberCity, MembershipStatus};
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
        let mut summary = format!(
            "{}: {} → {} on {on}{}",
            city.name_latin,
            city.status.as_str(),
            status.as_str(),
            reason.map(|r| format!(" ({r})")).unwrap_or_default()
        );
        // A withdrawn city holds no role beyond its withdrawal (issue #17).
        if status == MembershipStatus::Withdrawn {
            let roles = super::roles::end_on_withdrawal(conn, id, on)?;
            if roles != super::roles::Ended::default() {
                summary.push_str(&format!(
                    "; roles ended: {}, not begun and removed: {}",
                    roles.ended, roles.cancelled
                ));
            }
        }
        audit::record(conn, &actor, Action::MemberStatus, id, summary)?;
        Ok(true)
    })
    .await
}

/// What withdrawing a city would do, for the page that asks staff to confirm.
pub struct WithdrawalPreview {
    pub city: MemberCity,
    /// Roles the city holds now or later: they end (or are removed) with it.
    pub roles: i64,
    /// The city's user accounts (they keep signing in to a withdrawn city's page).
    pub users: i64,
}

pub async fn withdrawal_preview(db: &Db, id: i64) -> Result<WithdrawalPreview, MembershipError> {
    use crate::schema::{city_roles, users};
    use diesel::prelude::*;
    db.read(move |conn| {
        let city = cities::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        if city.status != MembershipStatus::Active {
            return Err(MembershipError::Refused("member-status-unchanged"));
        }
        let roles = city_roles::table
            .filter(city_roles::city_id.eq(id))
            .filter(
                city_roles::ends_on
                    .is_null()
                    .or(city_roles::ends_on.gt(today())),
            )
            .count()
            .get_result(conn)?;
        let users = users::table
            .filter(users::city_id.eq(id))
            .filter(users::active.eq(true))
            .count()
            .get_result(conn)?;
        Ok(WithdrawalPreview { city, roles, users })
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
