//! The monthly registration run: approved requests become member cities with a
//! member number, membership starting on the 1st of the next month, a welcome
//! email with the certificate, and optionally an account for the contact person.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::applications;
use super::cities::{self, NewCity};
use super::emails;
use super::error::MembershipError;
use super::models::{Application, MemberCity};
use crate::accounts::{self, InvitationRequest};
use crate::audit::{self, Action, Actor};
use crate::auth::{Role, User};
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::{EmailAddress, PlainLine};
use crate::mail;
use crate::schema::{member_cities, registration_runs};

/// What the registration page shows.
pub struct RegistrationView {
    pub waiting: Vec<Application>,
    pub registration_day: u32,
    pub this_months_day: NaiveDate,
    pub starts_on: NaiveDate,
    /// The members the latest run registered (with the date their membership
    /// starts), each linked to its page and certificate.
    pub last_run: Option<(NaiveDate, Vec<MemberCity>)>,
}

impl RegistrationView {
    /// The welcome emails the run would send: one per valid address.
    pub fn welcome_emails(&self) -> usize {
        self.waiting
            .iter()
            .filter(|a| EmailAddress::parse(&a.email).is_ok())
            .count()
    }
}

/// The cities registered by the latest run: those that came from an
/// application and whose membership starts on that run's date.
fn last_run(conn: &mut DbConn) -> DbResult<Option<(NaiveDate, Vec<MemberCity>)>> {
    let starts_on: Option<NaiveDate> = registration_runs::table
        .order(registration_runs::id.desc())
        .select(registration_runs::membership_starts_on)
        .first(conn)
        .optional()?;
    let Some(starts_on) = starts_on else {
        return Ok(None);
    };
    let registered = member_cities::table
        .filter(member_cities::application_id.is_not_null())
        .filter(member_cities::join_date.eq(starts_on))
        .order(member_cities::member_number.asc())
        .select(MemberCity::as_select())
        .load(conn)?;
    Ok(Some((starts_on, registered)))
}

pub async fn overview(db: &Db) -> Result<RegistrationView, MembershipError> {
    let (waiting, registration_day, last_run) = db
        .read(|conn| {
            Ok::<_, MembershipError>((
                applications::approved_waiting(conn)?,
                crate::settings::registration_day(conn)?,
                last_run(conn)?,
            ))
        })
        .await?;
    let today = today();
    Ok(RegistrationView {
        waiting,
        registration_day,
        this_months_day: today.with_day(registration_day).unwrap_or(today),
        starts_on: cities::first_of_next_month(today),
        last_run,
    })
}

/// Registers every approved request; returns how many.
pub fn register_approved(
    conn: &mut DbConn,
    run_on: NaiveDate,
    invite_contacts: bool,
    actor: &Actor,
    inviter: &User,
    config: &Config,
) -> DbResult<usize> {
    let waiting = applications::approved_waiting(conn)?;
    let starts_on = cities::first_of_next_month(run_on);
    for application in &waiting {
        let number = cities::next_member_number(conn)?;
        let city_id = cities::insert(
            conn,
            &NewCity::from_application(application, number, starts_on),
        )?;
        applications::mark_registered(conn, application.id, city_id)?;
        let city = cities::find(conn, city_id)?.ok_or(diesel::result::Error::NotFound)?;
        let address = EmailAddress::parse(&application.email).ok();
        if let Some(address) = &address {
            // The certificate is for the city's own users: the link signs in first.
            let certificate = config.link(&format!("/login?next=/members/{city_id}/certificate"));
            let email = emails::welcome(
                &city,
                address,
                &application.contact_name,
                &certificate,
                starts_on,
            );
            mail::enqueue(
                conn,
                &format!("city-{city_id}-welcome"),
                &email,
                Some(mail::Reference::new("member_city", city_id)),
            )?;
        }
        let invited = match (
            invite_contacts,
            address,
            PlainLine::parse(&application.contact_name, 100),
        ) {
            (true, Some(address), Ok(name)) => accounts::invite(
                conn,
                InvitationRequest {
                    email: &address,
                    name: &name,
                    role: Role::City,
                    city_id: Some(city_id),
                    invited_by: Some(inviter),
                    lang: application.lang(),
                    base_url: &config.base_url,
                },
            )?
            .is_some(),
            _ => false,
        };
        let summary = format!(
            "{} registered as member {:05} from {}, membership from {starts_on}{}",
            application.name_latin,
            number,
            application.reference,
            if invited {
                "; contact invited as city user"
            } else {
                ""
            }
        );
        audit::record(conn, actor, Action::MemberRegister, city_id, summary)?;
    }
    diesel::insert_into(registration_runs::table)
        .values((
            registration_runs::run_on.eq(run_on),
            registration_runs::membership_starts_on.eq(starts_on),
            registration_runs::registered.eq(i32::try_from(waiting.len()).unwrap_or(i32::MAX)),
            registration_runs::started_by.eq(inviter.id),
            registration_runs::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(waiting.len())
}

/// Runs the registration today, audited; returns how many cities registered.
/// `runner` is the staff member who starts it (and invites the contacts).
/// `confirmed`: the number of approved requests the page showed and staff
/// confirmed; when it differs from the number waiting now, nothing is done.
pub async fn run(
    db: &Db,
    actor: &Actor,
    runner: &User,
    invite_contacts: bool,
    confirmed: usize,
    config: &Config,
) -> Result<usize, MembershipError> {
    let (actor, runner, config) = (actor.clone(), runner.clone(), config.clone());
    db.transaction(move |conn| {
        if applications::approved_waiting(conn)?.len() != confirmed {
            return Err(MembershipError::Refused("secretariat-registration-changed"));
        }
        let count = register_approved(conn, today(), invite_contacts, &actor, &runner, &config)?;
        let summary = format!("{count} cities registered");
        audit::record_general(conn, &actor, Action::RegistrationRun, summary)?;
        Ok(count)
    })
    .await
}

/// The day of the month the registration runs: 1 to 28.
pub fn parse_day(text: &str) -> Result<u32, MembershipError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=28).contains(d))
        .ok_or(MembershipError::Refused("registration-day-invalid"))
}

/// Sets the registration day, audited with the day before.
pub async fn set_day(db: &Db, actor: &Actor, day: u32) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = crate::settings::registration_day(conn)?;
        crate::settings::set(conn, crate::settings::REGISTRATION_DAY, &day.to_string())?;
        audit::record(
            conn,
            &actor,
            Action::SettingsRegistrationDay,
            crate::settings::REGISTRATION_DAY,
            format!("{before} → {day}"),
        )?;
        Ok(())
    })
    .await
}
