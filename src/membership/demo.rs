//! `solidarity seed-demo`: the officers of the paper's Table 5, the fourteen
//! Korean members of 2019 with their join months, and synthetic cities marked
//! as demo data, so that the statistics page reproduces Table 4 exactly:
//! 7,854 cities in 163 countries and regions (December 2019).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::cities::{self, NewCity};
use super::countries::Continent;
use super::models::{JoinPrecision, MembershipStatus, RoleKind};
use crate::db::{DbConn, DbResult};
use crate::schema::{countries, member_cities};

/// Table 4 of the paper: (continent, countries and regions, cities).
pub const TABLE_4: [(Continent, usize, usize); 6] = [
    (Continent::Asia, 31, 3231),
    (Continent::Oceania, 9, 131),
    (Continent::Africa, 47, 431),
    (Continent::Europe, 48, 3032),
    (Continent::NorthAmerica, 3, 328),
    (Continent::LatinAmerica, 25, 701),
];

/// Table 5: (city, country code, role, also a lead city).
const OFFICERS: [(&str, &str, RoleKind, bool); 27] = [
    ("Hiroshima", "JP", RoleKind::President, true),
    ("Nagasaki", "JP", RoleKind::VicePresident, true),
    ("Hannover", "DE", RoleKind::VicePresident, true),
    ("Volgograd", "RU", RoleKind::VicePresident, true),
    ("Malakoff", "FR", RoleKind::VicePresident, true),
    ("Muntinlupa", "PH", RoleKind::VicePresident, true),
    ("Manchester", "GB", RoleKind::VicePresident, true),
    ("Ypres", "BE", RoleKind::VicePresident, true),
    ("Biograd na Moru", "HR", RoleKind::VicePresident, true),
    ("Granollers", "ES", RoleKind::VicePresident, true),
    ("Halabja", "IQ", RoleKind::VicePresident, true),
    ("Fongo-Tongo", "CM", RoleKind::VicePresident, true),
    ("Mexico City", "MX", RoleKind::VicePresident, true),
    ("Frogn", "NO", RoleKind::VicePresident, false),
    ("Des Moines", "US", RoleKind::VicePresident, true),
    ("Bangkok", "TH", RoleKind::Executive, true),
    ("Fremantle", "AU", RoleKind::Executive, true),
    ("Sarajevo", "BA", RoleKind::Executive, true),
    ("Semey", "KZ", RoleKind::Executive, true),
    ("Cochin", "IN", RoleKind::Executive, true),
    ("Montreal", "CA", RoleKind::Executive, true),
    ("Wellington", "NZ", RoleKind::Executive, true),
    ("Santos", "BR", RoleKind::Executive, true),
    ("Cartago", "CR", RoleKind::Executive, true),
    ("Tehran", "IR", RoleKind::Executive, true),
    ("Grigny", "FR", RoleKind::Executive, true),
    ("Cervia", "IT", RoleKind::Executive, true),
];

/// Korean members in 2019, in order of joining (year, month: the paper gives months only).
const KOREAN_MEMBERS: [(&str, &str, i32, u32); 14] = [
    ("Jeju City", "제주시", 2006, 7),
    ("Daegu", "대구광역시", 2007, 7),
    ("Hongcheon", "홍천군", 2009, 6),
    ("Pohang", "포항시", 2010, 5),
    ("Hapcheon", "합천군", 2011, 2),
    ("Gwangju", "광주광역시", 2011, 8),
    ("Gangjeong", "강정마을", 2011, 9),
    ("Gyeryong", "계룡시", 2012, 2),
    ("Goyang", "고양시", 2012, 3),
    ("Pyeongtaek", "평택시", 2012, 3),
    ("Changwon", "창원시", 2014, 12),
    ("Gimpo", "김포시", 2015, 4),
    (
        "Jeju Special Self-Governing Province",
        "제주특별자치도",
        2017,
        6,
    ),
    ("Incheon", "인천광역시", 2019, 7),
];

