//! Demo data for `seed-demo`: poster sets in Japanese, English and Korean, and
//! a few exhibitions at officer cities of Table 5 on plausible dates.

use chrono::{Datelike, Duration};
use diesel::prelude::*;

use super::error::ExhibitionError;
use super::loans::{self, SetFields};
use super::models::{Format, SetStatus, Status};
use super::queries::{self, Details, Holder};
use super::zones;
use crate::db::{DbConn, DbResult};
use crate::domain::clock::today;
use crate::schema::member_cities;

/// (city, title, days from today to the opening, days, format, status, visitors)
type Planned = (
    &'static str,
    &'static str,
    i64,
    i64,
    Format,
    Status,
    Option<i32>,
);

const EXHIBITIONS: &[Planned] = &[
    (
        "Hannover",
        "A-bomb Poster Exhibition at the New Town Hall",
        -300,
        14,
        Format::Loan,
        Status::Returned,
        Some(2_400),
    ),
    (
        "Manchester",
        "Hiroshima and Nagasaki: the posters",
        -120,
        10,
        Format::Print,
        Status::Finished,
        Some(1_150),
    ),
    (
        "Ypres",
        "Peace posters in the Cloth Hall",
        40,
        21,
        Format::Loan,
        Status::Confirmed,
        None,
    ),
    (
        "Muntinlupa",
        "A-bomb Poster Exhibition",
        75,
        7,
        Format::Print,
        Status::Requested,
        None,
    ),
];

pub fn seed(conn: &mut DbConn) -> DbResult<usize> {
    let sets = [
        ("JA-01", "ja", Some("Hiroshima Peace Culture Foundation")),
        ("EN-01", "en", None),
        ("EN-02", "en", None),
        ("KO-01", "ko", None),
    ];
    let mut set_ids = Vec::new();
    for (code, language, _) in sets {
        set_ids.push((
            language,
            loans::insert_set(
                conn,
                &SetFields {
                    code: code.into(),
                    language: language.into(),
                    size: "B2, 30 panels".into(),
                    panels: 30,
                    condition: "good".into(),
                    location: super::workflow::HOME_LOCATION.into(),
                    status: SetStatus::InService,
                },
            )?,
        ));
    }
    let mut added = 0;
    for (name, title, offset, days, format, status, visitors) in EXHIBITIONS {
        let city: Option<(i64, String, String)> = member_cities::table
            .filter(member_cities::name_latin.eq(name))
            .select((
                member_cities::id,
                member_cities::country_code,
                member_cities::language,
            ))
            .first(conn)
            .optional()?;
        let Some((city_id, country, language)) = city else {
            continue;
        };
        let starts_on = today() + Duration::days(*offset);
        let details = Details {
            title: title.to_string(),
            venue: format!("{name} City Hall"),
            address: format!("{name}, {}", starts_on.year()),
            country_code: country.clone(),
            starts_on,
            ends_on: starts_on + Duration::days(days - 1),
            hours: Some(("10:00".into(), "17:00".into())),
            time_zone: zones::default_zone(&country).to_string(),
            expected_visitors: Some(1_000),
            poster_language: "en".into(),
            format: *format,
            publish: true,
        };
        let id = queries::insert(conn, &Holder::City { city_id }, &details, &language, None)?;
        if *format == Format::Loan {
            if let Some(exhibition) = queries::find(conn, id)? {
                for (_, set_id) in set_ids.iter().filter(|(l, _)| *l == "en") {
                    match loans::book(conn, &exhibition, *set_id, None) {
                        Ok(_) => break,
                        Err(ExhibitionError::Database(error)) => return Err(error),
                        Err(_) => {}
                    }
                }
            }
        }
        queries::set_status(conn, id, Status::Requested, *status, None)?;
        if let Some(v) = visitors {
            queries::save_report(conn, id, *v, None)?;
        }
        added += 1;
    }
    Ok(added)
}
