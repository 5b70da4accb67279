//! Roles cities hold for a term (president, vice-president, executive, lead)
//! and the countries or regions a lead city leads.
//!
//! The rules kept here, in the same transaction as every change:
//! - one president at a time: a president's term that overlaps another's is
//!   refused, naming the other city and its dates (on adding, changing or
//!   ending a role; PostgreSQL also carries an exclusion constraint as a
//!   backstop for two staff adding presidents at the same moment);
//! - withdrawing a city ends its roles on the withdrawal date
//!   ([`end_on_withdrawal`], called by the withdrawal itself);
//! - the officers are the roles current on a day held by active cities.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::countries::{self, KnownCountries};
use super::error::MembershipError;
use super::models::{CityRole, MemberCity, MembershipStatus, RoleKind};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::{check_date, CountryCode};
use crate::i18n::{FluentArg, Lang};
use crate::schema::{city_role_regions, city_roles, member_cities};

// ------------------------------------------------------------ stored roles

pub fn roles(conn: &mut DbConn, city_id: i64) -> DbResult<Vec<CityRole>> {
    Ok(city_roles::table
        .filter(city_roles::city_id.eq(city_id))
        .order((city_roles::starts_on.desc(), city_roles::id.desc()))
        .select(CityRole::as_select())
        .load(conn)?)
}

fn find(conn: &mut DbConn, role_id: i64) -> DbResult<Option<CityRole>> {
    Ok(city_roles::table
        .find(role_id)
        .select(CityRole::as_select())
        .first(conn)
        .optional()?)
}