/// Native names of the officer cities that have them in Japanese.
fn native_name(city: &str) -> Option<&'static str> {
    match city {
        "Hiroshima" => Some("広島市"),
        "Nagasaki" => Some("長崎市"),
        _ => None,
    }
}

/// When the terms in Table 5 are taken to start (the paper describes 2019).
fn term_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).expect("a valid date")
}

pub struct Seeded {
    pub cities: usize,
    pub countries: usize,
}

/// Loads the demo data; refuses when it is there already, so it can't double.
pub fn seed(conn: &mut DbConn) -> DbResult<Option<Seeded>> {
    let already: i64 = member_cities::table
        .filter(member_cities::demo.eq(true))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Ok(None);
    }
    let plan = plan(conn)?;
    let first_number = cities::next_member_number(conn)?;
    let numbers: Vec<i32> = (0..plan.len())
        .map(|i| first_number + i32::try_from(i).unwrap_or(0))
        .collect();
    let emails: Vec<String> = numbers.iter().map(|n| demo_email(*n)).collect();
    let new_cities: Vec<NewCity> = plan
        .iter()
        .zip(numbers.iter().zip(&emails))
        .map(|(city, (number, email))| city.to_new_city(*number, email))
        .collect();
    cities::insert_many(conn, &new_cities, None)?;
    add_officer_roles(conn)?;
    let countries: std::collections::HashSet<&str> =
        plan.iter().map(|c| c.country_code.as_str()).collect();
    Ok(Some(Seeded {
        cities: plan.len(),
        countries: countries.len(),
    }))
}

/// One city to create.
struct PlannedCity {
    name_latin: String,
    name_native: Option<String>,
    country_code: String,
    join_date: NaiveDate,
    precision: JoinPrecision,
}

/// A demo city's address: at example.org, reserved for examples (RFC 2606), so
/// a campaign to demo cities reaches no real inbox; without SMTP_URL each
/// message lands in DATA_DIR/mail as an .eml file to read.
pub fn demo_email(member_number: i32) -> String {
    format!("city-{member_number}@example.org")
}

impl PlannedCity {
    fn to_new_city<'a>(&'a self, member_number: i32, email: &'a str) -> NewCity<'a> {
        NewCity {
            member_number,
            name_latin: &self.name_latin,
            name_native: self.name_native.as_deref(),
            country_code: &self.country_code,
            province: None,
            mayor_name: None,
            mayor_title: Some("Mayor"),
            contact_name: None,
            email: Some(email),
            phone: None,
            postal_address: None,
            website: None,
            population: None,
            language: if self.country_code == "JP" {
                "ja"
            } else if self.country_code == "KR" {
                "ko"
            } else {
                "en"
            },
            join_date: self.join_date,
            join_precision: self.precision,
            status: MembershipStatus::Active,
            withdrawn_on: None,
            withdrawal_reason: None,
            application_id: None,
            demo: true,
        }
    }
}

