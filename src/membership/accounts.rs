//! City accounts: a city user sees its own record and keeps its contact details
//! up to date; staff invite a city's contact person as its user.

use diesel::prelude::*;
use serde::Deserialize;

use super::cities;
use super::error::MembershipError;
use super::models::MemberCity;
use crate::accounts::{self, InvitationRequest};
use crate::audit::{self, Action, Actor};
use crate::auth::{Role, User};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{
    optional, parse_population, EmailAddress, FieldError, MultiLine, PhoneNumber, PlainLine,
    WebAddress,
};
use crate::i18n::Lang;
use crate::schema::users;
use crate::web::form::FormErrors;

pub fn users_of(conn: &mut DbConn, city_id: i64) -> DbResult<Vec<User>> {
    Ok(users::table
        .filter(users::city_id.eq(city_id))
        .order(users::display_name.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// The contact details a city keeps up to date itself.
#[derive(Deserialize, Default, Clone)]
pub struct ContactForm {
    #[serde(default)]
    pub mayor_name: String,
    #[serde(default)]
    pub mayor_title: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub postal_address: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub language: String,
}

impl ContactForm {
    pub fn of(city: &MemberCity) -> ContactForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        ContactForm {
            mayor_name: text(&city.mayor_name),
            mayor_title: text(&city.mayor_title),
            contact_name: text(&city.contact_name),
            email: text(&city.email),
            phone: text(&city.phone),
            postal_address: text(&city.postal_address),
            website: text(&city.website),
            population: city.population.map(|p| p.to_string()).unwrap_or_default(),
            language: city.language.clone(),
        }
    }
}

pub struct Contact {
    mayor_name: PlainLine,
    mayor_title: PlainLine,
    contact_name: PlainLine,
    email: EmailAddress,
    phone: Option<PhoneNumber>,
    postal_address: MultiLine,
    website: Option<WebAddress>,
    population: Option<i64>,
    language: Lang,
}

/// The form as contact details, or the errors to show beside its fields.
pub fn parse_contact(form: &ContactForm) -> Result<Contact, MembershipError> {
    let mut errors = FormErrors::default();
    let line = |v: &str| PlainLine::parse(v, 200);
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
    let language = errors.check(
        "language",
        Lang::parse(&form.language).ok_or(FieldError("error-choose-option")),
    );
    match (
        mayor_name,
        mayor_title,
        contact_name,
        email,
        phone,
        postal_address,
        website,
        population,
        language,
    ) {
        (
            Some(mayor_name),
            Some(mayor_title),
            Some(contact_name),
            Some(email),
            Some(phone),
            Some(postal_address),
            Some(website),
            Some(population),
            Some(language),
        ) => Ok(Contact {
            mayor_name,
            mayor_title,
            contact_name,
            email,
            phone,
            postal_address,
            website,
            population,
            language,
        }),
        _ => Err(MembershipError::Invalid(errors)),
    }
}

/// A member city by id.
pub async fn city(db: &Db, city_id: i64) -> Result<MemberCity, MembershipError> {
    db.read(move |conn| cities::find(conn, city_id)?.ok_or(MembershipError::NotFound))
        .await
}

/// Saves a city's contact details: each field changed is kept in the city's
/// history (as the city's own change) and audited with before and after.
pub async fn save_contact(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    contact: Contact,
) -> Result<(), MembershipError> {
    use super::records::{self, ChangeSource, NewValue};
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        let values = vec![
            NewValue::MayorName(Some(contact.mayor_name)),
            NewValue::MayorTitle(Some(contact.mayor_title)),
            NewValue::ContactName(Some(contact.contact_name)),
            NewValue::Email(Some(contact.email)),
            NewValue::Phone(contact.phone),
            NewValue::PostalAddress(Some(contact.postal_address)),
            NewValue::Website(contact.website),
            NewValue::Population(contact.population),
            NewValue::Language(contact.language),
        ];
        let changes = records::apply(conn, &city, values, ChangeSource::City, actor.user_id)?;
        let summary = records::summary(&city.name_latin, &changes);
        audit::record(conn, &actor, Action::MemberContactUpdate, city_id, summary)?;
        Ok(())
    })
    .await
}

/// Invites a person to act for a member city (by default its contact person),
/// audited; an address that has an account already is refused.
pub async fn invite_user(
    db: &Db,
    actor: &Actor,
    inviter: &User,
    city_id: i64,
    email: EmailAddress,
    name: PlainLine,
    base_url: &str,
) -> Result<(), MembershipError> {
    let (actor, inviter, base_url) = (actor.clone(), inviter.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        let request = InvitationRequest {
            email: &email,
            name: &name,
            role: Role::City,
            city_id: Some(city_id),
            invited_by: Some(&inviter),
            lang: city.lang(),
            base_url: &base_url,
        };
        let invitation_id = accounts::invite(conn, request)?
            .ok_or(MembershipError::Refused("error-email-taken"))?;
        let summary = format!("invited {} to act for {}", email.key(), city.name_latin);
        audit::record(
            conn,
            &actor,
            Action::MemberInviteUser,
            invitation_id,
            summary,
        )?;
        Ok(())
    })
    .await
}
