//! What each job does when it runs: it calls the area's own operation, the
//! same one staff start by hand, and answers with a count and a summary.

use crate::audit::Actor;
use crate::auth::User;
use crate::config::Config;
use crate::db::{Db, DbConn, DbError, DbResult};
use crate::domain::clock::today;
use crate::domain::EmailAddress;
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent};
use crate::membership::models::Application;

use super::models::JobKind;
use super::store::RunResult;

/// Runs `kind` once as `actor`; `run_id` names this run (in email keys).
pub async fn perform(
    kind: JobKind,
    db: &Db,
    actor: &Actor,
    config: &Config,
    run_id: i64,
) -> RunResult {
    match kind {
        JobKind::RegistrationPreparation => prepare_registration(db, config, run_id).await,
        JobKind::DuesReminders => remind_dues(db, actor, config).await,
        JobKind::PetitionAnonymisation => anonymise_petitions(db).await,
        JobKind::MeetingReminders => remind_meetings(db, actor, config).await,
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The registration stays staff-approved: this only tells the staff which
/// approved applications wait, with a link to the registration page where
/// they review the list and confirm the run.
async fn prepare_registration(db: &Db, config: &Config, run_id: i64) -> RunResult {
    let link = config.link("/staff/registration");
    db.transaction(move |conn| -> DbResult<(i64, String)> {
        let waiting = crate::membership::applications::approved_waiting(conn)?;
        if waiting.is_empty() {
            return Ok((0, "no approved application waits; nobody emailed".into()));
        }
        let staff: Vec<User> = crate::auth::queries::list_users(conn)?
            .into_iter()
            .filter(|user| user.active && user.role.is_staff())
            .collect();
        let mut emailed = 0;
        for user in &staff {
            if email_staff(conn, user, &waiting, &link, run_id)? {
                emailed += 1;
            }
        }
        Ok((
            count(waiting.len()),
            format!(
                "{} approved application(s) wait for the registration run; {emailed} staff emailed",
                waiting.len()
            ),
        ))
    })
    .await
    .map_err(|e: DbError| e.to_string())
}

/// Applications named in the email; the page lists them all.
const LISTED_APPLICATIONS: usize = 30;

fn email_staff(
    conn: &mut DbConn,
    user: &User,
    waiting: &[Application],
    link: &str,
    run_id: i64,
) -> DbResult<bool> {
    let Ok(address) = EmailAddress::parse(&user.email) else {
        return Ok(false);
    };
    let lang = user
        .language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let waiting_count = || FluentArg::Count(count(waiting.len()));
    let mut names: Vec<String> = waiting
        .iter()
        .take(LISTED_APPLICATIONS)
        .map(|a| format!("{} ({})", a.name_latin, a.country_code.as_str()))
        .collect();
    if waiting.len() > LISTED_APPLICATIONS {
        names.push(lang.t_with(
            "job-mail-registration-more",
            &[(
                "count",
                FluentArg::Count(count(waiting.len() - LISTED_APPLICATIONS)),
            )],
        ));
    }
    let content = EmailContent {
        subject: lang.t_with(
            "job-mail-registration-subject",
            &[("count", waiting_count())],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", user.display_name.clone().into())],
        ),
        paragraphs: vec![
            lang.t_with("job-mail-registration-body", &[("count", waiting_count())]),
            names.join("\n"),
            lang.t("job-mail-registration-confirm"),
        ],
        action: Some((lang.t("job-mail-registration-action"), link.to_string())),
        after: Vec::new(),
    };
    let email = Email::new(address, Some(&user.display_name), lang, &content);
    mail::enqueue(
        conn,
        &format!("job-run-{run_id}-registration-staff-{}", user.id),
        &email,
        Some(mail::Reference::new("job_run", run_id)),
    )?;
    Ok(true)
}

/// The reminders of the current fiscal year, to every city the reminder plan
/// names (each city at most once per reminder interval).
async fn remind_dues(db: &Db, actor: &Actor, config: &Config) -> RunResult {
    let settings = db
        .read(crate::dues::settings::load)
        .await
        .map_err(|e| e.to_string())?;
    let year = settings.calendar.year_of(today());
    let queued = crate::dues::reminders::run(db, actor, year, None, &config.base_url)
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        count(queued),
        format!("FY{year}: {queued} reminder(s) queued"),
    ))
}

async fn anonymise_petitions(db: &Db) -> RunResult {
    let cleared = crate::petitions::oversight::anonymise_due_now(db, today())
        .await
        .map_err(|e| e.to_string())?;
    Ok((count(cleared), format!("{cleared} petition(s) anonymised")))
}

/// Reminders to the invited cities that have not answered a meeting whose
/// registration is open (never to those that declined).
async fn remind_meetings(db: &Db, actor: &Actor, config: &Config) -> RunResult {
    let links = crate::meetings::registration::Links {
        secret_key: config.secret_key.clone(),
        base_url: config.base_url.clone(),
    };
    let sent = crate::meetings::reminders::run(db, actor, &links, today())
        .await
        .map_err(|e| e.to_string())?;
    Ok((count(sent), format!("{sent} meeting reminder(s) queued")))
}
