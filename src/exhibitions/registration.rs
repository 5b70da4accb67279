//! Registering an exhibition (staff for a member city, a city for itself, a
//! non-member organisation applying), a city's changes while it is only
//! requested, and the report afterwards with a photo. Each is one transaction
//! with its email and audit entry.

use chrono::NaiveDate;

use super::emails;
use super::error::ExhibitionError;
use super::forms::{parse_details, required_visitors, ExhibitionForm};
use super::loans;
use super::models::{Exhibition, Format, Status};
use super::queries::{self, Details, Holder};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn};
use crate::domain::{CountryCode, EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::membership::cities;
use crate::membership::models::MemberCity;
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};

pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
const APPLICATIONS_PER_IP_PER_HOUR: i32 = 5;

/// The city's own country, as the form of a member city fixes it.
fn country_of(city: &MemberCity, errors: &mut FormErrors) -> Option<CountryCode> {
    errors.check("country", CountryCode::parse(&city.country_code))
}

/// Inserts the exhibition, queues the "received" email and audits it.
fn insert(
    conn: &mut DbConn,
    actor: &Actor,
    holder: &Holder,
    details: &Details,
    language: &str,
    base_url: &str,
) -> Result<i64, ExhibitionError> {
    let id = queries::insert(conn, holder, details, language, actor.user_id)?;
    if let Some(exhibition) = queries::find(conn, id)? {
        emails::enqueue_status(conn, &exhibition, None, base_url)?;
    }
    Ok(id)
}

/// Staff register an exhibition for the member city with the form's number.
pub async fn register_by_number(
    db: &Db,
    actor: &Actor,
    form: ExhibitionForm,
    base_url: &str,
) -> Result<i64, ExhibitionError> {
    let (actor, base_url) = (actor.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let mut errors = FormErrors::default();
        let number: Option<i32> = form
            .member_number
            .trim()
            .trim_start_matches('0')
            .parse()
            .ok();
        let city = match number {
            Some(n) => cities::find_by_number(conn, n)?,
            None => None,
        };
        if city.is_none() {
            errors.add("member_number", FieldError("error-member-number-unknown"));
        }
        let country = city.as_ref().and_then(|c| country_of(c, &mut errors));
        let details = parse_details(conn, &form, country.as_ref(), errors)?;
        let city = city.ok_or(ExhibitionError::NotFound)?;
        let holder = Holder::City { city_id: city.id };
        let id = insert(conn, &actor, &holder, &details, &city.language, &base_url)?;
        let summary = format!("{} for {}", details.title, city.name_latin);
        audit::record(conn, &actor, Action::ExhibitionRegister, id, summary)?;
        Ok(id)
    })
    .await
}

/// A city registers an exhibition of its own.
pub async fn register_own(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    form: ExhibitionForm,
    base_url: &str,
) -> Result<i64, ExhibitionError> {
    let (actor, base_url) = (actor.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        let mut errors = FormErrors::default();
        let country = country_of(&city, &mut errors);
        let details = parse_details(conn, &form, country.as_ref(), errors)?;
        let holder = Holder::City { city_id };
        let id = insert(conn, &actor, &holder, &details, &city.language, &base_url)?;
        let summary = format!("{} for {}", details.title, city.name_latin);
        audit::record(conn, &actor, Action::ExhibitionRegister, id, summary)?;
        Ok(id)
    })
    .await
}

/// A city changes what it registered, only while it is still requested.
pub async fn update_own(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    id: i64,
    form: ExhibitionForm,
) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        let current = own(conn, city_id, id)?;
        if !current.city_may_edit() {
            return Err(ExhibitionError::Refused("exh-error-not-editable"));
        }
        let mut errors = FormErrors::default();
        let country = country_of(&city, &mut errors);
        let details = parse_details(conn, &form, country.as_ref(), errors)?;
        // The booked set's posters are in one language: another language needs
        // another set, which staff choose once this one is released.
        if details.poster_language != current.poster_language
            && details.format == Format::Loan
            && loans::active_loan(conn, id)?.is_some()
        {
            return Err(ExhibitionError::Refused("exh-loan-language-booked"));
        }
        queries::update_details(conn, id, &details)?;
        let mut summary = changes(&current, &details);
        // The booked set follows the new dates, or the change is refused.
        let updated = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        if let Some(loan) = loans::follow_dates(conn, &updated)?.summary() {
            summary.push_str(&format!("; {loan}"));
        }
        audit::record(conn, &actor, Action::ExhibitionUpdate, id, summary)?;
        Ok(())
    })
    .await
}

