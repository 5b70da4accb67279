//! Member cities: creation at registration, the directory's search, status
//! history and roles.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::countries::Continent;
use super::models::{
    Application, JoinPrecision, MemberCity, MembershipEvent, MembershipStatus, RoleKind,
};
use super::names;
use crate::db::{self, DbConn, DbResult};
use crate::schema::{city_roles, countries, member_cities, member_city_grams, membership_events};

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<MemberCity>> {
    Ok(member_cities::table
        .find(id)
        .select(MemberCity::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_number(conn: &mut DbConn, member_number: i32) -> DbResult<Option<MemberCity>> {
    Ok(member_cities::table
        .filter(member_cities::member_number.eq(member_number))
        .select(MemberCity::as_select())
        .first(conn)
        .optional()?)
}

/// Member cities whose name (in Latin script or as written natively) is
/// `name`, ignoring case, accents and "City of": the payment form's "find the
/// city by its name". Several when the name is shared.
pub fn find_by_name(conn: &mut DbConn, name: &str) -> DbResult<Vec<MemberCity>> {
    let key = names::duplicate_key(name);
    let folded = names::fold(name);
    if key.is_empty() && folded.is_empty() {
        return Ok(Vec::new());
    }
    let candidates: Vec<MemberCity> = member_cities::table
        .filter(
            member_cities::duplicate_key
                .eq(&key)
                .or(member_cities::search_key
                    .like(format!("%{}%", crate::audit::escape_like(&folded)))
                    .escape('\\')),
        )
        .order(member_cities::member_number.asc())
        .limit(50)
        .select(MemberCity::as_select())
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .filter(|city| {
            names::duplicate_key(&city.name_latin) == key
                || city.name_native.as_deref().map(names::fold).as_deref() == Some(folded.as_str())
        })
        .collect())
}

/// The next free member number. Call inside the write transaction that uses it.
pub fn next_member_number(conn: &mut DbConn) -> DbResult<i32> {
    let highest: Option<i32> = member_cities::table
        .select(diesel::dsl::max(member_cities::member_number))
        .first(conn)?;
    Ok(highest.unwrap_or(0) + 1)
}

/// The first day of the month after `day`: when membership starts for cities
/// registered on `day`.
pub fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

/// A member city's fields, however it came (registration, import, demo data).
pub struct NewCity<'a> {
    pub member_number: i32,
    pub name_latin: &'a str,
    pub name_native: Option<&'a str>,
    pub country_code: &'a str,
    pub province: Option<&'a str>,
    pub mayor_name: Option<&'a str>,
    pub mayor_title: Option<&'a str>,
    pub contact_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub postal_address: Option<&'a str>,
    pub website: Option<&'a str>,
    pub population: Option<i64>,
    pub language: &'a str,
    pub join_date: NaiveDate,
    pub join_precision: JoinPrecision,
    pub status: MembershipStatus,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<&'a str>,
    pub application_id: Option<i64>,
    pub demo: bool,
}

impl<'a> NewCity<'a> {
    /// A city registered from its approved application.
    pub fn from_application(
        application: &'a Application,
        member_number: i32,
        join_date: NaiveDate,
    ) -> NewCity<'a> {
        NewCity {
            member_number,
            name_latin: &application.name_latin,
            name_native: application.name_native.as_deref(),
            country_code: &application.country_code,
            province: application.province.as_deref(),
            mayor_name: Some(&application.mayor_name),
            mayor_title: Some(&application.mayor_title),
            contact_name: Some(&application.contact_name),
            email: Some(&application.email),
            phone: application.phone.as_deref(),
            postal_address: Some(&application.postal_address),
            website: application.website.as_deref(),
            population: application.population,
            language: &application.language,
            join_date,
            join_precision: JoinPrecision::Day,
            status: MembershipStatus::Active,
            withdrawn_on: None,
            withdrawal_reason: None,
            application_id: Some(application.id),
            demo: false,
        }
    }
}

