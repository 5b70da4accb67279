//! The public side of joining: the application form (no login) and the
//! applicant's private status page, where they answer the secretariat.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::applications::{self, Duplicate, Letter, NewApplication};
use super::countries::{self, Country};
use super::emails;
use super::models::{Application, ApplicationMessage, ApplicationStatus};
use crate::db::{DbConn, DbResult};
use crate::domain::{
    is_latin_script, optional, parse_population, EmailAddress, FieldError, MultiLine, PhoneNumber,
    PlainLine, WebAddress,
};
use crate::i18n::Lang;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render_with_status, see_other, AppError, PageCtx};

/// Applications one address may send in an hour.
const APPLICATIONS_PER_IP_PER_HOUR: i32 = 5;
const MAX_LINE: usize = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(application_form)
        .service(submit_application)
        .service(status_page)
        .service(reply);
}

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

#[derive(Template)]
#[template(path = "membership/join.html")]
struct JoinPage {
    ctx: PageCtx,
    form: FormValues,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    max_letter_mb: usize,
}

/// Countries for a select, in the visitor's language and sorted by that name.
pub fn country_options(countries: &[Country], lang: &Lang) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = countries
        .iter()
        .map(|c| (c.code.clone(), c.name(lang).to_string()))
        .collect();
    options.sort_by(|a, b| a.1.cmp(&b.1));
    options
}

async fn join_page(
    ctx: PageCtx,
    state: &AppState,
    form: FormValues,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let countries = state.db.run(countries::all).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = JoinPage {
        countries: country_options(&countries, &ctx.lang),
        ctx,
        form,
        errors,
        max_letter_mb: applications::MAX_LETTER_BYTES / (1024 * 1024),
    };
    render_with_status(&page, status)
}

#[derive(Deserialize)]
struct JoinQuery {
    /// A sister-city invitation's token: the form opens prefilled.
    invitation: Option<String>,
}

#[get("/join")]
async fn application_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<JoinQuery>,
) -> Result<HttpResponse, AppError> {
    let mut form = FormValues {
        language: ctx.lang.code(),
        ..FormValues::default()
    };
    if let Some(token) = query.invitation.clone() {
        let invitation = state
            .db
            .run(move |conn| super::sister::find_by_token(conn, &token))
            .await?;
        if let Some((invitation, token)) = invitation.zip(query.invitation.clone()) {
            form.name_latin = invitation.city_name;
            form.country = invitation.country_code;
            form.email = invitation.email;
            form.invitation = token;
        }
    }
    join_page(ctx, &state, form, FormErrors::default()).await
}

#[derive(MultipartForm)]
pub struct ApplicationUpload {
    name_latin: Option<Text<String>>,
    name_native: Option<Text<String>>,
    country: Option<Text<String>>,
    province: Option<Text<String>>,
    mayor_name: Option<Text<String>>,
    mayor_title: Option<Text<String>>,
    contact_name: Option<Text<String>>,
    email: Option<Text<String>>,
    phone: Option<Text<String>>,
    postal_address: Option<Text<String>>,
    website: Option<Text<String>>,
    population: Option<Text<String>>,
    message: Option<Text<String>>,
    language: Option<Text<String>>,
    invitation: Option<Text<String>>,
    /// The honeypot: hidden from people, filled in by bots.
    nickname: Option<Text<String>>,
    #[multipart(limit = "6MB")]
    letter: Option<Upload>,
}

fn text(field: &Option<Text<String>>) -> String {
    field.as_ref().map(|t| t.0.clone()).unwrap_or_default()
}

impl ApplicationUpload {
    fn values(&self) -> FormValues {
        FormValues {
            name_latin: text(&self.name_latin),
            name_native: text(&self.name_native),
            country: text(&self.country),
            province: text(&self.province),
            mayor_name: text(&self.mayor_name),
            mayor_title: text(&self.mayor_title),
            contact_name: text(&self.contact_name),
            email: text(&self.email),
            phone: text(&self.phone),
            postal_address: text(&self.postal_address),
            website: text(&self.website),
            population: text(&self.population),
            message: text(&self.message),
            language: text(&self.language),
            invitation: text(&self.invitation),
        }
    }
}

/// Parses the form into a request, or the errors to show beside the fields.
fn parse_application(
    conn: &mut DbConn,
    form: &FormValues,
    letter: Option<Letter>,
) -> DbResult<Result<NewApplication, FormErrors>> {
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
    let country = errors.check("country", countries::parse_code(conn, &form.country)?);
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
        return Ok(Err(errors));
    };
    Ok(Ok(NewApplication {
        name_latin,
        name_native,
        country_code: country.code,
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
    }))
}

