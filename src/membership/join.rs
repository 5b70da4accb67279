//! Joining: the public application form (no login) and the applicant's
//! private status page, where they answer the secretariat.

use super::applications::{self, Attachment, Duplicate, Letter, NewApplication, Submitted};
use super::countries::{self, Country};
use super::emails;
use super::error::{check_country, MembershipError};
use super::models::{Application, ApplicationMessage, ApplicationStatus};
use super::sister::{self, SisterInvitation};
use crate::audit::{self, Action, Actor};
use crate::auth::User;
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::domain::{
    is_latin_script, optional, parse_population, CountryCode, EmailAddress, FieldError, MultiLine,
    PhoneNumber, PlainLine, WebAddress,
};
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};

/// Applications one address may send in an hour.
const APPLICATIONS_PER_IP_PER_HOUR: i32 = 5;
const MAX_LINE: usize = 200;

/// What the form holds, as typed, so a refused form comes back as it was.
#[derive(Default, Clone)]
pub struct FormValues {
    pub name_latin: String,
    pub name_native: String,
    pub country: String,
    pub province: String,
    pub mayor_name: String,
    pub mayor_title: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub postal_address: String,
    pub website: String,
    pub population: String,
    pub message: String,
    pub language: String,
    pub invitation: String,
}

/// Countries for a select, in the visitor's language and sorted by that name.
pub fn country_options(countries: &[Country], lang: &Lang) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = countries
        .iter()
        .map(|c| (c.code.to_string(), c.name(lang).to_string()))
        .collect();
    options.sort_by_cached_key(|o| lang.sort_key(&o.1));
    options
}

/// The form's countries, in the visitor's language.
pub async fn form_countries(db: &Db, lang: Lang) -> Result<Vec<(String, String)>, MembershipError> {
    let countries = countries::list(db).await?;
    Ok(country_options(&countries, &lang))
}

/// The sister-city invitation a link to the form carries, if the token is one.
pub async fn invitation(
    db: &Db,
    token: String,
) -> Result<Option<SisterInvitation>, MembershipError> {
    db.read(move |conn| Ok(sister::find_by_token(conn, &token)?))
        .await
}

/// Receives an application from a visitor: rate-limited per address (a refused
/// form counts too), parsed (a form with errors is
/// [`MembershipError::Invalid`]), stored with its letter and the applicant's
/// confirmation email.
pub async fn submit(
    db: &Db,
    visitor: &Actor,
    form: FormValues,
    letter: Result<Option<Letter>, FieldError>,
    config: &Config,
) -> Result<Submitted, MembershipError> {
    let bucket = format!("join:{}", visitor.ip.as_deref().unwrap_or("unknown"));
    let allowed = db
        .read(move |conn| {
            Ok::<_, MembershipError>(rate_limit::allow(
                conn,
                &bucket,
                Limit::per_hour(APPLICATIONS_PER_IP_PER_HOUR),
                crate::domain::clock::now(),
            )?)
        })
        .await?;
    if !allowed {
        return Err(MembershipError::TooManyRequests);
    }
    let config = config.clone();
    db.transaction(move |conn| {
        let new = parse_application(conn, &form, letter)?;
        let submitted = applications::submit(conn, new, &config.secret_key, &config.base_url)?;
        sister::record_application(conn, submitted.id)?;
        Ok(submitted)
    })
    .await
}

/// What the applicant's status page shows.
pub struct StatusView {
    pub application: Application,
    /// The country's name in the reader's language.
    pub country: String,
    pub duplicate: Option<Duplicate>,
    pub messages: Vec<ApplicationMessage>,
    /// Files attached to the messages, shown under each.
    pub files: Vec<applications::MessageFile>,
    pub member_number: Option<i32>,
}

/// The application a status link opens, while the link is current.
fn find_current(conn: &mut DbConn, token: &str) -> Result<Application, MembershipError> {
    applications::find_by_status_token(conn, token)?
        .filter(|a| {
            signed_link::is_current(
                Purpose::ApplicationStatus,
                a.created_at,
                crate::domain::clock::now(),
            )
        })
        .ok_or(MembershipError::NotFound)
}

