//! What staff do to the ledger, each in one transaction with its audit entry:
//! record a payment, waive years, reverse an entry, change the settings.

use super::error::DuesError;
use super::fiscal::FiscalYear;
use diesel::prelude::*;

use super::forms::{ParsedPayment, Payer};
use super::ledger::{self, NewPayment, RecordedPayment};
use super::models::EntryKind;
use super::settings::{self as dues_settings, DuesSettings};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::{FieldError, PlainLine};
use crate::membership::cities;
use crate::membership::models::MemberCity;
use crate::schema::dues_entries;
use crate::web::form::FormErrors;

/// What the payment form starts from: the city asked for (if any) and the settings.
pub async fn new_payment(
    db: &Db,
    city_id: Option<i64>,
) -> Result<(Option<MemberCity>, DuesSettings), DuesError> {
    db.read(move |conn| {
        let city = match city_id {
            Some(id) => cities::find(conn, id)?,
            None => None,
        };
        Ok((city, dues_settings::load(conn)?))
    })
    .await
}

/// The city the form names, by member number or by name; a name shared by
/// several cities, or none, is an error beside the field.
fn find_payer(conn: &mut DbConn, payer: &Payer) -> Result<MemberCity, DuesError> {
    let (found, unknown) = match payer {
        Payer::Number(number) => (
            cities::find_by_number(conn, *number)?.into_iter().collect(),
            "error-member-number-unknown",
        ),
        Payer::Name(name) => (
            cities::find_by_name(conn, name.as_str())?,
            "secretariat-payer-name-unknown",
        ),
    };
    let mut found: Vec<MemberCity> = found;
    let error = match found.len() {
        1 => return Ok(found.remove(0)),
        0 => unknown,
        _ => "secretariat-payer-name-several",
    };
    let mut errors = FormErrors::default();
    errors.add("member_number", FieldError(error));
    Err(DuesError::Invalid(errors))
}

/// The receipt number of a payment already recorded for the city with the
/// same amount, currency and date, and not reversed: likely the same money.
fn same_payment(conn: &mut DbConn, payment: &NewPayment) -> DbResult<Option<String>> {
    let money = payment.amount.money();
    let same: Vec<(i64, Option<String>)> = dues_entries::table
        .filter(dues_entries::city_id.eq(payment.city_id))
        .filter(dues_entries::kind.eq(EntryKind::Payment.as_str()))
        .filter(dues_entries::received_on.eq(payment.received_on))
        .filter(dues_entries::amount_minor.eq(money.minor_units))
        .filter(dues_entries::currency.eq(money.currency.code()))
        .select((dues_entries::id, dues_entries::receipt_number))
        .load(conn)?;
    for (id, receipt) in same {
        let reversals: i64 = dues_entries::table
            .filter(dues_entries::reverses_id.eq(id))
            .count()
            .get_result(conn)?;
        if reversals == 0 {
            return Ok(Some(receipt.unwrap_or_default()));
        }
    }
    Ok(None)
}

/// Records a payment for the city the form names, with its receipt number
/// (gapless per year: the counter is taken in this transaction). A likely
/// duplicate is refused unless staff confirmed it.
pub async fn record_payment(
    db: &Db,
    actor: &Actor,
    parsed: ParsedPayment,
) -> Result<RecordedPayment, DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = find_payer(conn, &parsed.payer)?;
        let settings = dues_settings::load(conn)?;
        let duplicate_ok = parsed.duplicate_ok;
        let payment = parsed.for_city(city.id);
        if !duplicate_ok {
            if let Some(receipt) = same_payment(conn, &payment)? {
                return Err(DuesError::LikelyDuplicate(receipt));
            }
        }
        Ok(ledger::record_payment(conn, &payment, &settings, &actor)?)
    })
    .await
}

/// Waives `years` for a city (a ledger entry like any other, and reversible).
pub async fn waive(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    years: Vec<FiscalYear>,
    reason: PlainLine,
) -> Result<i64, DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        cities::find(conn, city_id)?.ok_or(DuesError::NotFound)?;
        let settings = dues_settings::load(conn)?;
        Ok(ledger::record_waiver(
            conn,
            city_id,
            &years,
            &reason,
            today(),
            &settings,
            &actor,
        )?)
    })
    .await
}

/// The city an entry belongs to.
pub async fn city_of_entry(db: &Db, entry_id: i64) -> Result<i64, DuesError> {
    db.read(move |conn| {
        let entry = ledger::find_entry(conn, entry_id)?.ok_or(DuesError::NotFound)?;
        Ok(entry.city_id)
    })
    .await
}

/// Reverses an entry; returns the reversal's id. A second reversal is refused,
/// also when two race (the unique index on `reverses_id` refuses the later one).
pub async fn reverse(
    db: &Db,
    actor: &Actor,
    entry_id: i64,
    reason: PlainLine,
) -> Result<i64, DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| ledger::reverse(conn, entry_id, &reason, today(), &actor))
        .await
        .map_err(|error| match error {
            DuesError::Database(e) if e.is_unique_violation() => {
                DuesError::Refused(ledger::REVERSED_TWICE)
            }
            other => other,
        })
}

/// Saves the admins' settings; a new fee applies to the current and later years.
pub async fn save_settings(db: &Db, actor: &Actor, new: DuesSettings) -> Result<(), DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = dues_settings::load(conn)?;
        dues_settings::save(conn, &new)?;
        if before.fee_jpy != new.fee_jpy {
            ledger::set_fee_from(conn, new.calendar.year_of(today()), &new)?;
        }
        let summary = dues_settings::changes(&before, &new);
        Ok(audit::record(
            conn,
            &actor,
            Action::SettingsDues,
            "dues",
            summary,
        )?)
    })
    .await
}
