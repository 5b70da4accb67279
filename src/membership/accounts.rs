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
use crate::schema::{member_cities, users};
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

/// Saves a city's contact details, audited with what changed.
pub async fn save_contact(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    contact: Contact,
) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        diesel::update(member_cities::table.find(city_id))
            .set((
                member_cities::mayor_name.eq(contact.mayor_name.as_str()),
                member_cities::mayor_title.eq(contact.mayor_title.as_str()),
                member_cities::contact_name.eq(contact.contact_name.as_str()),
                member_cities::email.eq(contact.email.as_str()),
                member_cities::phone.eq(contact.phone.as_ref().map(PhoneNumber::as_str)),
                member_cities::postal_address.eq(contact.postal_address.as_str()),
                member_cities::website.eq(contact.website.as_ref().map(WebAddress::as_str)),
                member_cities::population.eq(contact.population),
                member_cities::language.eq(contact.language.code()),
                member_cities::updated_at.eq(crate::domain::clock::now()),
            ))
            .execute(conn)?;
        let after = cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        let summary = contact_changes(&before, &after);
        audit::record(conn, &actor, Action::MemberContactUpdate, city_id, summary)?;
        Ok(())
    })
    .await
}

/// "email: a@x → b@y; phone: (none) → +81 …" for the audit log.
fn contact_changes(before: &MemberCity, after: &MemberCity) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let fields = [
        ("mayor", show(&before.mayor_name), show(&after.mayor_name)),
        (
            "mayor title",
            show(&before.mayor_title),
            show(&after.mayor_title),
        ),
        (
            "contact",
            show(&before.contact_name),
            show(&after.contact_name),
        ),
        ("email", show(&before.email), show(&after.email)),
        ("phone", show(&before.phone), show(&after.phone)),
        (
            "address",
            show(&before.postal_address),
            show(&after.postal_address),
        ),
        ("website", show(&before.website), show(&after.website)),
        (
            "population",
            format!("{:?}", before.population),
            format!("{:?}", after.population),
        ),
        ("language", before.language.clone(), after.language.clone()),
    ];
    let changes: Vec<String> = fields
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(name, b, a)| format!("{name}: {b} → {a}"))
        .collect();
    if changes.is_empty() {
        format!("{}: no change", after.name_latin)
    } else {
        format!("{}: {}", after.name_latin, changes.join("; "))
    }
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