/// A file the applicant attached, for the applicant (through the status link).
pub async fn status_file(
    db: &Db,
    token: String,
    file_id: i64,
) -> Result<(String, String, Vec<u8>), MembershipError> {
    db.read(move |conn| {
        let application = find_current(conn, &token)?;
        applications::message_file(conn, application.id, file_id)?.ok_or(MembershipError::NotFound)
    })
    .await
}

/// The application a status link opens.
pub async fn status(db: &Db, token: String, lang: Lang) -> Result<StatusView, MembershipError> {
    db.read(move |conn| {
        let application = applications::find_by_status_token(conn, &token)?
            .filter(|a| {
                signed_link::is_current(
                    Purpose::ApplicationStatus,
                    a.created_at,
                    crate::domain::clock::now(),
                )
            })
            .ok_or(MembershipError::NotFound)?;
        let country = countries::find(conn, &application.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        let member_number = match application.city_id {
            Some(city_id) => super::cities::find(conn, city_id)?.map(|c| c.member_number),
            None => None,
        };
        Ok(StatusView {
            duplicate: super::review::duplicate_of(conn, &application)?,
            messages: applications::messages(conn, application.id)?,
            files: applications::message_files(conn, application.id)?,
            application,
            country,
            member_number,
        })
    })
    .await
}

/// The applicant's answer to a request for more information: its text and,
/// optionally, a file (the signed letter staff asked for).
pub struct Answer {
    pub body: MultiLine,
    pub attachment: Option<Attachment>,
}

/// The applicant answers a request for more information; the request goes back
/// to the review queue, marked as answered, and the staff member who asked
/// (or, if unknown, every active staff member) is told by email. Refused
/// unless information was asked for.
pub async fn reply(
    db: &Db,
    visitor: &Actor,
    token: String,
    answer: Answer,
    config: &Config,
) -> Result<(), MembershipError> {
    let visitor = visitor.clone();
    let config = config.clone();
    db.transaction(move |conn| {
        let application = find_current(conn, &token)?;
        if application.status != ApplicationStatus::InfoRequested {
            return Err(MembershipError::Refused("join-reply-not-expected"));
        }
        let now = crate::domain::clock::now();
        let Answer { body, attachment } = answer;
        let message_id =
            applications::add_message(conn, application.id, true, None, body.as_str(), now)?;
        if let Some(file) = &attachment {
            applications::attach(conn, application.id, message_id, file, now)?;
        }
        applications::transition(
            conn,
            application.id,
            &[ApplicationStatus::InfoRequested],
            ApplicationStatus::Submitted,
            None,
            None,
        )?;
        let file_name = attachment.as_ref().map(|f| f.file_name.as_str());
        let notified = notify_staff_of_answer(conn, &application, file_name, &config)?;
        audit::record(
            conn,
            &visitor,
            Action::ApplicationReply,
            application.id,
            format!(
                "the applicant answered ({} characters{}); back in the review queue; {notified} staff notified",
                body.as_str().chars().count(),
                file_name.map(|f| format!(", with the file {f}")).unwrap_or_default()
            ),
        )?;
        Ok(())
    })
    .await
}

/// Emails the staff member who asked the question (the author of the latest
/// staff message, if still active staff), else every active staff member;
/// returns how many were emailed.
fn notify_staff_of_answer(
    conn: &mut DbConn,
    application: &Application,
    file_name: Option<&str>,
    config: &Config,
) -> DbResult<usize> {
    let asker = applications::messages(conn, application.id)?
        .into_iter()
        .rev()
        .find(|m| !m.from_applicant)
        .and_then(|m| m.author_id);
    let staff: Vec<User> = crate::auth::queries::list_users(conn)?
        .into_iter()
        .filter(|user| user.active && user.role.is_staff())
        .collect();
    let asked: Vec<&User> = staff.iter().filter(|u| Some(u.id) == asker).collect();
    let recipients = if asked.is_empty() {
        staff.iter().collect()
    } else {
        asked
    };
    let link = config.link(&format!("/staff/applications/{}", application.id));
    let mut emailed = 0;
    for user in recipients {
        let Some(email) = emails::applicant_answered(application, user, file_name, &link) else {
            continue;
        };
        let key = format!(
            "application-{}-answered-{}-{}",
            application.id,
            user.id,
            crate::domain::clock::now().and_utc().timestamp_micros()
        );
        let reference = crate::mail::Reference::new("application", application.id);
        crate::mail::enqueue(conn, &key, &email, Some(reference))?;
        emailed += 1;
    }
    Ok(emailed)
}

/// Parses the form into a request, or the errors to show beside the fields.
fn parse_application(
    conn: &mut DbConn,
    form: &FormValues,
    letter: Result<Option<Letter>, FieldError>,
) -> Result<NewApplication, MembershipError> {
    let mut errors = FormErrors::default();
    let line = |v: &str| PlainLine::parse(v, MAX_LINE);
    let name_latin = errors.check(
        "name_latin",
        line(&form.name_latin).and_then(|name| {
            if is_latin_script(name.as_str()) {
                Ok(name)
            } else {
                Err(FieldError("error-latin-letters"))
            }
        }),
    );
    let name_native = errors.check("name_native", optional(&form.name_native, line));
    let country = check_country(
        &mut errors,
        "country",
        "error-choose-country",
        countries::known(conn, &form.country),
    )?;
    let province = errors.check("province", optional(&form.province, line));
    let mayor_name = errors.check("mayor_name", line(&form.mayor_name));
    let mayor_title = errors.check("mayor_title", line(&form.mayor_title));
    let contact_name = errors.check("contact_name", line(&form.contact_name));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let phone = errors.check("phone", optional(&form.phone, PhoneNumber::parse));
    let postal_address = errors.check(
        "postal_address",
        MultiLine::parse(&form.postal_address, 500),
    );
    let website = errors.check("website", optional(&form.website, WebAddress::parse));
    let population = errors.check("population", optional(&form.population, parse_population));
    let message = errors.check(
        "message",
        optional(&form.message, |v| MultiLine::parse(v, 4000)),
    );
    let letter = errors.check("letter", letter).flatten();
    let invitation_id = match form.invitation.trim() {
        "" => None,
        token => super::sister::find_by_token(conn, token)?.map(|i| i.id),
    };
    let (
        Some(name_latin),
        Some(name_native),
        Some(country),
        Some(province),
        Some(mayor_name),
        Some(mayor_title),
        Some(contact_name),
        Some(email),
        Some(phone),
        Some(postal_address),
        Some(website),
        Some(population),
        Some(message),
        true,
    ) = (
        name_latin,
        name_native,
        country,
        province,
        mayor_name,
        mayor_title,
        contact_name,
        email,
        phone,
        postal_address,
        website,
        population,
        message,
        errors.is_empty(),
    )
    else {
        return Err(MembershipError::Invalid(errors));
    };
    Ok(NewApplication {
        name_latin,
        name_native,
        country_code: CountryCode::parse(&country.code)
            .map_err(|_| MembershipError::UnknownCountry)?,
        province,
        mayor_name,
        mayor_title,
        contact_name,
        email,
        phone,
        postal_address,
        website,
        population,
        message,
        language: Lang::parse(&form.language).unwrap_or_default(),
        invitation_id,
        letter,
    })
}

/// Renders the status page's explanation of a status.
pub fn status_explanation_key(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Submitted => "join-status-submitted-text",
        ApplicationStatus::InfoRequested => "join-status-info-requested-text",
        ApplicationStatus::Approved => "join-status-approved-text",
        ApplicationStatus::Rejected => "join-status-rejected-text",
        ApplicationStatus::Registered => "join-status-registered-text",
    }
}