/// New dates for an exhibition, from staff: the start, and the end not before it.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl Dates {
    pub fn new(
        starts_on: Option<NaiveDate>,
        ends_on: Option<NaiveDate>,
    ) -> Result<Dates, ExhibitionError> {
        let (Some(starts_on), Some(ends_on)) = (starts_on, ends_on) else {
            return Err(ExhibitionError::Refused("error-bad-form"));
        };
        if ends_on < starts_on {
            return Err(ExhibitionError::Refused("error-date-order"));
        }
        Ok(Dates { starts_on, ends_on })
    }
}

/// Staff move an exhibition's dates while its poster set has not left
/// (requested or confirmed); the booked set's loan window moves with them in
/// the same transaction, or the move is refused with the clash.
pub async fn move_dates(
    db: &Db,
    actor: &Actor,
    id: i64,
    dates: Dates,
) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let current = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        if !matches!(current.status, Status::Requested | Status::Confirmed) {
            return Err(ExhibitionError::Refused("exh-error-dates-locked"));
        }
        queries::set_dates(conn, id, dates.starts_on, dates.ends_on)?;
        let updated = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        let mut summary = format!(
            "{}: dates {}–{} → {}–{}",
            current.title, current.starts_on, current.ends_on, dates.starts_on, dates.ends_on
        );
        if let Some(loan) = loans::follow_dates(conn, &updated)?.summary() {
            summary.push_str(&format!("; {loan}"));
        }
        audit::record(conn, &actor, Action::ExhibitionUpdate, id, summary)?;
        Ok(())
    })
    .await
}

/// The exhibition, only if it belongs to the city: another city's is "not found".
pub fn own(conn: &mut DbConn, city_id: i64, id: i64) -> Result<Exhibition, ExhibitionError> {
    queries::find(conn, id)?
        .filter(|e| e.city_id == Some(city_id))
        .ok_or(ExhibitionError::NotFound)
}

/// A non-member organisation applies (a visitor without an account): five
/// applications an hour from one address, counted whether complete or not.
pub async fn apply(
    db: &Db,
    visitor: &Actor,
    form: ExhibitionForm,
    base_url: &str,
) -> Result<i64, ExhibitionError> {
    let bucket = format!(
        "exhibition-apply:{}",
        visitor.ip.as_deref().unwrap_or("unknown")
    );
    // Its own transaction: the attempt counts even when the form is refused.
    let allowed = db
        .transaction(move |conn| {
            rate_limit::allow(
                conn,
                &bucket,
                Limit::per_hour(APPLICATIONS_PER_IP_PER_HOUR),
                crate::domain::clock::now(),
            )
            .map_err(ExhibitionError::from)
        })
        .await?;
    if !allowed {
        return Err(ExhibitionError::RateLimited);
    }
    let (actor, base_url) = (visitor.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let mut errors = FormErrors::default();
        let holder = organisation(&form, &mut errors);
        let details = parse_details(conn, &form, None, errors)?;
        let (holder, language) = holder.ok_or(ExhibitionError::Refused("error-bad-form"))?;
        insert(conn, &actor, &holder, &details, &language, &base_url)
    })
    .await
}

fn organisation(form: &ExhibitionForm, errors: &mut FormErrors) -> Option<(Holder, String)> {
    let name = errors.check(
        "organisation_name",
        PlainLine::parse(&form.organisation_name, 200),
    );
    let contact = errors.check("contact_name", PlainLine::parse(&form.contact_name, 200));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let plan = errors.check("event_plan", MultiLine::parse(&form.event_plan, 5_000));
    let language = errors.check(
        "language",
        Lang::parse(&form.language)
            .map(|l| l.code())
            .ok_or(FieldError("error-choose-option")),
    );
    Some((
        Holder::Organisation {
            name: name?.into_string(),
            contact: contact?.into_string(),
            email: email?.as_str().to_string(),
            event_plan: plan?.as_str().to_string(),
        },
        language?,
    ))
}