/// Writes a role as given, with no check: the operations below check first;
/// demonstration data and tests write known terms through it.
pub fn add_role(
    conn: &mut DbConn,
    city_id: i64,
    role: RoleKind,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
) -> DbResult<i64> {
    Ok(diesel::insert_into(city_roles::table)
        .values((
            city_roles::city_id.eq(city_id),
            city_roles::role.eq(role.as_str()),
            city_roles::starts_on.eq(starts_on),
            city_roles::ends_on.eq(ends_on),
            city_roles::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(city_roles::id)
        .get_result(conn)?)
}

fn set_term(
    conn: &mut DbConn,
    role_id: i64,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
) -> DbResult<()> {
    diesel::update(city_roles::table.find(role_id))
        .set((
            city_roles::starts_on.eq(starts_on),
            city_roles::ends_on.eq(ends_on),
        ))
        .execute(conn)?;
    Ok(())
}

/// The countries or regions each of these roles leads, by role.
pub fn regions_of(
    conn: &mut DbConn,
    role_ids: &[i64],
) -> DbResult<BTreeMap<i64, Vec<CountryCode>>> {
    let rows: Vec<(i64, String)> = city_role_regions::table
        .filter(city_role_regions::role_id.eq_any(role_ids))
        .order((
            city_role_regions::role_id.asc(),
            city_role_regions::country_code.asc(),
        ))
        .select((city_role_regions::role_id, city_role_regions::country_code))
        .load(conn)?;
    let mut regions: BTreeMap<i64, Vec<CountryCode>> = BTreeMap::new();
    for (role_id, code) in rows {
        if let Ok(code) = CountryCode::parse(&code) {
            regions.entry(role_id).or_default().push(code);
        }
    }
    Ok(regions)
}

/// Replaces what the role leads (codes the caller knows to be in the
/// countries table).
pub fn set_regions(conn: &mut DbConn, role_id: i64, regions: &[CountryCode]) -> DbResult<()> {
    diesel::delete(city_role_regions::table.filter(city_role_regions::role_id.eq(role_id)))
        .execute(conn)?;
    let rows: Vec<_> = regions
        .iter()
        .map(|code| {
            (
                city_role_regions::role_id.eq(role_id),
                city_role_regions::country_code.eq(code.as_str()),
            )
        })
        .collect();
    if !rows.is_empty() {
        crate::on_backend!(conn, |c| diesel::insert_into(city_role_regions::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}

/// The roles current on `day` held by active cities, president first: the
/// officers. A withdrawn city is no officer, whatever its roles say.
pub fn current_officers(
    conn: &mut DbConn,
    day: NaiveDate,
) -> DbResult<Vec<(CityRole, MemberCity)>> {
    let mut rows: Vec<(CityRole, MemberCity)> = city_roles::table
        .inner_join(member_cities::table)
        .filter(member_cities::status.eq(MembershipStatus::Active.as_str()))
        .filter(city_roles::starts_on.le(day))
        .filter(
            city_roles::ends_on
                .is_null()
                .or(city_roles::ends_on.ge(day)),
        )
        .select((CityRole::as_select(), MemberCity::as_select()))
        .load(conn)?;
    let rank = |role: RoleKind| {
        RoleKind::ALL
            .iter()
            .position(|r| *r == role)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|(a, ca), (b, cb)| {
        rank(a.role)
            .cmp(&rank(b.role))
            .then(ca.name_latin.cmp(&cb.name_latin))
    });
    Ok(rows)
}

// ------------------------------------------------------------ one president

/// Another president's term in the way: whose and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub city: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl Clash {
    /// "Hiroshima is president from 1 Jan 2025 to 31 Dec 2028: …" in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let to = match self.ends_on {
            Some(end) => lang.date(end),
            None => lang.t("role-open-end"),
        };
        lang.t_with(
            "role-clash-president",
            &[
                ("city", FluentArg::Str(self.city.clone())),
                ("from", FluentArg::Raw(lang.date(self.starts_on))),
                ("to", FluentArg::Raw(to)),
            ],
        )
    }
}

/// The first president's term, other than `except`'s, that shares a day with
/// `starts_on..=ends_on` (open ends run forever).
fn president_clash(
    conn: &mut DbConn,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    except: Option<i64>,
) -> DbResult<Option<Clash>> {
    let mut query = city_roles::table
        .inner_join(member_cities::table)
        .filter(city_roles::role.eq(RoleKind::President.as_str()))
        .filter(
            city_roles::ends_on
                .is_null()
                .or(city_roles::ends_on.ge(starts_on)),
        )
        .into_boxed();
    if let Some(end) = ends_on {
        query = query.filter(city_roles::starts_on.le(end));
    }
    if let Some(id) = except {
        query = query.filter(city_roles::id.ne(id));
    }
    let found: Option<(String, NaiveDate, Option<NaiveDate>)> = query
        .order(city_roles::starts_on.asc())
        .select((
            member_cities::name_latin,
            city_roles::starts_on,
            city_roles::ends_on,
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(|(city, starts_on, ends_on)| Clash {
        city,
        starts_on,
        ends_on,
    }))
}

/// Refuses a president's term that overlaps another president's.
fn check_president(
    conn: &mut DbConn,
    role: RoleKind,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    except: Option<i64>,
) -> Result<(), MembershipError> {
    if role != RoleKind::President {
        return Ok(());
    }
    match president_clash(conn, starts_on, ends_on, except)? {
        Some(clash) => Err(MembershipError::RoleClash(clash)),
        None => Ok(()),
    }
}

/// The PostgreSQL backstop refused the write: find the clash it saw.
fn is_president_constraint(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(_, info)
            if info.constraint_name() == Some("city_roles_one_president")
    )
}

/// Runs a write in a savepoint; the exclusion constraint's refusal becomes
/// the clash it stands for.
fn guarded<T>(
    conn: &mut DbConn,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    except: Option<i64>,
    write: impl FnOnce(&mut DbConn) -> DbResult<T>,
) -> Result<T, MembershipError> {
    let written = conn.transaction::<T, crate::db::DbError, _>(write);
    match written {
        Ok(value) => Ok(value),
        Err(crate::db::DbError::Query(error)) if is_president_constraint(&error) => {
            match president_clash(conn, starts_on, ends_on, except)? {
                Some(clash) => Err(MembershipError::RoleClash(clash)),
                None => Err(error.into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}

// ------------------------------------------------------------ terms

/// A role for a term: the end is open or not before the start; only a lead
/// city names countries or regions.
pub struct Term {
    pub role: RoleKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub regions: Vec<CountryCode>,
}

impl Term {
    pub fn new(
        role: RoleKind,
        starts_on: Option<NaiveDate>,
        ends_on: Option<NaiveDate>,
        regions: Vec<CountryCode>,
    ) -> Result<Term, MembershipError> {
        let starts_on = starts_on.ok_or(MembershipError::Refused("role-start-required"))?;
        for date in std::iter::once(starts_on).chain(ends_on) {
            check_date(date).map_err(|e| MembershipError::Refused(e.0))?;
        }
        if ends_on.is_some_and(|end| end < starts_on) {
            return Err(MembershipError::Refused("error-date-order"));
        }
        if role != RoleKind::Lead && !regions.is_empty() {
            return Err(MembershipError::Refused("role-regions-lead-only"));
        }
        Ok(Term {
            role,
            starts_on,
            ends_on,
            regions,
        })
    }
}

/// A list of country codes as typed: separated by commas, semicolons or
/// spaces, in any case, each once. The first one that is not a code is
/// named in the refusal.
pub fn parse_regions(text: &str) -> Result<Vec<CountryCode>, MembershipError> {
    let mut codes: Vec<CountryCode> = Vec::new();
    for part in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let code = CountryCode::parse(part)
            .map_err(|_| MembershipError::UnknownRegion(part.chars().take(40).collect()))?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.sort();
    Ok(codes)
}

/// Every region must be a country or region the association knows.
fn check_regions(conn: &mut DbConn, regions: &[CountryCode]) -> Result<(), MembershipError> {
    if regions.is_empty() {
        return Ok(());
    }
    let known = KnownCountries::load(conn)?;
    for code in regions {
        if known.check(code).is_err() {
            return Err(MembershipError::UnknownRegion(code.to_string()));
        }
    }
    Ok(())
}

fn term_text(starts_on: NaiveDate, ends_on: Option<NaiveDate>) -> String {
    format!(
        "{starts_on} – {}",
        ends_on.map(|d| d.to_string()).unwrap_or_default()
    )
}

fn regions_text(regions: &[CountryCode]) -> String {
    regions
        .iter()
        .map(CountryCode::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A withdrawn city holds no role beyond its withdrawal.
fn check_city_may_hold(
    city: &MemberCity,
    ends_on: Option<NaiveDate>,
) -> Result<(), MembershipError> {
    if city.status == MembershipStatus::Withdrawn {
        let beyond = match (ends_on, city.withdrawn_on) {
            (Some(end), Some(withdrawn)) => end > withdrawn,
            _ => true,
        };
        if beyond {
            return Err(MembershipError::Refused("role-city-withdrawn"));
        }
    }
    Ok(())
}

// ------------------------------------------------------------ operations

/// Gives a city a role for a term, in its history and audited.
pub async fn add(db: &Db, actor: &Actor, city_id: i64, term: Term) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = super::cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        let Term {
            role,
            starts_on,
            ends_on,
            regions,
        } = term;
        check_city_may_hold(&city, ends_on)?;
        check_regions(conn, &regions)?;
        check_president(conn, role, starts_on, ends_on, None)?;
        let role_id = guarded(conn, starts_on, ends_on, None, |conn| {
            add_role(conn, city_id, role, starts_on, ends_on)
        })?;
        set_regions(conn, role_id, &regions)?;
        let mut term = term_text(starts_on, ends_on);
        if !regions.is_empty() {
            term.push_str(&format!(" ({})", regions_text(&regions)));
        }
        let kind = format!("role:{}", role.as_str());
        super::cities::record_event(conn, city_id, &kind, starts_on, Some(&term), actor.user_id)?;
        let summary = format!("{}: {} {term}", city.name_latin, role.as_str());
        audit::record(conn, &actor, Action::MemberRoleAdd, role_id, summary)?;
        Ok(())
    })
    .await
}

/// The role `role_id` of the city `city_id` (another city's is not found).
fn own_role(conn: &mut DbConn, city_id: i64, role_id: i64) -> Result<CityRole, MembershipError> {
    find(conn, role_id)?
        .filter(|r| r.city_id == city_id)
        .ok_or(MembershipError::NotFound)
}

/// Changes a role's term and what it leads (its kind stays), audited with
/// before and after.
pub async fn edit(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    role_id: i64,
    term: Term,
) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = super::cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        let before = own_role(conn, city_id, role_id)?;
        if term.role != before.role {
            return Err(MembershipError::Refused("error-bad-form"));
        }
        let Term {
            role,
            starts_on,
            ends_on,
            regions,
        } = term;
        check_city_may_hold(&city, ends_on)?;
        check_regions(conn, &regions)?;
        check_president(conn, role, starts_on, ends_on, Some(role_id))?;
        guarded(conn, starts_on, ends_on, Some(role_id), |conn| {
            set_term(conn, role_id, starts_on, ends_on)
        })?;
        let regions_before = regions_of(conn, &[role_id])?
            .remove(&role_id)
            .unwrap_or_default();
        set_regions(conn, role_id, &regions)?;
        let mut summary = format!(
            "{}: {} {} → {}",
            city.name_latin,
            role.as_str(),
            term_text(before.starts_on, before.ends_on),
            term_text(starts_on, ends_on)
        );
        if regions_before != regions {
            summary.push_str(&format!(
                "; leads {} → {}",
                regions_text(&regions_before),
                regions_text(&regions)
            ));
        }
        audit::record(conn, &actor, Action::MemberRoleEdit, role_id, summary)?;
        Ok(())
    })
    .await
}

/// Ends one of the city's roles on `ends_on`, audited; a role of another city
/// is not found. Moving an end later is a change of term like any other: a
/// president's may not reach into another president's.
pub async fn end(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    role_id: i64,
    ends_on: NaiveDate,
) -> Result<(), MembershipError> {
    check_date(ends_on).map_err(|e| MembershipError::Refused(e.0))?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let role = own_role(conn, city_id, role_id)?;
        if ends_on < role.starts_on {
            return Err(MembershipError::Refused("error-date-order"));
        }
        check_president(
            conn,
            role.role,
            role.starts_on,
            Some(ends_on),
            Some(role_id),
        )?;
        guarded(conn, role.starts_on, Some(ends_on), Some(role_id), |conn| {
            set_term(conn, role_id, role.starts_on, Some(ends_on))
        })?;
        let summary = format!(
            "{} of city {city_id}: ends {} → {ends_on}",
            role.role.as_str(),
            role.ends_on.map(|d| d.to_string()).unwrap_or("open".into())
        );
        audit::record(conn, &actor, Action::MemberRoleEnd, role_id, summary)?;
        Ok(())
    })
    .await
}

