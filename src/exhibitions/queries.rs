//! Reading and writing exhibitions, their photos, feeds and statistics.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::models::{Exhibition, Format, Status};
use crate::db::{DbConn, DbError, DbResult};
use crate::domain::random::hash_token;
use crate::domain::signed_link::{self, Purpose};
use crate::membership::countries::Continent;
use crate::schema::{countries, exhibition_feeds, exhibition_photos, exhibitions, member_cities};

/// What a registration or an application says about an exhibition.
#[derive(Debug, Clone)]
pub struct Details {
    pub title: String,
    pub venue: String,
    pub address: String,
    pub country_code: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub hours: Option<(String, String)>,
    pub time_zone: String,
    pub expected_visitors: Option<i32>,
    pub poster_language: String,
    pub format: Format,
    pub publish: bool,
}

/// Who holds it: a member city, or a non-member organisation with its plan.
#[derive(Debug, Clone)]
pub enum Holder {
    City {
        city_id: i64,
    },
    Organisation {
        name: String,
        contact: String,
        email: String,
        event_plan: String,
    },
}

pub fn insert(
    conn: &mut DbConn,
    holder: &Holder,
    details: &Details,
    language: &str,
    created_by: Option<i64>,
) -> DbResult<i64> {
    let now = crate::domain::clock::now();
    let (city_id, org_name, org_contact, org_email, plan) = match holder {
        Holder::City { city_id } => (Some(*city_id), None, None, None, None),
        Holder::Organisation {
            name,
            contact,
            email,
            event_plan,
        } => (
            None,
            Some(name.clone()),
            Some(contact.clone()),
            Some(email.clone()),
            Some(event_plan.clone()),
        ),
    };
    Ok(diesel::insert_into(exhibitions::table)
        .values((
            exhibitions::city_id.eq(city_id),
            exhibitions::organisation_name.eq(org_name),
            exhibitions::organisation_contact.eq(org_contact),
            exhibitions::organisation_email.eq(org_email),
            exhibitions::event_plan.eq(plan),
            exhibitions::language.eq(language),
            exhibitions::status.eq(Status::Requested.as_str()),
            exhibitions::created_by.eq(created_by),
            exhibitions::created_at.eq(now),
            detail_columns(details, now),
        ))
        .returning(exhibitions::id)
        .get_result(conn)?)
}

#[allow(clippy::type_complexity)]
fn detail_columns(
    d: &Details,
    now: chrono::NaiveDateTime,
) -> (
    diesel::dsl::Eq<exhibitions::title, String>,
    diesel::dsl::Eq<exhibitions::venue, String>,
    diesel::dsl::Eq<exhibitions::address, String>,
    diesel::dsl::Eq<exhibitions::country_code, String>,
    diesel::dsl::Eq<exhibitions::starts_on, NaiveDate>,
    diesel::dsl::Eq<exhibitions::ends_on, NaiveDate>,
    diesel::dsl::Eq<exhibitions::opens_at, Option<String>>,
    diesel::dsl::Eq<exhibitions::closes_at, Option<String>>,
    diesel::dsl::Eq<exhibitions::time_zone, String>,
    diesel::dsl::Eq<exhibitions::expected_visitors, Option<i32>>,
    diesel::dsl::Eq<exhibitions::poster_language, String>,
    diesel::dsl::Eq<exhibitions::format, &'static str>,
    diesel::dsl::Eq<exhibitions::publish, bool>,
    diesel::dsl::Eq<exhibitions::updated_at, chrono::NaiveDateTime>,
) {
    (
        exhibitions::title.eq(d.title.clone()),
        exhibitions::venue.eq(d.venue.clone()),
        exhibitions::address.eq(d.address.clone()),
        exhibitions::country_code.eq(d.country_code.clone()),
        exhibitions::starts_on.eq(d.starts_on),
        exhibitions::ends_on.eq(d.ends_on),
        exhibitions::opens_at.eq(d.hours.as_ref().map(|h| h.0.clone())),
        exhibitions::closes_at.eq(d.hours.as_ref().map(|h| h.1.clone())),
        exhibitions::time_zone.eq(d.time_zone.clone()),
        exhibitions::expected_visitors.eq(d.expected_visitors),
        exhibitions::poster_language.eq(d.poster_language.clone()),
        exhibitions::format.eq(d.format.as_str()),
        exhibitions::publish.eq(d.publish),
        exhibitions::updated_at.eq(now),
    )
}

