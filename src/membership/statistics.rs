//! The public statistics page: the paper's Table 4 (countries and regions, and
//! cities, per continent) computed from the members, and members by join year,
//! drawn as server-rendered SVG.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::countries::Continent;
use super::error::MembershipError;
use super::models::MembershipStatus;
use crate::db::{Db, DbConn, DbResult};
use crate::schema::{countries, member_cities, membership_tallies};

/// One row of Table 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinentRow {
    pub continent: Continent,
    pub countries: i64,
    pub cities: i64,
}

#[derive(Debug, Clone)]
pub struct Table4 {
    pub rows: Vec<ContinentRow>,
    pub total_countries: i64,
    pub total_cities: i64,
}

// ------------------------------------------------------------ tallies

/// What a row of `membership_tallies` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tally {
    /// Active members per country or region (the item is its code).
    ActiveByCountry,
    /// Active members per year of joining (the item is the year).
    ActiveByJoinYear,
    /// Members of any status per year of joining: the directory's year filter.
    AnyByJoinYear,
    /// The year the first member (of any status) of a country or region joined:
    /// here the figure is a year, not a count (the item is the code).
    FirstJoinYearByCountry,
}

impl Tally {
    fn as_str(self) -> &'static str {
        match self {
            Tally::ActiveByCountry => "active_by_country",
            Tally::ActiveByJoinYear => "active_by_join_year",
            Tally::AnyByJoinYear => "any_by_join_year",
            Tally::FirstJoinYearByCountry => "first_join_year_by_country",
        }
    }
}

