//! The import's update mode: each row names a member city by its number and
//! gives new values for the columns the file has (the others are left alone).
//! The dry run lists, row by row, what would change, field by field; the
//! import writes every change in one transaction, or, if any row is bad,
//! nothing. Membership status is not changed here (a withdrawal has its own
//! form, with its date and reason): a row whose status columns disagree with
//! the city is refused.

use std::collections::{HashMap, HashSet};

use csv::StringRecord;
use diesel::prelude::*;

use super::columns::{parse_day, Column, JoinDate};
use super::import::{
    check_precision, required, status, Mode, Outcome, Problem, Refusal, RowErrors, Sheet,
    MAX_REASON,
};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn};
use crate::domain::{
    optional, parse_population, EmailAddress, FieldError, MultiLine, PhoneNumber, WebAddress,
};
use crate::i18n::Lang;
use crate::membership::countries::KnownCountries;
use crate::membership::error::MembershipError;
use crate::membership::models::MemberCity;
use crate::membership::records::{self, ChangeSource, FieldChange, NewValue};
use crate::schema::member_cities;

/// One row of an update file and what it changes (nothing, for a row that
/// gives the values the city has already).
#[derive(Debug, Clone)]
pub struct RowChanges {
    pub line: u64,
    pub member_number: i32,
    pub city_name: String,
    pub changes: Vec<FieldChange>,
}

/// A good row: the city it names and its new values.
struct RowUpdate {
    line: u64,
    city: MemberCity,
    values: Vec<NewValue>,
}

/// The cities the file names, by member number.
fn cities_by_number(conn: &mut DbConn) -> Result<HashMap<i32, MemberCity>, MembershipError> {
    Ok(member_cities::table
        .select(MemberCity::as_select())
        .load::<MemberCity>(conn)?
        .into_iter()
        .map(|city| (city.member_number, city))
        .collect())
}

/// The status columns must say what the city's record says.
fn check_standing(errors: &mut RowErrors, sheet: &Sheet, record: &StringRecord, city: &MemberCity) {
    let different = FieldError("import-error-status-not-here");
    if sheet.has(Column::Status) {
        match status(sheet.cell(record, Column::Status)) {
            Ok(status) if status == city.status => {}
            Ok(_) => errors.add(Column::Status, different),
            Err(error) => errors.add(Column::Status, error),
        }
    }
    if sheet.has(Column::WithdrawnOn) {
        match optional(sheet.cell(record, Column::WithdrawnOn), parse_day) {
            Ok(on) if on == city.withdrawn_on => {}
            Ok(_) => errors.add(Column::WithdrawnOn, different),
            Err(error) => errors.add(Column::WithdrawnOn, error),
        }
    }
    if sheet.has(Column::WithdrawalReason) {
        let cell = sheet.cell(record, Column::WithdrawalReason);
        match optional(cell, |c| MultiLine::parse(c, MAX_REASON)) {
            Ok(reason)
                if reason.as_ref().map(MultiLine::as_str) == city.withdrawal_reason.as_deref() => {}
            Ok(_) => errors.add(Column::WithdrawalReason, different),
            Err(error) => errors.add(Column::WithdrawalReason, error),
        }
    }
}

/// One row as the city it names and the new values of the columns the file
/// has, or every problem of the row.
fn parse_row(
    sheet: &Sheet,
    record: &StringRecord,
    cities: &HashMap<i32, MemberCity>,
    seen: &mut HashSet<i32>,
    countries: &KnownCountries,
) -> Result<(MemberCity, Vec<NewValue>), RowErrors> {
    use Column as C;
    let mut errors = RowErrors::default();
    let number = errors.check(
        C::MemberNumber,
        required(sheet.cell(record, C::MemberNumber), |cell| {
            let number = cell
                .parse::<i32>()
                .map_err(|_| FieldError("import-error-member-number"))?;
            if !cities.contains_key(&number) {
                return Err(FieldError("import-error-member-number-unknown"));
            }
            if !seen.insert(number) {
                return Err(FieldError("import-error-member-number-repeated"));
            }
            Ok(number)
        }),
    );
    let city = number.and_then(|n| cities.get(&n));
    let mut values = Vec::new();
    let mut take = |errors: &mut RowErrors,
                    column: Column,
                    parse: &dyn Fn(&str) -> Result<NewValue, FieldError>| {
        if sheet.has(column) {
            if let Some(value) = errors.check(column, parse(sheet.cell(record, column))) {
                values.push(value);
            }
        }
    };
    take(&mut errors, C::NameLatin, &|c| {
        required(c, records::latin_name).map(NewValue::NameLatin)
    });
    take(&mut errors, C::NameNative, &|c| {
        records::line(c).map(NewValue::NameNative)
    });
    take(&mut errors, C::CountryCode, &|c| {
        required(c, |c| {
            countries
                .check(c)
                .map_err(|_| FieldError("import-error-country"))
        })
        .map(NewValue::Country)
    });
    take(&mut errors, C::Province, &|c| {
        records::line(c).map(NewValue::Province)
    });
    take(&mut errors, C::MayorName, &|c| {
        records::line(c).map(NewValue::MayorName)
    });
    take(&mut errors, C::MayorTitle, &|c| {
        records::line(c).map(NewValue::MayorTitle)
    });
    take(&mut errors, C::ContactName, &|c| {
        records::line(c).map(NewValue::ContactName)
    });
    take(&mut errors, C::Email, &|c| {
        optional(c, EmailAddress::parse).map(NewValue::Email)
    });
    take(&mut errors, C::Phone, &|c| {
        optional(c, PhoneNumber::parse).map(NewValue::Phone)
    });
    take(&mut errors, C::PostalAddress, &|c| {
        records::address(c).map(NewValue::PostalAddress)
    });
    take(&mut errors, C::Website, &|c| {
        optional(c, WebAddress::parse).map(NewValue::Website)
    });
    take(&mut errors, C::Population, &|c| {
        optional(c, parse_population).map(NewValue::Population)
    });
    take(&mut errors, C::Language, &|c| {
        required(c, |c| {
            Lang::parse(c).ok_or(FieldError("import-error-language"))
        })
        .map(NewValue::Language)
    });
    let joined = if sheet.has(C::JoinDate) {
        let joined = errors.check(
            C::JoinDate,
            required(sheet.cell(record, C::JoinDate), JoinDate::parse),
        );
        if let Some(joined) = joined {
            values.push(NewValue::Joined(joined));
        }
        joined
    } else {
        city.map(JoinDate::of)
    };
    if sheet.has(C::JoinPrecision) {
        check_precision(&mut errors, sheet.cell(record, C::JoinPrecision), joined);
    }
    if let Some(city) = city {
        check_standing(&mut errors, sheet, record, city);
    }
    match city {
        Some(city) if errors.is_empty() => Ok((city.clone(), values)),
        _ => Err(errors),
    }
}

