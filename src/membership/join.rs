//! Joining: the public application form (no login) and the applicant's
//! private status page, where they answer the secretariat.

use super::applications::{self, Duplicate, Letter, NewApplication, Submitted};
use super::countries::{self, Country};
use super::error::{check_country, MembershipError};
use super::models::{Application, ApplicationMessage, ApplicationStatus};
use super::sister::{self, SisterInvitation};
use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::{Db, DbConn};
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
    options.sort_by(|a, b| lang.compare(&a.1, &b.1));
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
    pub member_number: Option<i32>,
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
            application,
            country,
            member_number,
        })
    })
    .await
}

/// The applicant answers a request for more information; the request goes back
/// to the review queue. Refused unless information was asked for.
pub async fn reply(
    db: &Db,
    visitor: &Actor,
    token: String,
    body: MultiLine,
) -> Result<(), MembershipError> {
    let visitor = visitor.clone();
    db.transaction(move |conn| {
        let application = applications::find_by_status_token(conn, &token)?
            .filter(|a| {
                signed_link::is_current(
                    Purpose::ApplicationStatus,
                    a.created_at,
                    crate::domain::clock::now(),
                )
            })
            .ok_or(MembershipError::NotFound)?;
        if application.status != ApplicationStatus::InfoRequested {
            return Err(MembershipError::Refused("join-reply-not-expected"));
        }
        applications::add_message(
            conn,
            application.id,
            true,
            None,
            body.as_str(),
            crate::domain::clock::now(),
        )?;
        applications::transition(
            conn,
            application.id,
            &[ApplicationStatus::InfoRequested],
            ApplicationStatus::Submitted,
            None,
            None,
        )?;
        audit::record(
            conn,
            &visitor,
            Action::ApplicationReply,
            application.id,
            format!(
                "the applicant answered ({} characters); back in the review queue",
                body.as_str().chars().count()
            ),
        )?;
        Ok(())
    })
    .await
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