/// A `member_cities` row as written: the city's fields and the keys computed
/// from its names. Absent values are written as NULL, never as DEFAULT, so a
/// batch of rows is one multi-row INSERT on SQLite too.
#[derive(Insertable)]
#[diesel(table_name = member_cities, treat_none_as_default_value = false)]
struct CityRow<'a> {
    member_number: i32,
    name_latin: &'a str,
    name_native: Option<&'a str>,
    search_key: String,
    duplicate_key: String,
    country_code: &'a str,
    province: Option<&'a str>,
    mayor_name: Option<&'a str>,
    mayor_title: Option<&'a str>,
    contact_name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    postal_address: Option<&'a str>,
    website: Option<&'a str>,
    population: Option<i64>,
    language: &'a str,
    join_date: NaiveDate,
    join_precision: &'static str,
    status: &'static str,
    withdrawn_on: Option<NaiveDate>,
    withdrawal_reason: Option<&'a str>,
    application_id: Option<i64>,
    demo: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl<'a> CityRow<'a> {
    fn of(city: &NewCity<'a>, now: NaiveDateTime) -> CityRow<'a> {
        CityRow {
            member_number: city.member_number,
            name_latin: city.name_latin,
            name_native: city.name_native,
            search_key: names::search_key(city.name_latin, city.name_native),
            duplicate_key: names::duplicate_key(city.name_latin),
            country_code: city.country_code,
            province: city.province,
            mayor_name: city.mayor_name,
            mayor_title: city.mayor_title,
            contact_name: city.contact_name,
            email: city.email,
            phone: city.phone,
            postal_address: city.postal_address,
            website: city.website,
            population: city.population,
            language: city.language,
            join_date: city.join_date,
            join_precision: city.join_precision.as_str(),
            status: city.status.as_str(),
            withdrawn_on: city.withdrawn_on,
            withdrawal_reason: city.withdrawal_reason,
            application_id: city.application_id,
            demo: city.demo,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A `membership_events` row as written (NULLs as NULL, as for [`CityRow`]).
#[derive(Insertable)]
#[diesel(table_name = membership_events, treat_none_as_default_value = false)]
struct EventRow<'a> {
    city_id: i64,
    kind: &'static str,
    occurred_on: NaiveDate,
    note: Option<&'a str>,
    actor_id: Option<i64>,
    created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, city: &NewCity<'_>) -> DbResult<i64> {
    let id = diesel::insert_into(member_cities::table)
        .values(CityRow::of(city, crate::domain::clock::now()))
        .returning(member_cities::id)
        .get_result(conn)?;
    record_event(conn, id, "joined", city.join_date, None, None)?;
    super::statistics::refresh_tallies(conn)?;
    Ok(id)
}

/// Rows per multi-row INSERT: 500 cities are 12,500 bound values, well under
/// SQLite's limit of 32,766 and PostgreSQL's of 65,535.
const BATCH_ROWS: usize = 500;

/// Inserts many cities at once (an imported list), each with its "joined"
/// event and, for a city that left on a known date, its "withdrawn" event.
/// Each statement carries up to [`BATCH_ROWS`] rows, so 8,000 cities are a
/// few dozen round trips to the database rather than 16,000.
/// Call inside a write transaction.
pub fn insert_many(
    conn: &mut DbConn,
    cities: &[NewCity<'_>],
    actor_id: Option<i64>,
) -> DbResult<usize> {
    let now = crate::domain::clock::now();
    let mut ids_by_number = std::collections::HashMap::with_capacity(cities.len());
    for chunk in cities.chunks(BATCH_ROWS) {
        let rows: Vec<CityRow<'_>> = chunk.iter().map(|city| CityRow::of(city, now)).collect();
        // RETURNING gives the rows in no promised order: pair ids by member number.
        let inserted: Vec<(i32, i64)> =
            crate::on_backend!(conn, |c| diesel::insert_into(member_cities::table)
                .values(&rows)
                .returning((member_cities::member_number, member_cities::id))
                .get_results(c))?;
        ids_by_number.extend(inserted);
    }
    let mut events = Vec::with_capacity(cities.len());
    for city in cities {
        let city_id = *ids_by_number
            .get(&city.member_number)
            .ok_or(diesel::result::Error::NotFound)?;
        let event = |kind, occurred_on, note| EventRow {
            city_id,
            kind,
            occurred_on,
            note,
            actor_id,
            created_at: now,
        };
        events.push(event("joined", city.join_date, None));
        if let Some(withdrawn_on) = city.withdrawn_on {
            events.push(event("withdrawn", withdrawn_on, city.withdrawal_reason));
        }
    }
    for chunk in events.chunks(BATCH_ROWS) {
        crate::on_backend!(conn, |c| diesel::insert_into(membership_events::table)
            .values(chunk)
            .execute(c))?;
    }
    super::statistics::refresh_tallies(conn)?;
    Ok(ids_by_number.len())
}

pub fn record_event(
    conn: &mut DbConn,
    city_id: i64,
    kind: &str,
    occurred_on: NaiveDate,
    note: Option<&str>,
    actor_id: Option<i64>,
) -> DbResult<()> {
    diesel::insert_into(membership_events::table)
        .values((
            membership_events::city_id.eq(city_id),
            membership_events::kind.eq(kind),
            membership_events::occurred_on.eq(occurred_on),
            membership_events::note.eq(note),
            membership_events::actor_id.eq(actor_id),
            membership_events::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn events(conn: &mut DbConn, city_id: i64) -> DbResult<Vec<MembershipEvent>> {
    Ok(membership_events::table
        .filter(membership_events::city_id.eq(city_id))
        .order((
            membership_events::occurred_on.desc(),
            membership_events::id.desc(),
        ))
        .select(MembershipEvent::as_select())
        .load(conn)?)
}

/// Withdraws or reinstates a city, with the date and reason in its history.
pub fn set_status(
    conn: &mut DbConn,
    city_id: i64,
    status: MembershipStatus,
    on: NaiveDate,
    reason: Option<&str>,
    actor_id: Option<i64>,
) -> DbResult<bool> {
    let withdrawn = status == MembershipStatus::Withdrawn;
    let updated = diesel::update(
        member_cities::table
            .find(city_id)
            .filter(member_cities::status.ne(status.as_str())),
    )
    .set((
        member_cities::status.eq(status.as_str()),
        member_cities::withdrawn_on.eq(withdrawn.then_some(on)),
        member_cities::withdrawal_reason.eq(if withdrawn { reason } else { None }),
        member_cities::updated_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    if updated == 1 {
        let kind = if withdrawn { "withdrawn" } else { "reinstated" };
        record_event(conn, city_id, kind, on, reason, actor_id)?;
        super::statistics::refresh_tallies(conn)?;
    }
    Ok(updated == 1)
}

// ------------------------------------------------------------ directory

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct DirectoryFilter {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub continent: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub role: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub year: Option<i32>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub page: Option<i64>,
}

impl DirectoryFilter {
    pub fn is_year(&self, year: impl crate::web::page::Plain<i32>) -> bool {
        self.year == Some(year.plain())
    }

    /// The country asked for, none when blank; a code that is not well formed
    /// is kept as the empty code, which matches nothing.
    pub fn country_code(&self) -> Option<String> {
        country_filter(&self.country)
    }

    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).max(1)
    }

    /// The filter as a query string without the page, for links to other pages.
    pub fn query_without_page(&self) -> String {
        serde_urlencoded::to_string([
            ("q", self.q.as_str()),
            ("continent", self.continent.as_str()),
            ("country", self.country.as_str()),
            ("role", self.role.as_str()),
            (
                "year",
                &self.year.map(|y| y.to_string()).unwrap_or_default(),
            ),
            ("status", self.status.as_str()),
            ("sort", self.sort.as_str()),
        ])
        .unwrap_or_default()
    }
}

pub const DIRECTORY_PAGE_SIZE: i64 = 50;

/// One row of the directory: the city and its country's English name and continent.
pub type DirectoryRow = (MemberCity, String, String);

/// The directory's query: member cities joined with their countries, boxed so
/// the filters and the order can be added step by step.
type DirectoryQuery = diesel::helper_types::IntoBoxed<
    'static,
    diesel::helper_types::InnerJoin<member_cities::table, countries::table>,
    db::MultiBackend,
>;

/// The cities that match `filter`, in no particular order.
fn matching(filter: &DirectoryFilter, only_active: bool, today: NaiveDate) -> DirectoryQuery {
    let q = names::fold(&filter.q);
    let continent = Continent::parse(filter.continent.trim());
    let role = RoleKind::parse(filter.role.trim());
    let status = if only_active {
        Some(MembershipStatus::Active)
    } else {
        MembershipStatus::parse(filter.status.trim())
    };
    let mut query = member_cities::table
        .inner_join(countries::table)
        .into_boxed();
    if !q.is_empty() {
        // The pieces narrow the search to the cities that have them, through
        // their index; LIKE then checks the whole text on those alone.
        for piece in search_pieces(&q) {
            let grams = member_city_grams::table.select(member_city_grams::city_id);
            query = match piece {
                Piece::Exact(gram) => query.filter(
                    member_cities::id.eq_any(grams.filter(member_city_grams::gram.eq(gram))),
                ),
                Piece::Range(from, to) => query.filter(
                    member_cities::id.eq_any(
                        grams.filter(
                            member_city_grams::gram
                                .ge(from)
                                .and(member_city_grams::gram.lt(to)),
                        ),
                    ),
                ),
            };
        }
        query = query.filter(
            member_cities::search_key
                .like(format!("%{}%", crate::audit::escape_like(&q)))
                .escape('\\'),
        );
    }
    if let Some(continent) = continent {
        query = query.filter(countries::continent.eq(continent.as_str()));
    }
    if let Some(code) = filter.country_code() {
        query = query.filter(member_cities::country_code.eq(code));
    }
    if let Some(year) = filter.year {
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            query = query.filter(member_cities::join_date.between(from, to));
        }
    }
    if let Some(status) = status {
        query = query.filter(member_cities::status.eq(status.as_str()));
    }
    if let Some(role) = role {
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
    query
}

/// What the name search looks up in `member_city_grams`: the search keys cut
/// into three characters from every position (see migration 000130).
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// A piece of three characters the name must contain.
    Exact(String),
    /// A text of one or two characters: the pieces from `.0` up to `.1`
    /// (exclusive), those that begin with it.
    Range(String, String),
}

/// The pieces of a folded search text: its first and its last three
/// characters (both must be in the name), or the range of pieces that begin
/// with a text shorter than three characters.
fn search_pieces(q: &str) -> Vec<Piece> {
    let chars: Vec<char> = q.chars().collect();
    if chars.len() >= 3 {
        let first: String = chars[..3].iter().collect();
        let last: String = chars[chars.len() - 3..].iter().collect();
        let mut pieces = vec![Piece::Exact(first.clone())];
        if last != first {
            pieces.push(Piece::Exact(last));
        }
        return pieces;
    }
    let Some((&end, start)) = chars.split_last() else {
        return Vec::new();
    };
    // The next character after the last one (past the surrogates if need be);
    // the last code point of all has none, and a scan is then no worse.
    let next = (u32::from(end) + 1..=0x10FFFF).find_map(char::from_u32);
    next.map(|next| {
        let prefix: String = start.iter().collect();
        vec![Piece::Range(q.to_string(), format!("{prefix}{next}"))]
    })
    .unwrap_or_default()
}

/// The query in the order the filter's `sort` asks for (by name when unknown).
fn sorted(query: DirectoryQuery, sort: &str) -> DirectoryQuery {
    match sort {
        "country" => query.order((countries::name_en.asc(), member_cities::name_latin.asc())),
        "joined" => query.order((
            member_cities::join_date.asc(),
            member_cities::member_number.asc(),
        )),
        "recent" => query.order((
            member_cities::join_date.desc(),
            member_cities::member_number.desc(),
        )),
        "number" => query.order(member_cities::member_number.asc()),
        _ => query.order((
            member_cities::name_latin.asc(),
            member_cities::member_number.asc(),
        )),
    }
}

/// The number of active cities for a filter on continent or country alone
/// (the public directory's usual question), read from the membership tallies
/// instead of counting the cities; `None` for any other filter.
fn count_from_tallies(
    conn: &mut DbConn,
    filter: &DirectoryFilter,
    only_active: bool,
) -> DbResult<Option<i64>> {
    let active = only_active
        || MembershipStatus::parse(filter.status.trim()) == Some(MembershipStatus::Active);
    let by_place_only =
        filter.q.trim().is_empty() && filter.role.trim().is_empty() && filter.year.is_none();
    if !(active && by_place_only) {
        return Ok(None);
    }
    let continent = match filter.continent.trim() {
        "" => None,
        text => match Continent::parse(text) {
            Some(continent) => Some(continent),
            // An unknown continent matches nothing; let the query say so.
            None => return Ok(None),
        },
    };
    let country = filter.country_code();
    Ok(Some(super::statistics::active_cities_in(
        conn,
        continent,
        country.as_deref(),
    )?))
}

/// Searches the directory: one page of matches and their number. The public
/// directory passes `only_active`.
pub fn search(
    conn: &mut DbConn,
    filter: &DirectoryFilter,
    only_active: bool,
    today: NaiveDate,
) -> DbResult<(Vec<DirectoryRow>, i64)> {
    let total = match count_from_tallies(conn, filter, only_active)? {
        Some(total) => total,
        None => matching(filter, only_active, today)
            .count()
            .get_result(conn)?,
    };
    let rows = sorted(matching(filter, only_active, today), &filter.sort)
        .limit(DIRECTORY_PAGE_SIZE)
        .offset((filter.page() - 1) * DIRECTORY_PAGE_SIZE)
        .select((
            MemberCity::as_select(),
            countries::name_en,
            countries::continent,
        ))
        .load(conn)?;
    Ok((rows, total))
}

/// Every city that matches the filter, in its order, on no page: the CSV export.
pub fn search_all(
    conn: &mut DbConn,
    filter: &DirectoryFilter,
    only_active: bool,
    today: NaiveDate,
) -> DbResult<Vec<MemberCity>> {
    Ok(sorted(matching(filter, only_active, today), &filter.sort)
        .select(MemberCity::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ roles

// Roles live in `super::roles`; these names stay for the callers that wrote
// roles and read the officers through this module.
pub use super::roles::{add_role, current_officers, roles};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_looks_up_its_first_and_last_pieces_or_a_range_of_them() {
        let exact = |t: &str| Piece::Exact(t.into());
        assert_eq!(search_pieces("hann"), vec![exact("han"), exact("ann")]);
        assert_eq!(search_pieces("ypr"), vec![exact("ypr")]);
        assert_eq!(search_pieces("広島市"), vec![exact("広島市")]);
        assert_eq!(
            search_pieces("広島"),
            vec![Piece::Range("広島".into(), "広峷".into())]
        );
        assert_eq!(
            search_pieces("h"),
            vec![Piece::Range("h".into(), "i".into())]
        );
        assert!(search_pieces("").is_empty());
    }

    #[test]
    fn membership_starts_on_the_first_of_the_next_month() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(first_of_next_month(day(2026, 11, 20)), day(2026, 12, 1));
        assert_eq!(first_of_next_month(day(2026, 12, 20)), day(2027, 1, 1));
        assert_eq!(first_of_next_month(day(2026, 1, 31)), day(2026, 2, 1));
    }
}

/// A filter's country: none when blank, else the code as [`CountryCode`] reads
/// it; one that is not well formed becomes the empty code, which matches nothing.
pub fn country_filter(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| {
        crate::domain::CountryCode::parse(text)
            .map(crate::domain::CountryCode::into_string)
            .unwrap_or_default()
    })
}