pub fn update_details(conn: &mut DbConn, id: i64, details: &Details) -> DbResult<bool> {
    Ok(diesel::update(exhibitions::table.find(id))
        .set(detail_columns(details, crate::domain::clock::now()))
        .execute(conn)?
        == 1)
}

/// New dates for the exhibition (staff moving it); its loan is the caller's.
pub fn set_dates(
    conn: &mut DbConn,
    id: i64,
    starts_on: chrono::NaiveDate,
    ends_on: chrono::NaiveDate,
) -> DbResult<bool> {
    Ok(diesel::update(exhibitions::table.find(id))
        .set((
            exhibitions::starts_on.eq(starts_on),
            exhibitions::ends_on.eq(ends_on),
            exhibitions::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?
        == 1)
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Exhibition>> {
    Ok(exhibitions::table
        .find(id)
        .select(Exhibition::as_select())
        .first(conn)
        .optional()?)
}

/// Moves an exhibition on only from the status it was read in, so that two
/// staff pressing buttons at once cannot both move it.
pub fn set_status(
    conn: &mut DbConn,
    id: i64,
    from: Status,
    to: Status,
    reason: Option<&str>,
) -> DbResult<bool> {
    let changed = diesel::update(
        exhibitions::table
            .find(id)
            .filter(exhibitions::status.eq(from.as_str())),
    )
    .set((
        exhibitions::status.eq(to.as_str()),
        exhibitions::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    if changed == 1 && reason.is_some() {
        diesel::update(exhibitions::table.find(id))
            .set(exhibitions::decision_reason.eq(reason))
            .execute(conn)?;
    }
    Ok(changed == 1)
}

pub fn for_city(conn: &mut DbConn, city_id: i64) -> DbResult<Vec<Exhibition>> {
    Ok(exhibitions::table
        .filter(exhibitions::city_id.eq(city_id))
        .order(exhibitions::starts_on.desc())
        .select(Exhibition::as_select())
        .load(conn)?)
}

/// The exhibitions a city agreed to publish that have not ended yet.
pub fn upcoming_public(conn: &mut DbConn, today: NaiveDate) -> DbResult<Vec<Exhibition>> {
    Ok(exhibitions::table
        .filter(exhibitions::publish.eq(true))
        .filter(exhibitions::ends_on.ge(today))
        .filter(exhibitions::status.eq_any(public_statuses()))
        .order(exhibitions::starts_on.asc())
        .select(Exhibition::as_select())
        .load(conn)?)
}

/// Every published exhibition, past ones too: the public feed.
pub fn all_public(conn: &mut DbConn) -> DbResult<Vec<Exhibition>> {
    Ok(exhibitions::table
        .filter(exhibitions::publish.eq(true))
        .filter(exhibitions::status.eq_any(public_statuses()))
        .order(exhibitions::starts_on.asc())
        .select(Exhibition::as_select())
        .load(conn)?)
}

/// Confirmed and later: a request is not announced before staff confirm it.
fn public_statuses() -> Vec<&'static str> {
    [
        Status::Confirmed,
        Status::Shipped,
        Status::OnDisplay,
        Status::Returned,
        Status::Finished,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect()
}

/// Exhibitions open on any day between `first` and `last` (the staff calendar).
pub fn overlapping(
    conn: &mut DbConn,
    first: NaiveDate,
    last: NaiveDate,
) -> DbResult<Vec<Exhibition>> {
    Ok(exhibitions::table
        .filter(exhibitions::starts_on.le(last))
        .filter(exhibitions::ends_on.ge(first))
        .filter(exhibitions::status.ne_all([Status::Cancelled.as_str(), Status::Declined.as_str()]))
        .order(exhibitions::starts_on.asc())
        .select(Exhibition::as_select())
        .load(conn)?)
}

/// The staff list: optionally one status, newest first.
pub fn list(conn: &mut DbConn, status: Option<Status>) -> DbResult<Vec<Exhibition>> {
    let mut query = exhibitions::table
        .order((exhibitions::starts_on.desc(), exhibitions::id.desc()))
        .select(Exhibition::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(exhibitions::status.eq(status.as_str()));
    }
    Ok(query.limit(500).load(conn)?)
}

/// The member cities that have held an exhibition (shown one, or are showing
/// it now): for the campaign filter "no exhibition held yet".
pub fn cities_with_exhibition_held(conn: &mut DbConn) -> DbResult<Vec<i64>> {
    let held: Vec<&str> = Status::HELD.iter().map(|s| s.as_str()).collect();
    let ids: Vec<Option<i64>> = exhibitions::table
        .filter(exhibitions::status.eq_any(held))
        .filter(exhibitions::city_id.is_not_null())
        .select(exhibitions::city_id)
        .distinct()
        .load(conn)?;
    Ok(ids.into_iter().flatten().collect())
}

pub fn continent_of(conn: &mut DbConn, country_code: &str) -> DbResult<Option<Continent>> {
    let text: Option<String> = countries::table
        .find(country_code)
        .select(countries::continent)
        .first(conn)
        .optional()?;
    Ok(text.as_deref().and_then(Continent::parse))
}

/// Display names of the holders: the city's name, or the organisation's.
pub fn holder_names(conn: &mut DbConn, list: &[Exhibition]) -> DbResult<BTreeMap<i64, String>> {
    let city_ids: Vec<i64> = list.iter().filter_map(|e| e.city_id).collect();
    let cities: BTreeMap<i64, String> = member_cities::table
        .filter(member_cities::id.eq_any(&city_ids))
        .select((member_cities::id, member_cities::name_latin))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(list
        .iter()
        .map(|e| {
            let name = match e.city_id {
                Some(id) => cities.get(&id).cloned().unwrap_or_default(),
                None => e.organisation_name.clone().unwrap_or_default(),
            };
            (e.id, name)
        })
        .collect())
}

// ------------------------------------------------------------ reports and photos

pub fn save_report(
    conn: &mut DbConn,
    id: i64,
    visitors: i32,
    comments: Option<&str>,
) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    Ok(diesel::update(exhibitions::table.find(id))
        .set((
            exhibitions::actual_visitors.eq(Some(visitors)),
            exhibitions::report_comments.eq(comments),
            exhibitions::reported_at.eq(Some(now)),
            exhibitions::updated_at.eq(now),
        ))
        .execute(conn)?
        == 1)
}

pub fn add_photo(
    conn: &mut DbConn,
    exhibition_id: i64,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> DbResult<i64> {
    Ok(diesel::insert_into(exhibition_photos::table)
        .values((
            exhibition_photos::exhibition_id.eq(exhibition_id),
            exhibition_photos::file_name.eq(file_name),
            exhibition_photos::content_type.eq(content_type),
            exhibition_photos::bytes.eq(bytes),
            exhibition_photos::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(exhibition_photos::id)
        .get_result(conn)?)
}

pub fn photo_ids(conn: &mut DbConn, exhibition_id: i64) -> DbResult<Vec<i64>> {
    Ok(exhibition_photos::table
        .filter(exhibition_photos::exhibition_id.eq(exhibition_id))
        .order(exhibition_photos::id.asc())
        .select(exhibition_photos::id)
        .load(conn)?)
}

/// A photo: its exhibition, content type and bytes.
pub fn photo(conn: &mut DbConn, id: i64) -> DbResult<Option<(i64, String, Vec<u8>)>> {
    Ok(exhibition_photos::table
        .find(id)
        .select((
            exhibition_photos::exhibition_id,
            exhibition_photos::content_type,
            exhibition_photos::bytes,
        ))
        .first(conn)
        .optional()?)
}

// ------------------------------------------------------------ city feeds

/// The token of a city's feed in its `generation`: derived under the app's
/// key, so the page can show it again while the database keeps only its hash.
fn token_of(secret_key: &[u8], city_id: i64, generation: i32) -> String {
    signed_link::token(
        secret_key,
        Purpose::ExhibitionFeed,
        &[city_id, i64::from(generation)],
    )
}

/// The token of a city's private feed, made on first use.
pub fn feed_token(conn: &mut DbConn, secret_key: &[u8], city_id: i64) -> DbResult<String> {
    let existing: Option<i32> = exhibition_feeds::table
        .find(city_id)
        .select(exhibition_feeds::generation)
        .first(conn)
        .optional()?;
    if let Some(generation) = existing {
        return Ok(token_of(secret_key, city_id, generation));
    }
    let token = token_of(secret_key, city_id, 0);
    // A savepoint: two first visits at once both try to insert; the one that
    // loses reads the winner's generation instead of failing the page.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(exhibition_feeds::table)
            .values((
                exhibition_feeds::city_id.eq(city_id),
                exhibition_feeds::token_hash.eq(hash_token(&token)),
                exhibition_feeds::generation.eq(0),
                exhibition_feeds::created_at.eq(crate::domain::clock::now()),
            ))
            .execute(conn)
            .map_err(DbError::from)
    });
    match inserted {
        Ok(_) => Ok(token),
        Err(e) if e.is_unique_violation() => {
            let generation: i32 = exhibition_feeds::table
                .find(city_id)
                .select(exhibition_feeds::generation)
                .first(conn)?;
            Ok(token_of(secret_key, city_id, generation))
        }
        Err(e) => Err(e),
    }
}

/// Makes a new token for a city's feed: the old address stops working.
/// Returns the new token.
pub fn regenerate_feed(conn: &mut DbConn, secret_key: &[u8], city_id: i64) -> DbResult<String> {
    feed_token(conn, secret_key, city_id)?;
    let generation: i32 = exhibition_feeds::table
        .find(city_id)
        .select(exhibition_feeds::generation)
        .first(conn)?;
    let next = generation.saturating_add(1);
    let token = token_of(secret_key, city_id, next);
    diesel::update(exhibition_feeds::table.find(city_id))
        .set((
            exhibition_feeds::token_hash.eq(hash_token(&token)),
            exhibition_feeds::generation.eq(next),
            exhibition_feeds::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(token)
}

pub fn city_of_feed(conn: &mut DbConn, token: &str) -> DbResult<Option<i64>> {
    Ok(exhibition_feeds::table
        .filter(exhibition_feeds::token_hash.eq(hash_token(token)))
        .select(exhibition_feeds::city_id)
        .first(conn)
        .optional()?)
}

// ------------------------------------------------------------ statistics

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub exhibitions: i64,
    pub visitors: i64,
}

pub struct Statistics {
    pub by_year: Vec<(i32, Tally)>,
    pub by_continent: Vec<(Continent, Tally)>,
    pub total: Tally,
}

/// Exhibitions held, by the year they opened and by continent; visitors are
/// those reported after the exhibition.
pub fn statistics(conn: &mut DbConn) -> DbResult<Statistics> {
    let held: Vec<&str> = Status::HELD.iter().map(|s| s.as_str()).collect();
    let rows: Vec<(NaiveDate, Option<i32>, String)> = exhibitions::table
        .inner_join(countries::table)
        .filter(exhibitions::status.eq_any(held))
        .select((
            exhibitions::starts_on,
            exhibitions::actual_visitors,
            countries::continent,
        ))
        .load(conn)?;
    let mut by_year: BTreeMap<i32, Tally> = BTreeMap::new();
    let mut by_continent: BTreeMap<Continent, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for (starts_on, visitors, continent) in rows {
        let visitors = i64::from(visitors.unwrap_or(0));
        for tally in [by_year.entry(starts_on.year()).or_default(), &mut total] {
            tally.exhibitions += 1;
            tally.visitors += visitors;
        }
        if let Some(continent) = Continent::parse(&continent) {
            let tally = by_continent.entry(continent).or_default();
            tally.exhibitions += 1;
            tally.visitors += visitors;
        }
    }
    Ok(Statistics {
        by_year: by_year.into_iter().collect(),
        by_continent: Continent::ALL
            .into_iter()
            .map(|c| (c, by_continent.get(&c).cloned().unwrap_or_default()))
            .collect(),
        total,
    })
}

/// Exhibitions in `status`: the staff dashboard's counts.
pub fn count_in(conn: &mut DbConn, status: Status) -> DbResult<i64> {
    Ok(exhibitions::table
        .filter(exhibitions::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}
