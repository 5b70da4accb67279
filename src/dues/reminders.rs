//! Gentle reminders: staff invite the cities that have not contributed for a
//! year to do so, through the outbox and in each city's language. A city is
//! reminded at most once per interval (180 days unless the admins say
//! otherwise), and never when it has opted out.

use std::collections::HashSet;

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;

use super::emails;
use super::fiscal::FiscalYear;
use super::ledger::{self, YearLedger, YearPosition};
use super::models::DuesStatus;
use super::settings::{self as dues_settings, DuesSettings};
use super::{year_choices, YearQuery};
use crate::audit;
use crate::auth::User;
use crate::db::{self, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::EmailAddress;
use crate::mail;
use crate::membership::models::MemberCity;
use crate::schema::{dues_reminder_opt_outs, dues_reminders};
use crate::web::flash::{self, Level};
use crate::web::page::Plain;
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, SignedIn, Staff};

/// Any number, the same in every instance: serialises reminder runs on PostgreSQL.
const REMINDER_LOCK_ID: i64 = 0x5011_d0e5;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(reminders_page)
        .service(send_reminders)
        .service(staff_set_opt_out)
        .service(city_set_opt_out);
}

/// Who a reminder run for a year would reach, and who it leaves out and why.
/// Cities that paid or were waived are not in it at all.
pub struct ReminderPlan {
    pub year: FiscalYear,
    pub to_remind: Vec<(MemberCity, EmailAddress, YearPosition)>,
    pub opted_out: Vec<MemberCity>,
    pub recently_reminded: Vec<MemberCity>,
    pub without_email: Vec<MemberCity>,
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
    actor: &User,
    now: NaiveDateTime,
) -> DbResult<std::collections::HashMap<i64, i64>> {
    let mut ids = std::collections::HashMap::with_capacity(plan.to_remind.len());
    for chunk in plan.to_remind.chunks(REMINDER_ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(city, _, _)| {
                (
                    dues_reminders::city_id.eq(city.id),
                    dues_reminders::fiscal_year.eq(plan.year.number()),
                    dues_reminders::sent_by.eq(Some(actor.id)),
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
    actor: &User,
    ip: Option<String>,
    base_url: &str,
) -> DbResult<ReminderPlan> {
    lock_reminder_runs(conn)?;
    let now = crate::domain::clock::now();
    let plan = plan(conn, year, settings, now)?;
    let reminder_ids = insert_reminders(conn, &plan, actor, now)?;
    let mut emails = Vec::with_capacity(plan.to_remind.len());
    for (city, address, position) in &plan.to_remind {
        let reminder_id = *reminder_ids
            .get(&city.id)
            .ok_or(diesel::result::Error::NotFound)?;
        emails.push((
            format!("dues-reminder-{reminder_id}"),
            emails::reminder(city, address, position, settings.calendar, base_url),
            mail::Reference::new("dues_reminder", reminder_id),
        ));
    }
    let each: Vec<_> = emails
        .iter()
        .map(|(key, email, reference)| (key.as_str(), email, reference))
        .collect();
    mail::outbox::enqueue_each(conn, &each)?;
    link_reminders_to_their_emails(conn, year)?;
    audit::record_entry(
        conn,
        audit::Entry {
            actor: Some(actor),
            action: "dues.reminders",
            entity_type: "dues_year",
            entity_id: Some(year.to_string()),
            summary: format!(
                "FY{year}: {} reminders queued; not sent: {} opted out, {} reminded within {} days, {} without email",
                plan.to_remind.len(),
                plan.opted_out.len(),
                plan.recently_reminded.len(),
                settings.reminder_interval_days,
                plan.without_email.len()
            ),
            ip,
        },
    )?;
    Ok(plan)
}

/// Turns a city's reminders off or on; returns whether anything changed.
pub fn set_opt_out(
    conn: &mut DbConn,
    city: &MemberCity,
    opt_out: bool,
    actor: &User,
    ip: Option<String>,
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
                    dues_reminder_opt_outs::opted_out_by.eq(Some(actor.id)),
                    dues_reminder_opt_outs::created_at.eq(crate::domain::clock::now()),
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
    audit::record_entry(
        conn,
        audit::Entry {
            actor: Some(actor),
            action: if opt_out {
                "dues.reminders_off"
            } else {
                "dues.reminders_on"
            },
            entity_type: "member_city",
            entity_id: Some(city.id.to_string()),
            summary: format!(
                "{}: dues reminders turned {}",
                city.name_latin,
                if opt_out { "off" } else { "on" }
            ),
            ip,
        },
    )?;
    Ok(true)
}

#[derive(Template)]
#[template(path = "dues/reminders.html")]
struct RemindersPage {
    ctx: PageCtx,
    plan: ReminderPlan,
    year_label: String,
    years: Vec<(FiscalYear, String)>,
    interval_days: i64,
}

/// Cities listed by name on the reminders page, per group: enough to check,
/// few enough that the page stays light with thousands of members.
const LISTED_CITIES: usize = 100;

impl RemindersPage {
    fn counted(&self, key: &str, count: impl Plain<i64>) -> String {
        super::counted(&self.ctx.lang, key, count)
    }

    fn listed<'a, T>(&self, cities: &'a [T]) -> &'a [T] {
        &cities[..cities.len().min(LISTED_CITIES)]
    }

    /// "… and 7,754 more" under a list that was cut.
    fn not_listed(&self, total: usize) -> Option<String> {
        let more = total.checked_sub(LISTED_CITIES).filter(|n| *n > 0)?;
        Some(self.counted(
            "dues-reminders-more",
            i64::try_from(more).unwrap_or(i64::MAX),
        ))
    }
}

#[get("/staff/dues/reminders")]
async fn reminders_page(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let requested = query.into_inner();
    let (plan, settings) = state
        .db
        .run(move |conn| {
            let settings = dues_settings::load(conn)?;
            let year = requested.year_or_current(&settings, today());
            Ok((
                plan(conn, year, &settings, crate::domain::clock::now())?,
                settings,
            ))
        })
        .await?;
    let lang = staff.ctx.lang;
    render(&RemindersPage {
        year_label: plan.year.label(&lang),
        years: year_choices(&settings, today(), &lang),
        interval_days: settings.reminder_interval_days,
        ctx: staff.ctx,
        plan,
    })
}

#[derive(Deserialize)]
struct SendForm {
    year: String,
}

#[post("/staff/dues/reminders")]
async fn send_reminders(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AppError> {
    let year = FiscalYear::parse(&form.year).map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let sent = state
        .db
        .write(move |conn| {
            let settings = dues_settings::load(conn)?;
            Ok(send(conn, year, &settings, &actor, ip, &base_url)?
                .to_remind
                .len())
        })
        .await?;
    flash::push(
        &session,
        Level::Success,
        super::counted(
            &staff.ctx.lang,
            "dues-reminders-sent",
            i64::try_from(sent).unwrap_or(i64::MAX),
        ),
    );
    Ok(see_other(&format!("/staff/dues/reminders?year={year}")))
}

#[derive(Deserialize)]
struct OptOutForm {
    /// "off" turns reminders off, "on" turns them back on.
    reminders: String,
}

impl OptOutForm {
    fn opt_out(&self) -> Result<bool, AppError> {
        match self.reminders.as_str() {
            "off" => Ok(true),
            "on" => Ok(false),
            _ => Err(AppError::BadRequest("error-bad-form")),
        }
    }
}

async fn change_opt_out(
    state: &AppState,
    req: &HttpRequest,
    city_id: i64,
    opt_out: bool,
    actor: User,
) -> Result<(), AppError> {
    let ip = client_ip(req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let Some(city) = crate::membership::cities::find(conn, city_id)? else {
                return Ok(None);
            };
            set_opt_out(conn, &city, opt_out, &actor, ip).map(Some)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(())
}

fn opt_out_message(ctx: &PageCtx, opt_out: bool) -> String {
    ctx.t(if opt_out {
        "dues-reminders-turned-off"
    } else {
        "dues-reminders-turned-on"
    })
}

#[post("/staff/dues/cities/{id}/reminders")]
async fn staff_set_opt_out(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<OptOutForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = id.into_inner();
    let opt_out = form.opt_out()?;
    change_opt_out(&state, &req, city_id, opt_out, staff.user.clone()).await?;
    flash::push(
        &session,
        Level::Success,
        opt_out_message(&staff.ctx, opt_out),
    );
    Ok(see_other(&format!("/staff/members/{city_id}#dues")))
}

/// A city turns the reminders off (or on again) itself.
#[post("/city/dues/reminders")]
async fn city_set_opt_out(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<OptOutForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let opt_out = form.opt_out()?;
    change_opt_out(&state, &req, city_id, opt_out, signed_in.user.clone()).await?;
    flash::push(
        &session,
        Level::Success,
        opt_out_message(&signed_in.ctx, opt_out),
    );
    Ok(see_other("/city/dues"))
}
