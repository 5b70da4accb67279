//! Figures for the public API that the pages show in another shape: active
//! member cities per country or region, with the country's names and continent.

use diesel::prelude::*;

use super::countries::{self, Country};
use super::error::MembershipError;
use super::models::MembershipStatus;
use crate::db::Db;
use crate::schema::member_cities;

/// Every country or region with active members, with their number, most first.
pub async fn active_by_country(db: &Db) -> Result<Vec<(Country, i64)>, MembershipError> {
    db.read(|conn| {
        let counts: Vec<(String, i64)> = member_cities::table
            .filter(member_cities::status.eq(MembershipStatus::Active.as_str()))
            .group_by(member_cities::country_code)
            .select((member_cities::country_code, diesel::dsl::count_star()))
            .load(conn)?;
        let all = countries::all(conn)?;
        let mut rows: Vec<(Country, i64)> = counts
            .into_iter()
            .filter_map(|(code, n)| {
                let country = all.iter().find(|c| c.code.as_str() == code)?;
                Some((country.clone(), n))
            })
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(&b.0.code)));
        Ok(rows)
    })
    .await
}