/// What a withdrawal did to the city's roles.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    /// Roles running on the withdrawal date, now ending on it.
    pub ended: usize,
    /// Roles that were to start after it, removed.
    pub cancelled: usize,
}

/// Ends the city's roles on its withdrawal date: a role still running then
/// ends that day; one that was to start later is removed. Call inside the
/// withdrawal's transaction.
pub fn end_on_withdrawal(conn: &mut DbConn, city_id: i64, on: NaiveDate) -> DbResult<Ended> {
    let later: Vec<i64> = city_roles::table
        .filter(city_roles::city_id.eq(city_id))
        .filter(city_roles::starts_on.gt(on))
        .select(city_roles::id)
        .load(conn)?;
    if !later.is_empty() {
        diesel::delete(city_role_regions::table.filter(city_role_regions::role_id.eq_any(&later)))
            .execute(conn)?;
        diesel::delete(city_roles::table.filter(city_roles::id.eq_any(&later))).execute(conn)?;
    }
    let ended = diesel::update(
        city_roles::table
            .filter(city_roles::city_id.eq(city_id))
            .filter(city_roles::ends_on.is_null().or(city_roles::ends_on.gt(on))),
    )
    .set(city_roles::ends_on.eq(Some(on)))
    .execute(conn)?;
    Ok(Ended {
        ended,
        cancelled: later.len(),
    })
}

