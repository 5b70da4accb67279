//! The export: every city the directory's filter matches, as the file.

use super::columns::{neutralise, Column, JoinDate, UTF8_BOM};
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::membership::cities::{self, DirectoryFilter};
use crate::membership::error::MembershipError;
use crate::membership::models::MemberCity;

/// One cell of a city's row, before neutralising.
fn export_cell(city: &MemberCity, column: Column) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    match column {
        Column::MemberNumber => city.member_number.to_string(),
        Column::NameLatin => city.name_latin.clone(),
        Column::NameNative => text(&city.name_native),
        Column::CountryCode => city.country_code.to_string(),
        Column::Province => text(&city.province),
        Column::MayorName => text(&city.mayor_name),
        Column::MayorTitle => text(&city.mayor_title),
        Column::ContactName => text(&city.contact_name),
        Column::Email => text(&city.email),
        Column::Phone => text(&city.phone),
        Column::PostalAddress => text(&city.postal_address),
        Column::Website => text(&city.website),
        Column::Population => city.population.map(|p| p.to_string()).unwrap_or_default(),
        Column::Language => city.language.clone(),
        Column::JoinDate => JoinDate::of(city).to_string(),
        Column::JoinPrecision => city.join_precision.as_str().to_string(),
        Column::Status => city.status.as_str().to_string(),
        Column::WithdrawnOn => city
            .withdrawn_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Column::WithdrawalReason => text(&city.withdrawal_reason),
    }
}

/// The file: a UTF-8 BOM, the header row, one row per city; CRLF line ends as
/// RFC 4180 and Excel expect.
pub fn export_csv(cities: &[MemberCity]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    writer.write_record(Column::ALL.map(Column::name))?;
    for city in cities {
        writer.write_record(Column::ALL.map(|column| neutralise(export_cell(city, column))))?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// Every city the directory's filter matches (all pages), audited: every
/// member's contact details leave the system, which is worth a record.
pub async fn members(
    db: &Db,
    actor: &Actor,
    filter: DirectoryFilter,
) -> Result<Vec<MemberCity>, MembershipError> {
    let actor = actor.clone();
    let today = crate::domain::clock::today();
    db.transaction(move |conn| {
        let members = cities::search_all(conn, &filter, false, today)?;
        let summary = format!(
            "{} cities exported as CSV ({})",
            members.len(),
            filter.query_without_page()
        );
        audit::record_general(conn, &actor, Action::MemberExport, summary)?;
        Ok(members)
    })
    .await
}