/// The named cities of the paper, then synthetic cities so that every continent
/// has Table 4's numbers of countries and of cities.
fn plan(conn: &mut DbConn) -> DbResult<Vec<PlannedCity>> {
    let mut planned: Vec<PlannedCity> = Vec::new();
    let founding = NaiveDate::from_ymd_opt(1982, 6, 1).expect("a valid date");
    for (name, code, _, _) in OFFICERS {
        let founder = matches!(name, "Hiroshima" | "Nagasaki");
        planned.push(PlannedCity {
            name_latin: name.into(),
            name_native: native_name(name).map(str::to_string),
            country_code: code.into(),
            join_date: if founder {
                founding
            } else {
                synthetic_join_date(planned.len())
            },
            precision: if founder {
                JoinPrecision::Month
            } else {
                JoinPrecision::Day
            },
        });
    }
    for (name, native, year, month) in KOREAN_MEMBERS {
        planned.push(PlannedCity {
            name_latin: name.into(),
            name_native: Some(native.into()),
            country_code: "KR".into(),
            join_date: NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month"),
            precision: JoinPrecision::Month,
        });
    }
    let all_countries: Vec<(String, String, String)> = countries::table
        .filter(countries::iso.eq(true))
        .order(countries::code.asc())
        .select((countries::code, countries::name_en, countries::continent))
        .load(conn)?;
    for (continent, country_count, city_count) in TABLE_4 {
        let named: Vec<String> = planned
            .iter()
            .filter(|c| continent_of(&all_countries, &c.country_code) == Some(continent))
            .map(|c| c.country_code.clone())
            .collect();
        let mut chosen: Vec<String> = Vec::new();
        for code in &named {
            if !chosen.contains(code) {
                chosen.push(code.clone());
            }
        }
        for (code, _, c) in &all_countries {
            if chosen.len() >= country_count {
                break;
            }
            if c == continent.as_str() && !chosen.contains(code) {
                chosen.push(code.clone());
            }
        }
        let missing = city_count.saturating_sub(named.len());
        // Every chosen country gets at least one city; the rest go round in turn,
        // except to Korea, whose fourteen members the paper lists in full.
        let without_city: Vec<&String> =
            chosen.iter().filter(|code| !named.contains(code)).collect();
        let open: Vec<&String> = chosen.iter().filter(|code| code.as_str() != "KR").collect();
        for n in 0..missing {
            let code = if n < without_city.len() {
                without_city[n].clone()
            } else {
                open[n % open.len()].clone()
            };
            let country_name = all_countries
                .iter()
                .find(|(c, _, _)| *c == code)
                .map(|(_, name, _)| name.clone())
                .unwrap_or_default();
            planned.push(PlannedCity {
                name_latin: format!("{country_name} Demo City {}", n + 1),
                name_native: None,
                country_code: code,
                join_date: synthetic_join_date(planned.len()),
                precision: JoinPrecision::Day,
            });
        }
    }
    Ok(planned)
}

fn continent_of(countries: &[(String, String, String)], code: &str) -> Option<Continent> {
    countries
        .iter()
        .find(|(c, _, _)| c == code)
        .and_then(|(_, _, continent)| Continent::parse(continent))
}

/// Join dates from 1982 to 2019, most of them after the 2003 "2020 Vision"
/// campaign, as the association grew; deterministic so every seed is the same.
fn synthetic_join_date(n: usize) -> NaiveDate {
    let spread = (n as u64).wrapping_mul(2_654_435_761) % 10_000;
    let year = if spread < 1_000 {
        1982 + (spread % 21) as i32
    } else {
        2003 + (spread % 17) as i32
    };
    let day_of_year = (spread * 7 % 360) as u32 + 1;
    NaiveDate::from_yo_opt(year, day_of_year)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).expect("a valid date"))
}

fn add_officer_roles(conn: &mut DbConn) -> DbResult<()> {
    for (name, code, role, lead) in OFFICERS {
        let city_id: i64 = member_cities::table
            .filter(member_cities::name_latin.eq(name))
            .filter(member_cities::country_code.eq(code))
            .filter(member_cities::demo.eq(true))
            .select(member_cities::id)
            .first(conn)?;
        cities::add_role(conn, city_id, role, term_start(), None)?;
        if lead {
            let lead_id = cities::add_role(conn, city_id, RoleKind::Lead, term_start(), None)?;
            // A lead city leads the members of its own country.
            if let Ok(country) = crate::domain::CountryCode::parse(code) {
                super::roles::set_regions(conn, lead_id, &[country])?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_4_adds_up_to_the_papers_totals() {
        let countries: usize = TABLE_4.iter().map(|(_, c, _)| c).sum();
        let cities: usize = TABLE_4.iter().map(|(_, _, c)| c).sum();
        assert_eq!((countries, cities), (163, 7854));
    }

    #[test]
    fn synthetic_join_dates_stay_within_the_associations_history() {
        for n in 0..10_000 {
            let date = synthetic_join_date(n);
            assert!(
                date >= NaiveDate::from_ymd_opt(1982, 1, 1).unwrap()
                    && date <= NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()
            );
        }
    }
}