// ------------------------------------------------------------ the officers page

/// An officer as `/officers` shows it: the role, the city, its country's name
/// and, for a lead city, the names of the countries or regions it leads.
pub struct OfficerRow {
    pub role: CityRole,
    pub city: MemberCity,
    pub country: String,
    pub leads: Vec<String>,
}

/// The current officers with their countries' names in `lang`.
pub async fn officers(db: &Db, lang: Lang) -> Result<Vec<OfficerRow>, MembershipError> {
    db.read(move |conn| {
        let officers = current_officers(conn, today())?;
        let ids: Vec<i64> = officers.iter().map(|(role, _)| role.id).collect();
        let mut regions = regions_of(conn, &ids)?;
        let names: BTreeMap<String, String> = countries::all(conn)?
            .into_iter()
            .map(|c| (c.code.to_string(), c.name(&lang).to_string()))
            .collect();
        let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
        Ok(officers
            .into_iter()
            .map(|(role, city)| {
                let leads = regions
                    .remove(&role.id)
                    .unwrap_or_default()
                    .iter()
                    .map(|code| name_of(code.as_str()))
                    .collect();
                OfficerRow {
                    country: name_of(city.country_code.as_str()),
                    role,
                    city,
                    leads,
                }
            })
            .collect())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_read_as_codes_once_each() {
        let codes = parse_regions("jp, KR;jp  x-somaliland").unwrap();
        let codes: Vec<&str> = codes.iter().map(CountryCode::as_str).collect();
        assert_eq!(codes, ["JP", "KR", "X-SOMALILAND"]);
        assert!(matches!(
            parse_regions("JP, Japan"),
            Err(MembershipError::UnknownRegion(text)) if text == "Japan"
        ));
        assert!(parse_regions("  ").unwrap().is_empty());
    }

    #[test]
    fn only_a_lead_city_names_regions() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1);
        let jp = parse_regions("JP").unwrap();
        assert!(Term::new(RoleKind::Lead, day, None, jp.clone()).is_ok());
        assert!(Term::new(RoleKind::President, day, None, jp).is_err());
    }
}
