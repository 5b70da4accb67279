//! Gentle reminders: staff invite the cities that have not contributed for a
//! year to do so, through the outbox and in each city's language. A city is
//! reminded at most once per interval (180 days unless the admins say
//! otherwise), and never when it has opted out.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::emails;
use super::error::DuesError;
use super::fiscal::FiscalYear;
use super::ledger::{self, YearLedger, YearPosition};
use super::models::DuesStatus;
use super::settings::{self as dues_settings, DuesSettings, PaymentContact};
use super::YearQuery;
use crate::audit::{self, Action, Actor};
use crate::db::{self, Db, DbConn, DbResult};
use crate::domain::clock::{now, today};
use crate::domain::EmailAddress;
use crate::mail;
use crate::membership::models::MemberCity;
use crate::schema::{dues_reminder_opt_outs, dues_reminders};

/// Any number, the same in every instance: serialises reminder runs on PostgreSQL.
const REMINDER_LOCK_ID: i64 = 0x5011_d0e5;

/// Who a reminder run for a year would reach, and who it leaves out and why.
/// Cities that paid or were waived are not in it at all.
pub struct ReminderPlan {
    pub year: FiscalYear,
    pub to_remind: Vec<(MemberCity, EmailAddress, YearPosition)>,
    pub opted_out: Vec<MemberCity>,
    pub recently_reminded: Vec<MemberCity>,
    pub without_email: Vec<MemberCity>,
}

impl ReminderPlan {
    /// How many languages the reminders go out in (each city's own).
    pub fn languages(&self) -> usize {
        let codes: HashSet<String> = self
            .to_remind
            .iter()
            .map(|(city, _, _)| city.lang().code())
            .collect();
        codes.len()
    }
}

/// What staff confirm on the reminders page: the year and the number of
/// reminders the page showed. A run whose plan no longer has that number is
/// refused, so nothing goes out that staff did not see.
#[derive(Debug, Clone, Copy)]
pub struct Confirmed {
    pub year: FiscalYear,
    pub reminders: usize,
}

fn wants_reminder(position: &YearPosition) -> bool {
    matches!(
        position.status(),
        DuesStatus::Unpaid | DuesStatus::PartlyPaid
    )
}