/// A report as the city's form sends it: the visitors and comments as typed,
/// and the photo's name and bytes if one was chosen.
#[derive(Debug, Default)]
pub struct ReportInput {
    pub visitors: String,
    pub comments: String,
    pub photo: Option<(Option<String>, Vec<u8>)>,
}

struct Photo {
    name: String,
    kind: &'static str,
    bytes: Vec<u8>,
}

/// The report's fields, or the form's mistakes.
fn parse_report(input: ReportInput) -> Result<(i32, Option<String>, Option<Photo>), FormErrors> {
    let mut errors = FormErrors::default();
    let visitors = errors.check("visitors", required_visitors(&input.visitors));
    let comments = match input.comments.trim() {
        "" => None,
        text => errors
            .check("comments", MultiLine::parse(text, 5_000))
            .map(|m| m.as_str().to_string()),
    };
    let photo = match input.photo {
        Some((name, bytes)) if !bytes.is_empty() => {
            if bytes.len() > MAX_PHOTO_BYTES {
                errors.add("photo", FieldError("exh-error-photo-size"));
                None
            } else if let Some(kind) = photo_type(&bytes) {
                let name = name.unwrap_or_else(|| "photo".into());
                Some(Photo {
                    name: name.chars().filter(|c| !c.is_control()).take(200).collect(),
                    kind,
                    bytes,
                })
            } else {
                errors.add("photo", FieldError("exh-error-photo-type"));
                None
            }
        }
        _ => None,
    };
    match visitors.filter(|_| errors.is_empty()) {
        Some(visitors) => Ok((visitors, comments, photo)),
        None => Err(errors),
    }
}

/// The city reports on its exhibition once it has opened, with a photo or not.
pub async fn report(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    id: i64,
    input: ReportInput,
) -> Result<(), ExhibitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        let exhibition = own(conn, city_id, id)?;
        if !exhibition.can_report() {
            return Err(ExhibitionError::Refused("exh-error-not-held"));
        }
        let (visitors, comments, photo) = parse_report(input).map_err(ExhibitionError::Invalid)?;
        queries::save_report(conn, id, visitors, comments.as_deref())?;
        let before = exhibition.actual_visitors;
        let mut summary = format!(
            "{}: visitors {} → {visitors}",
            exhibition.title,
            before.map_or_else(|| "none".to_string(), |n| n.to_string())
        );
        if let Some(photo) = photo {
            let photo_id = queries::add_photo(conn, id, &photo.name, photo.kind, &photo.bytes)?;
            summary.push_str(&format!(
                "; photo {photo_id} ({}, {} bytes)",
                photo.name,
                photo.bytes.len()
            ));
        }
        audit::record(conn, &actor, Action::ExhibitionReport, id, summary)?;
        Ok(())
    })
    .await
}

/// A photo's content type, from its first bytes (never from the name or the
/// browser's word): JPEG, PNG or WebP.
pub fn photo_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// What a city's edit changed, as "field: before → after" for the audit log.
fn changes(before: &Exhibition, after: &Details) -> String {
    let dates = |start: NaiveDate, end: NaiveDate| format!("{start}–{end}");
    let hours =
        |h: Option<(String, String)>| h.map_or_else(String::new, |(o, c)| format!("{o}–{c}"));
    let pairs = [
        ("title", before.title.clone(), after.title.clone()),
        ("venue", before.venue.clone(), after.venue.clone()),
        ("address", before.address.clone(), after.address.clone()),
        (
            "dates",
            dates(before.starts_on, before.ends_on),
            dates(after.starts_on, after.ends_on),
        ),
        ("hours", hours(before.hours()), hours(after.hours.clone())),
        (
            "time zone",
            before.time_zone.clone(),
            after.time_zone.clone(),
        ),
        (
            "expected visitors",
            format!("{:?}", before.expected_visitors),
            format!("{:?}", after.expected_visitors),
        ),
        (
            "poster language",
            before.poster_language.clone(),
            after.poster_language.clone(),
        ),
        (
            "format",
            before.format.as_str().to_string(),
            after.format.as_str().to_string(),
        ),
        (
            "publish",
            before.publish.to_string(),
            after.publish.to_string(),
        ),
    ];
    let changed: Vec<String> = pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| format!("{field}: {old} → {new}"))
        .collect();
    if changed.is_empty() {
        format!("{}: no change", before.title)
    } else {
        format!("{}: {}", before.title, changed.join("; "))
    }
}