/// The good rows as updates, and every problem of the other rows.
fn check_rows(
    conn: &mut DbConn,
    sheet: &Sheet,
) -> Result<(Vec<RowUpdate>, Vec<Problem>), MembershipError> {
    let cities = cities_by_number(conn)?;
    let countries = KnownCountries::load(conn)?;
    let mut seen = HashSet::new();
    let mut updates = Vec::with_capacity(sheet.rows.len());
    let mut problems: Vec<Problem> = sheet.unreadable.clone();
    for (line, record) in &sheet.rows {
        match parse_row(sheet, record, &cities, &mut seen, &countries) {
            Ok((city, values)) => updates.push(RowUpdate {
                line: *line,
                city,
                values,
            }),
            Err(errors) => problems.extend(errors.into_problems(*line)),
        }
    }
    problems.sort_by_key(|problem| problem.line);
    Ok((updates, problems))
}

/// Every row as an update, or, if any row is bad, the refusal of the file.
fn all_rows(conn: &mut DbConn, sheet: &Sheet) -> Result<Vec<RowUpdate>, MembershipError> {
    let (updates, problems) = check_rows(conn, sheet)?;
    if problems.is_empty() {
        Ok(updates)
    } else {
        Err(MembershipError::ImportRefused(Refusal::Problems {
            problems,
            good_rows: updates.len(),
        }))
    }
}

/// The dry run lists each row's changes; the import writes them all, each
/// city's audited with before and after, in one transaction, or nothing.
pub(super) async fn update(
    db: &Db,
    actor: &Actor,
    sheet: Sheet,
    file_name: String,
    mode: Mode,
) -> Result<Outcome, MembershipError> {
    if mode == Mode::DryRun {
        return db
            .read(move |conn| {
                let (updates, problems) = check_rows(conn, &sheet)?;
                let rows = updates
                    .into_iter()
                    .map(|row| {
                        let (_, changes) = records::preview(&row.city, row.values);
                        RowChanges {
                            line: row.line,
                            member_number: row.city.member_number,
                            city_name: row.city.name_latin.clone(),
                            changes,
                        }
                    })
                    .collect();
                Ok(Outcome::Changes { rows, problems })
            })
            .await;
    }
    let actor = actor.clone();
    db.transaction(move |conn| {
        let rows = all_rows(conn, &sheet)?;
        let (mut cities, mut fields, mut figures) = (0, 0, false);
        for row in rows {
            let changes = records::apply(
                conn,
                &row.city,
                row.values,
                ChangeSource::Import,
                actor.user_id,
            )?;
            if changes.is_empty() {
                continue;
            }
            cities += 1;
            fields += changes.len();
            figures |= records::affects_figures(&changes);
            let summary = format!(
                "{} (from {file_name})",
                records::summary(&row.city.name_latin, &changes)
            );
            audit::record(conn, &actor, Action::MemberEdit, row.city.id, summary)?;
        }
        if figures {
            crate::membership::statistics::refresh_tallies(conn)?;
        }
        let summary = format!("{fields} fields of {cities} member cities updated from {file_name}");
        audit::record_general(conn, &actor, Action::MemberImport, summary)?;
        Ok(Outcome::Updated { cities, fields })
    })
    .await
}
