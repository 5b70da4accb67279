//! Who a campaign reaches: active member cities with an address, chosen by
//! filters (continent, country, role held today, dues unpaid for the last fiscal
//! year, no poster exhibition held yet) or by a pasted list of member numbers and
//! addresses. Cities that unsubscribed are left out of non-essential campaigns.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::models::Campaign;
use crate::db::{DbConn, DbResult};
use crate::domain::{CountryCode, EmailAddress};
use crate::dues::ledger::{self, YearLedger};
use crate::dues::models::DuesStatus;
use crate::dues::settings as dues_settings;
use crate::membership::countries::{Continent, Country};
use crate::membership::models::{MemberCity, MembershipStatus, RoleKind};
use crate::schema::{campaign_unsubscribes, city_roles, countries, member_cities};

/// The audience part of a campaign, parsed.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub continent: Option<Continent>,
    pub country_code: Option<CountryCode>,
    pub role: Option<RoleKind>,
    pub dues_unpaid: bool,
    /// Only cities that have never held a poster exhibition (none on display,
    /// returned or finished).
    pub no_exhibition_held: bool,
    /// Member numbers or addresses, one a line; when given, it replaces the filters.
    pub pasted_list: Option<String>,
}

impl Filters {
    pub fn of(campaign: &Campaign) -> Filters {
        Filters {
            continent: campaign.continent.as_deref().and_then(Continent::parse),
            country_code: campaign
                .country_code
                .as_deref()
                .and_then(|code| CountryCode::parse(code).ok()),
            role: campaign.role.as_deref().and_then(RoleKind::parse),
            dues_unpaid: campaign.dues_unpaid,
            no_exhibition_held: campaign.no_exhibition_held,
            pasted_list: campaign.pasted_list.clone(),
        }
    }
}

/// One city a campaign writes to.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub city: MemberCity,
    pub country: Country,
    pub email: EmailAddress,
}

/// The resolved audience, with who was left out and why.
#[derive(Debug, Default)]
pub struct Audience {
    pub recipients: Vec<Recipient>,
    pub without_email: usize,
    pub unsubscribed: usize,
    /// Lines of a pasted list that name no active member city.
    pub unmatched: Vec<String>,
}

fn unsubscribed_cities(conn: &mut DbConn) -> DbResult<HashSet<i64>> {
    Ok(campaign_unsubscribes::table
        .select(campaign_unsubscribes::city_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Cities whose contribution for the last complete fiscal year is unpaid or
/// partly paid (waived years are not arrears).
fn unpaid_last_year(conn: &mut DbConn, today: NaiveDate) -> DbResult<HashSet<i64>> {
    let settings = dues_settings::load(conn)?;
    let last_year =
        crate::dues::fiscal::FiscalYear::new(settings.calendar.year_of(today).number() - 1);
    let year = YearLedger::load(conn, last_year, &settings)?;
    Ok(ledger::expected_cities(conn, last_year, &settings)?
        .into_iter()
        .filter(|city| {
            matches!(
                year.position(city.id).status(),
                DuesStatus::Unpaid | DuesStatus::PartlyPaid
            )
        })
        .map(|city| city.id)
        .collect())
}

fn active_cities(
    conn: &mut DbConn,
    filters: &Filters,
    today: NaiveDate,
) -> DbResult<Vec<(MemberCity, Country)>> {
    let mut query = member_cities::table
        .inner_join(countries::table)
        .filter(member_cities::status.eq(MembershipStatus::Active.as_str()))
        .into_boxed();
    if filters.pasted_list.is_none() {
        if let Some(continent) = filters.continent {
            query = query.filter(countries::continent.eq(continent.as_str()));
        }
        if let Some(code) = &filters.country_code {
            query = query.filter(member_cities::country_code.eq(code.as_str().to_string()));
        }
        if let Some(role) = filters.role {
            let holders = city_roles::table
                .filter(city_roles::role.eq(role.as_str()))
                .filter(city_roles::starts_on.le(today))
                .filter(
                    city_roles::ends_on
                        .is_null()
                        .or(city_roles::ends_on.ge(today)),
                )
                .select(city_roles::city_id);
            query = query.filter(member_cities::id.eq_any(holders));
        }
    }
    Ok(query
        .order(member_cities::member_number.asc())
        .select((MemberCity::as_select(), Country::as_select()))
        .load(conn)?)
}

/// Keeps the cities a pasted list names (by member number or address), and
/// returns the lines that name none.
fn keep_listed(
    cities: Vec<(MemberCity, Country)>,
    list: &str,
) -> (Vec<(MemberCity, Country)>, Vec<String>) {
    let lines: Vec<String> = list
        .lines()
        .flat_map(|l| l.split([',', ';']))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut matched_lines = HashSet::new();
    let kept = cities
        .into_iter()
        .filter(|(city, _)| {
            let email = city.email.as_deref().unwrap_or_default().to_lowercase();
            let hit = lines.iter().find(|line| {
                line.trim_start_matches('0').parse::<i32>().ok() == Some(city.member_number)
                    || line.parse::<i32>().ok() == Some(city.member_number)
                    || (!email.is_empty() && line.to_lowercase() == email)
            });
            if let Some(line) = hit {
                matched_lines.insert(line.clone());
            }
            hit.is_some()
        })
        .collect();
    let unmatched = lines
        .into_iter()
        .filter(|l| !matched_lines.contains(l))
        .collect();
    (kept, unmatched)
}

pub fn resolve(
    conn: &mut DbConn,
    filters: &Filters,
    essential: bool,
    today: NaiveDate,
) -> DbResult<Audience> {
    let mut cities = active_cities(conn, filters, today)?;
    let mut audience = Audience::default();
    if let Some(list) = &filters.pasted_list {
        let (kept, unmatched) = keep_listed(cities, list);
        cities = kept;
        audience.unmatched = unmatched;
    } else {
        if filters.dues_unpaid {
            let unpaid = unpaid_last_year(conn, today)?;
            cities.retain(|(city, _)| unpaid.contains(&city.id));
        }
        if filters.no_exhibition_held {
            let held: HashSet<i64> = crate::exhibitions::cities_with_exhibition_held(conn)?
                .into_iter()
                .collect();
            cities.retain(|(city, _)| !held.contains(&city.id));
        }
    }
    let unsubscribed = if essential {
        HashSet::new()
    } else {
        unsubscribed_cities(conn)?
    };
    for (city, country) in cities {
        if unsubscribed.contains(&city.id) {
            audience.unsubscribed += 1;
            continue;
        }
        match city
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok())
        {
            Some(email) => audience.recipients.push(Recipient {
                city,
                country,
                email,
            }),
            None => audience.without_email += 1,
        }
    }
    Ok(audience)
}
