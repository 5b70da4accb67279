//! City accounts: a city user sees its own record and keeps its contact details
//! up to date; staff invite a city's contact person as its user.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::cities;
use super::countries;
use super::directory::join_date_label;
use super::models::MemberCity;
use crate::accounts::{self, InvitationRequest};
use crate::audit;
use crate::auth::{Role, User};
use crate::db::{DbConn, DbResult};
use crate::domain::{
    optional, parse_population, EmailAddress, FieldError, MultiLine, PhoneNumber, PlainLine,
    WebAddress,
};
use crate::i18n::Lang;
use crate::schema::{member_cities, users};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{
    client_ip, render, render_with_status, see_other, AppError, PageCtx, SignedIn, Staff,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(own_city)
        .service(edit_form)
        .service(save_contact)
        .service(invite_city_user);
}

pub fn users_of(conn: &mut DbConn, city_id: i64) -> DbResult<Vec<User>> {
    Ok(users::table
        .filter(users::city_id.eq(city_id))
        .order(users::display_name.asc())
        .select(User::as_select())
        .load(conn)?)
}

#[derive(Template)]
#[template(path = "membership/own_city.html")]
struct OwnCityPage {
    ctx: PageCtx,
    city: MemberCity,
    country: String,
    joined: String,
}

#[get("/city")]
async fn own_city(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let lang = signed_in.ctx.lang;
    let (city, country) = state
        .db
        .run(move |conn| {
            let Some(city) = cities::find(conn, city_id)? else {
                return Ok(None);
            };
            let country = countries::find(conn, &city.country_code)?
                .map(|c| c.name(&lang).to_string())
                .unwrap_or_default();
            Ok(Some((city, country)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let joined = join_date_label(&lang, &city);
    render(&OwnCityPage {
        ctx: signed_in.ctx,
        city,
        country,
        joined,
    })
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
    fn of(city: &MemberCity) -> ContactForm {
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

struct Contact {
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

fn parse_contact(form: &ContactForm) -> Result<Contact, FormErrors> {
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
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "membership/contact_form.html")]
struct ContactPage {
    ctx: PageCtx,
    city: MemberCity,
    form: ContactForm,
    errors: FormErrors,
}

#[get("/city/edit")]
async fn edit_form(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let city = state
        .db
        .run(move |conn| cities::find(conn, city_id))
        .await?
        .ok_or(AppError::NotFound)?;
    render(&ContactPage {
        form: ContactForm::of(&city),
        ctx: signed_in.ctx,
        city,
        errors: FormErrors::default(),
    })
}

/// Saves the city's contact details, audited with what changed.
#[post("/city/edit")]
async fn save_contact(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<ContactForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let form = form.into_inner();
    let contact = match parse_contact(&form) {
        Ok(contact) => contact,
        Err(errors) => {
            let city = state
                .db
                .run(move |conn| cities::find(conn, city_id))
                .await?
                .ok_or(AppError::NotFound)?;
            let page = ContactPage {
                ctx: signed_in.ctx,
                city,
                form,
                errors,
            };
            return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let actor = signed_in.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let Some(before) = cities::find(conn, city_id)? else {
                return Ok(None);
            };
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
            let after = cities::find(conn, city_id)?.ok_or(diesel::result::Error::NotFound)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "member.contact_update",
                    entity_type: "member_city",
                    entity_id: Some(city_id.to_string()),
                    summary: contact_changes(&before, &after),
                    ip,
                },
            )?;
            Ok(Some(()))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    flash::push(
        &session,
        Level::Success,
        signed_in.ctx.t("city-contact-saved"),
    );
    Ok(see_other("/city"))
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

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

/// Staff invite a person to act for a member city (by default its contact person).
#[post("/staff/members/{id}/users")]
async fn invite_city_user(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = id.into_inner();
    let back = format!("/staff/members/{city_id}");
    let (Ok(email), Ok(name)) = (
        EmailAddress::parse(&form.email),
        PlainLine::parse(&form.name, 100),
    ) else {
        flash::push(&session, Level::Error, staff.ctx.t("city-invite-invalid"));
        return Ok(see_other(&back));
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let invite_email = email.clone();
    let invited = state
        .db
        .write(move |conn| {
            let Some(city) = cities::find(conn, city_id)? else {
                return Ok(None);
            };
            let request = InvitationRequest {
                email: &invite_email,
                name: &name,
                role: Role::City,
                city_id: Some(city_id),
                invited_by: Some(&actor),
                lang: city.lang(),
                base_url: &base_url,
            };
            let Some(invitation_id) = accounts::invite(conn, request)? else {
                return Ok(Some(false));
            };
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "member.invite_user",
                    entity_type: "invitation",
                    entity_id: Some(invitation_id.to_string()),
                    summary: format!(
                        "invited {} to act for {}",
                        invite_email.key(),
                        city.name_latin
                    ),
                    ip,
                },
            )?;
            Ok(Some(true))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    if invited {
        flash::push(
            &session,
            Level::Success,
            staff.ctx.t1("invite-created", "email", email.key()),
        );
    } else {
        flash::push(&session, Level::Error, staff.ctx.t("error-email-taken"));
    }
    Ok(see_other(&back))
}