/// Rewrites the tallies from the member cities. Called in the transaction of
/// every change to membership (a registration, an import, a withdrawal), so
/// the public figures are never behind, and at start-up.
pub fn refresh_tallies(conn: &mut DbConn) -> DbResult<()> {
    // Two PostgreSQL transactions rewriting at once would both insert the same
    // keys; SQLite's write transactions are already one at a time.
    if let DbConn::Postgres(c) = conn {
        diesel::sql_query("LOCK TABLE membership_tallies IN EXCLUSIVE MODE").execute(c)?;
    }
    diesel::delete(membership_tallies::table).execute(conn)?;
    let by_country: Vec<(String, i64)> = member_cities::table
        .filter(member_cities::status.eq(MembershipStatus::Active.as_str()))
        .group_by(member_cities::country_code)
        .select((member_cities::country_code, diesel::dsl::count_star()))
        .load(conn)?;
    let joins: Vec<(NaiveDate, String, String)> = member_cities::table
        .select((
            member_cities::join_date,
            member_cities::status,
            member_cities::country_code,
        ))
        .load(conn)?;
    let mut active_by_year: BTreeMap<i32, i64> = BTreeMap::new();
    let mut any_by_year: BTreeMap<i32, i64> = BTreeMap::new();
    let mut first_year_by_country: BTreeMap<&str, i64> = BTreeMap::new();
    for (date, status, country) in &joins {
        *any_by_year.entry(date.year()).or_default() += 1;
        if status == MembershipStatus::Active.as_str() {
            *active_by_year.entry(date.year()).or_default() += 1;
        }
        let year = i64::from(date.year());
        first_year_by_country
            .entry(country)
            .and_modify(|first| *first = (*first).min(year))
            .or_insert(year);
    }
    let rows: Vec<_> = by_country
        .into_iter()
        .map(|(code, n)| (Tally::ActiveByCountry, code, n))
        .chain(
            active_by_year
                .into_iter()
                .map(|(year, n)| (Tally::ActiveByJoinYear, year.to_string(), n)),
        )
        .chain(
            any_by_year
                .into_iter()
                .map(|(year, n)| (Tally::AnyByJoinYear, year.to_string(), n)),
        )
        .chain(
            first_year_by_country
                .into_iter()
                .map(|(code, year)| (Tally::FirstJoinYearByCountry, code.to_string(), year)),
        )
        .map(|(kind, item, cities)| {
            (
                membership_tallies::kind.eq(kind.as_str()),
                membership_tallies::item.eq(item),
                membership_tallies::cities.eq(cities),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        crate::on_backend!(conn, |c| diesel::insert_into(membership_tallies::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

fn tally(conn: &mut DbConn, kind: Tally) -> DbResult<Vec<(String, i64)>> {
    Ok(membership_tallies::table
        .filter(membership_tallies::kind.eq(kind.as_str()))
        .select((membership_tallies::item, membership_tallies::cities))
        .load(conn)?)
}

/// A tally by year, oldest year first, without gaps.
fn by_year(conn: &mut DbConn, kind: Tally) -> DbResult<BTreeMap<i32, i64>> {
    Ok(tally(conn, kind)?
        .into_iter()
        .filter_map(|(year, n)| Some((year.parse().ok()?, n)))
        .collect())
}

/// Active cities in a continent and/or a country, from the tallies.
pub fn active_cities_in(
    conn: &mut DbConn,
    continent: Option<Continent>,
    country: Option<&str>,
) -> DbResult<i64> {
    let mut query = membership_tallies::table
        .inner_join(countries::table.on(countries::code.eq(membership_tallies::item)))
        .filter(membership_tallies::kind.eq(Tally::ActiveByCountry.as_str()))
        .select(membership_tallies::cities)
        .into_boxed();
    if let Some(continent) = continent {
        query = query.filter(countries::continent.eq(continent.as_str()));
    }
    if let Some(country) = country {
        query = query.filter(countries::code.eq(country.to_string()));
    }
    // At most one row per country: summed here, as SUM of BIGINT is NUMERIC
    // on PostgreSQL.
    Ok(query.load::<i64>(conn)?.into_iter().sum())
}

// ------------------------------------------------------------ figures

/// Active members per continent: distinct countries and regions, and cities.
pub fn table4(conn: &mut DbConn) -> DbResult<Table4> {
    let cities_per_country = tally(conn, Tally::ActiveByCountry)?;
    let continents: std::collections::HashMap<String, String> = countries::table
        .select((countries::code, countries::continent))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let per_country: Vec<(String, String, i64)> = cities_per_country
        .into_iter()
        .filter_map(|(code, n)| {
            continents
                .get(&code)
                .map(|continent| (continent.clone(), code, n))
        })
        .collect();
    let rows: Vec<ContinentRow> = Continent::ALL
        .into_iter()
        .map(|continent| {
            let in_continent = per_country
                .iter()
                .filter(|(c, _, _)| c == continent.as_str());
            let (countries, cities) = in_continent
                .fold((0, 0), |(countries, cities), (_, _, n)| {
                    (countries + 1, cities + n)
                });
            ContinentRow {
                continent,
                countries,
                cities,
            }
        })
        .collect();
    Ok(Table4 {
        total_countries: rows.iter().map(|r| r.countries).sum(),
        total_cities: rows.iter().map(|r| r.cities).sum(),
        rows,
    })
}

/// New active members per year of joining, oldest year first, without gaps.
pub fn joins_by_year(conn: &mut DbConn) -> DbResult<Vec<(i32, i64)>> {
    let by_year = by_year(conn, Tally::ActiveByJoinYear)?;
    let (Some(first), Some(last)) = (
        by_year.keys().next().copied(),
        by_year.keys().last().copied(),
    ) else {
        return Ok(Vec::new());
    };
    Ok((first..=last)
        .map(|year| (year, by_year.get(&year).copied().unwrap_or(0)))
        .collect())
}

/// Years in which the members of any status joined, newest first.
pub fn join_years(conn: &mut DbConn) -> DbResult<Vec<i32>> {
    Ok(by_year(conn, Tally::AnyByJoinYear)?
        .into_keys()
        .rev()
        .collect())
}

/// A bar of the chart, in SVG user units.
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub label: String,
    pub value: i64,
    /// Years are labelled every few bars so that they do not overlap.
    pub show_label: bool,
}

pub const CHART_WIDTH: i64 = 720;
pub const CHART_HEIGHT: i64 = 240;
const AXIS_SPACE: i64 = 24;
/// Room above the tallest bar for its value.
const TOP_SPACE: i64 = 18;
/// Room at the sides, so that the first and last labels are not cut.
const SIDE_SPACE: i64 = 16;

/// Lays out bars for (label, value) pairs across the chart's width.
pub fn bars(values: &[(String, i64)]) -> Vec<Bar> {
    let highest = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let count = i64::try_from(values.len()).unwrap_or(1).max(1);
    let slot = ((CHART_WIDTH - 2 * SIDE_SPACE) / count).max(1);
    let label_every = (count / 12).max(1);
    values
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let i = i64::try_from(i).unwrap_or(0);
            let height = value * (CHART_HEIGHT - AXIS_SPACE - TOP_SPACE) / highest;
            Bar {
                x: SIDE_SPACE + i * slot + slot / 8,
                y: CHART_HEIGHT - AXIS_SPACE - height,
                width: (slot * 3 / 4).max(1),
                height,
                label: label.clone(),
                value: *value,
                show_label: i % label_every == 0,
            }
        })
        .collect()
}

/// A horizontal bar: for long labels (continents), one row each.
pub struct Row {
    pub y: i64,
    pub width: i64,
    pub label: String,
    pub value: i64,
}

pub const ROW_HEIGHT: i64 = 30;
pub const LABEL_WIDTH: i64 = 250;

/// Lays out one horizontal bar per (label, value), the longest filling the width
/// beside the labels (with room for the value at its end).
pub fn rows(values: &[(String, i64)]) -> Vec<Row> {
    let highest = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let room = CHART_WIDTH - LABEL_WIDTH - 60;
    values
        .iter()
        .enumerate()
        .map(|(i, (label, value))| Row {
            y: i64::try_from(i).unwrap_or(0) * ROW_HEIGHT,
            width: value * room / highest,
            label: label.clone(),
            value: *value,
        })
        .collect()
}

/// One row of the members by country: a country or region with active members.
#[derive(Debug, Clone)]
pub struct CountryRow {
    pub continent: Continent,
    pub code: String,
    /// In the reader's language.
    pub name: String,
    pub cities: i64,
    /// The year its first member joined (counting members that left since).
    pub first_year: Option<i32>,
}

/// How the members by country are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryOrder {
    /// By continent as Table 4, then by name.
    Continent,
    /// Most cities first.
    Cities,
    /// Earliest first member first.
    FirstYear,
    Name,
}

impl CountryOrder {
    pub fn parse(text: &str) -> CountryOrder {
        match text {
            "cities" => CountryOrder::Cities,
            "year" => CountryOrder::FirstYear,
            "name" => CountryOrder::Name,
            _ => CountryOrder::Continent,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CountryOrder::Continent => "continent",
            CountryOrder::Cities => "cities",
            CountryOrder::FirstYear => "year",
            CountryOrder::Name => "name",
        }
    }
}

/// Active members per country or region (from the tallies), with the year of
/// each one's first member, in `order`.
pub fn by_country(
    conn: &mut DbConn,
    lang: &crate::i18n::Lang,
    order: CountryOrder,
) -> DbResult<Vec<CountryRow>> {
    let active = tally(conn, Tally::ActiveByCountry)?;
    // From the tallies too: grouping every city by country on each request
    // was most of the statistics page's time.
    let first_years: std::collections::HashMap<String, i64> =
        tally(conn, Tally::FirstJoinYearByCountry)?
            .into_iter()
            .collect();
    let countries: std::collections::HashMap<String, super::countries::Country> =
        super::countries::all(conn)?
            .into_iter()
            .map(|c| (c.code.to_string(), c))
            .collect();
    let mut rows: Vec<CountryRow> = active
        .into_iter()
        .filter(|(_, cities)| *cities > 0)
        .filter_map(|(code, cities)| {
            let country = countries.get(&code)?;
            Some(CountryRow {
                continent: country.continent,
                name: country.name(lang).to_string(),
                first_year: first_years
                    .get(&code)
                    .and_then(|year| i32::try_from(*year).ok()),
                code,
                cities,
            })
        })
        .collect();
    match order {
        CountryOrder::Continent => {
            rows.sort_by_cached_key(|r| (r.continent, lang.sort_key(&r.name)))
        }
        CountryOrder::Cities => {
            rows.sort_by_cached_key(|r| (std::cmp::Reverse(r.cities), lang.sort_key(&r.name)))
        }
        CountryOrder::FirstYear => {
            rows.sort_by_cached_key(|r| (r.first_year, lang.sort_key(&r.name)))
        }
        CountryOrder::Name => rows.sort_by_cached_key(|r| lang.sort_key(&r.name)),
    }
    Ok(rows)
}

/// The members by country page.
pub async fn countries_page(
    db: &Db,
    lang: crate::i18n::Lang,
    order: CountryOrder,
) -> Result<Vec<CountryRow>, MembershipError> {
    db.read(move |conn| Ok(by_country(conn, &lang, order)?))
        .await
}

/// What the statistics page shows: Table 4 and the joins per year.
pub async fn overview(db: &Db) -> Result<(Table4, Vec<(i32, i64)>), MembershipError> {
    db.read(|conn| Ok((table4(conn)?, joins_by_year(conn)?)))
        .await
}

/// What the statistics page's map needs: the active cities per country or
/// region (as the members by country), and every country's name in the
/// reader's language (the map titles countries without members too).
#[derive(Debug, Clone)]
pub struct MapFigures {
    pub table: Table4,
    pub years: Vec<(i32, i64)>,
    pub countries: Vec<CountryRow>,
    pub names: std::collections::HashMap<String, String>,
}

/// The statistics page: Table 4, the joins per year and the map's figures.
pub async fn page(db: &Db, lang: crate::i18n::Lang) -> Result<MapFigures, MembershipError> {
    db.read(move |conn| {
        let names = super::countries::all(conn)?
            .into_iter()
            .map(|c| (c.code.to_string(), c.name(&lang).to_string()))
            .collect();
        Ok(MapFigures {
            table: table4(conn)?,
            years: joins_by_year(conn)?,
            countries: by_country(conn, &lang, CountryOrder::Cities)?,
            names,
        })
    })
    .await
}

/// Table 4 alone (the home page's figures).
pub async fn totals(db: &Db) -> Result<Table4, MembershipError> {
    db.read(|conn| Ok(table4(conn)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_highest_value() {
        let bars = bars(&[("2019".into(), 10), ("2020".into(), 5), ("2021".into(), 0)]);
        assert_eq!(bars.len(), 3);
        assert_eq!(bars[0].height, CHART_HEIGHT - AXIS_SPACE - TOP_SPACE);
        assert_eq!(bars[1].height, (CHART_HEIGHT - AXIS_SPACE - TOP_SPACE) / 2);
        assert!(
            bars.iter().all(|b| b.y >= TOP_SPACE),
            "room for the values above the bars"
        );
        assert_eq!(bars[2].height, 0);
        assert!(bars[0].x < bars[1].x && bars[1].x < bars[2].x);
        assert!(bars.iter().all(|b| b.x + b.width <= CHART_WIDTH));
    }
}