pub fn opted_out_cities(conn: &mut DbConn) -> DbResult<HashSet<i64>> {
    Ok(dues_reminder_opt_outs::table
        .select(dues_reminder_opt_outs::city_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

pub fn is_opted_out(conn: &mut DbConn, city_id: i64) -> DbResult<bool> {
    let found: i64 = dues_reminder_opt_outs::table
        .filter(dues_reminder_opt_outs::city_id.eq(city_id))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Cities reminded (for any year) since `since`.
fn reminded_since(conn: &mut DbConn, since: NaiveDateTime) -> DbResult<HashSet<i64>> {
    Ok(dues_reminders::table
        .filter(dues_reminders::created_at.gt(since))
        .select(dues_reminders::city_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// When a city was last reminded, if ever.
pub fn last_reminded(conn: &mut DbConn, city_id: i64) -> DbResult<Option<NaiveDateTime>> {
    Ok(dues_reminders::table
        .filter(dues_reminders::city_id.eq(city_id))
        .select(diesel::dsl::max(dues_reminders::created_at))
        .first(conn)?)
}

pub fn plan(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
    now: NaiveDateTime,
) -> DbResult<ReminderPlan> {
    let ledger = YearLedger::load(conn, year, settings)?;
    let opted_out = opted_out_cities(conn)?;
    let recent = reminded_since(conn, now - Duration::days(settings.reminder_interval_days))?;
    let mut plan = ReminderPlan {
        year,
        to_remind: Vec::new(),
        opted_out: Vec::new(),
        recently_reminded: Vec::new(),
        without_email: Vec::new(),
    };
    for city in ledger::expected_cities(conn, year, settings)? {
        let position = ledger.position(city.id);
        if !wants_reminder(&position) {
            continue;
        }
        if opted_out.contains(&city.id) {
            plan.opted_out.push(city);
        } else if recent.contains(&city.id) {
            plan.recently_reminded.push(city);
        } else {
            match emails::city_address(&city) {
                Some(address) => plan.to_remind.push((city, address, position)),
                None => plan.without_email.push(city),
            }
        }
    }
    Ok(plan)
}

/// Keeps two reminder runs from overlapping. SQLite's immediate transaction
/// already admits one writer; PostgreSQL needs a lock, or two runs started at
/// once could both find a city not yet reminded.
fn lock_reminder_runs(conn: &mut DbConn) -> DbResult<()> {
    if let db::DbConn::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(REMINDER_LOCK_ID)
            .execute(pg)?;
    }
    Ok(())
}

/// Rows per multi-row INSERT of reminders (4 values each).
const REMINDER_ROWS: usize = 1000;

/// One reminder row per city of the plan, with multi-row inserts (thousands of
/// cities in one run); returns each city's reminder id.
fn insert_reminders(
    conn: &mut DbConn,
    plan: &ReminderPlan,
    actor: &Actor,
    now: NaiveDateTime,
) -> DbResult<HashMap<i64, i64>> {
    let mut ids = HashMap::with_capacity(plan.to_remind.len());
    for chunk in plan.to_remind.chunks(REMINDER_ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(city, _, _)| {
                (
                    dues_reminders::city_id.eq(city.id),
                    dues_reminders::fiscal_year.eq(plan.year.number()),
                    dues_reminders::sent_by.eq(actor.user_id),
                    dues_reminders::created_at.eq(now),
                )
            })
            .collect();
        // RETURNING gives the rows in no promised order: pair them by city.
        let inserted: Vec<(i64, i64)> =
            crate::on_backend!(conn, |c| diesel::insert_into(dues_reminders::table)
                .values(&rows)
                .returning((dues_reminders::city_id, dues_reminders::id))
                .get_results(c))?;
        ids.extend(inserted);
    }
    Ok(ids)
}

/// Records on each new reminder of `year` the outbox row of its email, in one
/// statement (the same SQL on both backends).
fn link_reminders_to_their_emails(conn: &mut DbConn, year: FiscalYear) -> DbResult<()> {
    let sql = "UPDATE dues_reminders SET outbox_id = (SELECT outbox.id FROM outbox \
               WHERE outbox.reference_type = 'dues_reminder' \
               AND outbox.reference_id = CAST(dues_reminders.id AS TEXT)) \
               WHERE dues_reminders.fiscal_year = $1 AND dues_reminders.outbox_id IS NULL";
    crate::on_backend!(conn, |c| diesel::sql_query(sql)
        .bind::<diesel::sql_types::Integer, _>(year.number())
        .execute(c))?;
    Ok(())
}

/// Queues a reminder for every city of the plan, inside the caller's write
/// transaction; returns the plan that was carried out.
pub fn send(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
    contact: &PaymentContact,
    actor: &Actor,
    base_url: &str,
) -> DbResult<ReminderPlan> {
    lock_reminder_runs(conn)?;
    let now = now();
    let plan = plan(conn, year, settings, now)?;
    let reminder_ids = insert_reminders(conn, &plan, actor, now)?;
    let mut emails = Vec::with_capacity(plan.to_remind.len());
    for (city, address, position) in &plan.to_remind {
        let reminder_id = *reminder_ids
            .get(&city.id)
            .ok_or(diesel::result::Error::NotFound)?;
        emails.push((
            format!("dues-reminder-{reminder_id}"),
            emails::reminder(
                city,
                address,
                position,
                settings.calendar,
                contact,
                base_url,
            ),
            mail::Reference::new("dues_reminder", reminder_id),
        ));
    }
    let each: Vec<_> = emails
        .iter()
        .map(|(key, email, reference)| (key.as_str(), email, reference))
        .collect();
    mail::outbox::enqueue_each(conn, &each)?;
    link_reminders_to_their_emails(conn, year)?;
    let summary = format!(
        "FY{year}: {} reminders queued; not sent: {} opted out, {} reminded within {} days, {} without email",
        plan.to_remind.len(),
        plan.opted_out.len(),
        plan.recently_reminded.len(),
        settings.reminder_interval_days,
        plan.without_email.len()
    );
    audit::record(conn, actor, Action::DuesReminders, year, summary)?;
    Ok(plan)
}

/// Turns a city's reminders off or on; returns whether anything changed.
pub fn set_opt_out(
    conn: &mut DbConn,
    city: &MemberCity,
    opt_out: bool,
    actor: &Actor,
) -> DbResult<bool> {
    let was_out = is_opted_out(conn, city.id)?;
    if was_out == opt_out {
        return Ok(false);
    }
    if opt_out {
        // A savepoint: if the city and staff turn reminders off at the same
        // moment, the second insert meets the first and there is nothing to do.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(dues_reminder_opt_outs::table)
                .values((
                    dues_reminder_opt_outs::city_id.eq(city.id),
                    dues_reminder_opt_outs::opted_out_by.eq(actor.user_id),
                    dues_reminder_opt_outs::created_at.eq(now()),
                ))
                .execute(conn)
        });
        match inserted.map_err(db::DbError::from) {
            Ok(_) => {}
            Err(e) if e.is_unique_violation() => return Ok(false),
            Err(e) => return Err(e),
        }
    } else {
        diesel::delete(dues_reminder_opt_outs::table.find(city.id)).execute(conn)?;
    }
    let (action, turned) = if opt_out {
        (Action::DuesRemindersOff, "off")
    } else {
        (Action::DuesRemindersOn, "on")
    };
    let summary = format!("{}: dues reminders turned {turned}", city.name_latin);
    audit::record(conn, actor, action, city.id, summary)?;
    Ok(true)
}

/// The plan of a reminder run for the year asked (the current one by default),
/// with the settings it follows and the payment details it would print.
pub async fn plan_for(
    db: &Db,
    query: YearQuery,
) -> Result<(ReminderPlan, DuesSettings, PaymentContact), DuesError> {
    db.read(move |conn| {
        let settings = dues_settings::load(conn)?;
        let contact = dues_settings::load_contact(conn)?;
        let year = query.year_or_current(&settings, today());
        Ok((plan(conn, year, &settings, now())?, settings, contact))
    })
    .await
}

/// Reminds every city of the year's plan, in one transaction (reminders and
/// their emails in multi-row inserts); returns how many were reminded.
/// `confirmed`: what staff saw and confirmed (the scheduled job confirms
/// nothing); a plan that differs from it is refused and nothing is sent.
pub async fn run(
    db: &Db,
    actor: &Actor,
    year: FiscalYear,
    confirmed: Option<Confirmed>,
    base_url: &str,
) -> Result<usize, DuesError> {
    let actor = actor.clone();
    let base_url = base_url.to_string();
    db.transaction(move |conn| {
        let settings = dues_settings::load(conn)?;
        let contact = dues_settings::load_contact(conn)?;
        if !contact.is_complete() {
            return Err(DuesError::Refused("secretariat-reminders-need-contact"));
        }
        let plan = send(conn, year, &settings, &contact, &actor, &base_url)?;
        if let Some(confirmed) = confirmed {
            if confirmed.year != year || confirmed.reminders != plan.to_remind.len() {
                return Err(DuesError::Refused("secretariat-reminders-changed"));
            }
        }
        Ok(plan.to_remind.len())
    })
    .await
}

/// Turns a city's reminders off or on; returns whether anything changed.
pub async fn set_city_opt_out(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    opt_out: bool,
) -> Result<bool, DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = crate::membership::cities::find(conn, city_id)?.ok_or(DuesError::NotFound)?;
        Ok(set_opt_out(conn, &city, opt_out, &actor)?)
    })
    .await
}

/// Admins set the bank details and contact address printed in reminders.
pub async fn save_payment_contact(
    db: &Db,
    actor: &Actor,
    contact: PaymentContact,
) -> Result<(), DuesError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let summary = dues_settings::save_contact(conn, &contact)?;
        let summary = format!("reminder payment details: {summary}");
        audit::record(conn, &actor, Action::SettingsDues, "dues", summary)?;
        Ok(())
    })
    .await
}