#[post("/join")]
async fn submit_application(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    upload: MultipartForm<ApplicationUpload>,
) -> Result<HttpResponse, AppError> {
    let upload = upload.into_inner();
    if !text(&upload.nickname).is_empty() {
        // A bot: answer as if all went well, keep nothing.
        tracing::info!("discarded an application with the honeypot filled in");
        flash::push(&session, Level::Success, ctx.t("join-thanks"));
        return Ok(see_other("/"));
    }
    let ip = client_ip(&req, state.config.behind_proxy).unwrap_or_else(|| "unknown".into());
    let bucket = format!("join:{ip}");
    let allowed = state
        .db
        .run(move |conn| {
            rate_limit::allow(
                conn,
                &bucket,
                Limit::per_hour(APPLICATIONS_PER_IP_PER_HOUR),
                crate::domain::clock::now(),
            )
        })
        .await?;
    if !allowed {
        return Err(AppError::TooManyRequests);
    }

    let form = upload.values();
    let mut errors = FormErrors::default();
    let letter = match upload.letter {
        Some(file) => errors
            .check(
                "letter",
                Letter::parse(file.file_name.as_deref(), file.data.to_vec()),
            )
            .flatten(),
        None => None,
    };
    let parse_values = form.clone();
    let parsed = state
        .db
        .run(move |conn| parse_application(conn, &parse_values, letter))
        .await?;
    let new = match (parsed, errors.is_empty()) {
        (Ok(new), true) => new,
        (Ok(_), false) => return join_page(ctx, &state, form, errors).await,
        (Err(mut field_errors), _) => {
            if let Some(error) = errors.get("letter") {
                field_errors.add("letter", FieldError(error));
            }
            return join_page(ctx, &state, form, field_errors).await;
        }
    };
    let config = state.config.clone();
    let submitted = state
        .db
        .write(move |conn| {
            let submitted = applications::submit(conn, new, &config.secret_key, &config.base_url)?;
            super::sister::record_application(conn, submitted.id)?;
            Ok(submitted)
        })
        .await?;
    tracing::info!(application = submitted.id, reference = %submitted.reference, duplicate = submitted.duplicate.is_some(), "application received");
    flash::push(
        &session,
        Level::Success,
        ctx.t1("join-received", "reference", &submitted.reference),
    );
    Ok(see_other(&format!(
        "/join/status/{}",
        submitted.status_token
    )))
}

#[derive(Template)]
#[template(path = "membership/status.html")]
struct StatusPage {
    ctx: PageCtx,
    token: String,
    application: Application,
    country: String,
    duplicate_notice: Option<String>,
    messages: Vec<ApplicationMessage>,
    member_number: Option<String>,
    errors: FormErrors,
}

impl StatusPage {
    fn explanation_key(&self) -> &'static str {
        status_explanation_key(self.application.status)
    }
}

async fn load_status(
    state: &AppState,
    token: &str,
) -> Result<
    (
        Application,
        String,
        Option<Duplicate>,
        Vec<ApplicationMessage>,
        Option<i32>,
    ),
    AppError,
> {
    let token = token.to_string();
    let found = state
        .db
        .run(move |conn| {
            let Some(application) = applications::find_by_status_token(conn, &token)? else {
                return Ok(None);
            };
            let country = countries::find(conn, &application.country_code)?;
            let duplicate = super::review::duplicate_of(conn, &application)?;
            let messages = applications::messages(conn, application.id)?;
            let member_number = match application.city_id {
                Some(city_id) => super::cities::find(conn, city_id)?.map(|c| c.member_number),
                None => None,
            };
            Ok(Some((
                application,
                country,
                duplicate,
                messages,
                member_number,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (application, country, duplicate, messages, member_number) = found;
    Ok((
        application,
        country.map(|c| c.code).unwrap_or_default(),
        duplicate,
        messages,
        member_number,
    ))
}

async fn render_status(
    ctx: PageCtx,
    state: &AppState,
    token: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (application, country_code, duplicate, messages, member_number) =
        load_status(state, &token).await?;
    let country = state
        .db
        .run(move |conn| countries::find(conn, &country_code))
        .await?
        .map(|c| c.name(&ctx.lang).to_string())
        .unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = StatusPage {
        duplicate_notice: duplicate
            .as_ref()
            .map(|d| emails::duplicate_notice(&ctx.lang, d)),
        member_number: member_number.map(|n| format!("{n:05}")),
        ctx,
        token,
        application,
        country,
        messages,
        errors,
    };
    render_with_status(&page, status)
}

#[get("/join/status/{token}")]
async fn status_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_status(ctx, &state, token.into_inner(), FormErrors::default()).await
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    body: String,
}

/// The applicant answers a request for more information; the request goes back
/// to the review queue.
#[post("/join/status/{token}/reply")]
async fn reply(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let body = match MultiLine::parse(&form.body, 4000) {
        Ok(body) => body,
        Err(error) => {
            let mut errors = FormErrors::default();
            errors.add("body", error);
            return render_status(ctx, &state, token, errors).await;
        }
    };
    let lookup = token.clone();
    let answered = state
        .db
        .write(move |conn| {
            let Some(application) = applications::find_by_status_token(conn, &lookup)? else {
                return Ok(None);
            };
            if application.status != ApplicationStatus::InfoRequested {
                return Ok(Some(false));
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
            crate::audit::record_entry(
                conn,
                crate::audit::Entry {
                    actor: None,
                    action: "application.reply",
                    entity_type: "application",
                    entity_id: Some(application.id.to_string()),
                    summary: format!(
                        "the applicant answered ({} characters); back in the review queue",
                        body.as_str().chars().count()
                    ),
                    ip: None,
                },
            )?;
            Ok(Some(true))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (level, key) = if answered {
        (Level::Success, "join-reply-sent")
    } else {
        (Level::Error, "join-reply-not-expected")
    };
    flash::push(&session, level, ctx.t(key));
    Ok(see_other(&format!("/join/status/{token}")))
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
