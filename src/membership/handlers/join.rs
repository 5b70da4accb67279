//! The applicant's pages, without an account: the application form and the
//! private status page, where they answer the secretariat.
//!
//! These forms have no signed-in user, so no [`crate::audit::Acting`]: their
//! answers are flashed by [`flash::redirect`], the one place here that writes a
//! flash message and redirects.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::Actor;
use crate::domain::MultiLine;
use crate::membership::applications::{self, Attachment, Letter};
use crate::membership::emails;
use crate::membership::error::MembershipError;
use crate::membership::join::{self, status_explanation_key, Answer, FormValues, StatusView};
use crate::membership::models::{Application, ApplicationMessage};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::page::Plain;
use crate::web::AppState;
use crate::web::{render_with_status, AppError, PageCtx};

fn status_of(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
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

async fn join_page(
    ctx: PageCtx,
    state: &AppState,
    form: FormValues,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let page = JoinPage {
        countries: join::form_countries(&state.db, ctx.lang).await?,
        ctx,
        form,
        max_letter_mb: applications::MAX_LETTER_BYTES / (1024 * 1024),
        errors,
    };
    render_with_status(&page, status_of(&page.errors))
}

#[derive(Deserialize)]
pub struct JoinQuery {
    /// A sister-city invitation's token: the form opens prefilled.
    invitation: Option<String>,
}

#[get("/join")]
pub async fn application_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<JoinQuery>,
) -> Result<HttpResponse, AppError> {
    let mut form = FormValues {
        language: ctx.lang.code(),
        ..FormValues::default()
    };
    if let Some(token) = query.into_inner().invitation {
        if let Some(invitation) = join::invitation(&state.db, token.clone()).await? {
            form.name_latin = invitation.city_name;
            form.country = invitation.country_code.into_string();
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

#[post("/join")]
pub async fn submit_application(
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
        return Ok(flash::redirect(
            &session,
            Level::Success,
            ctx.t("join-thanks"),
            "/",
        ));
    }
    let form = upload.values();
    let letter = match upload.letter {
        Some(file) => Letter::parse(file.file_name.as_deref(), file.data.to_vec()),
        None => Ok(None),
    };
    let visitor = Actor::visitor(Actor::address_of(&req));
    let submitted = join::submit(&state.db, &visitor, form.clone(), letter, &state.config).await;
    let submitted = match submitted {
        Ok(submitted) => submitted,
        Err(MembershipError::Invalid(errors)) => return join_page(ctx, &state, form, errors).await,
        Err(error) => return Err(error.into()),
    };
    tracing::info!(application = submitted.id, reference = %submitted.reference, duplicate = submitted.duplicate.is_some(), "application received");
    let message = ctx.t1("join-received", "reference", &submitted.reference);
    let to = format!("/join/status/{}", submitted.status_token);
    Ok(flash::redirect(&session, Level::Success, message, &to))
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
    files: Vec<applications::MessageFile>,
    member_number: Option<String>,
    errors: FormErrors,
}

impl StatusPage {
    fn explanation_key(&self) -> &'static str {
        status_explanation_key(self.application.status)
    }

    fn files_of(&self, message_id: impl Plain<i64>) -> Vec<&applications::MessageFile> {
        self.files
            .iter()
            .filter(|f| f.message_id == message_id.plain())
            .collect()
    }
}

async fn render_status(
    ctx: PageCtx,
    state: &AppState,
    token: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let view: StatusView = join::status(&state.db, token.clone(), ctx.lang).await?;
    let page = StatusPage {
        duplicate_notice: view
            .duplicate
            .as_ref()
            .map(|d| emails::duplicate_notice(&ctx.lang, d)),
        member_number: view.member_number.map(|n| format!("{n:05}")),
        ctx,
        token,
        application: view.application,
        country: view.country,
        messages: view.messages,
        files: view.files,
        errors,
    };
    render_with_status(&page, status_of(&page.errors))
}

#[get("/join/status/{token}")]
pub async fn status_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_status(ctx, &state, token.into_inner(), FormErrors::default()).await
}

#[derive(MultipartForm)]
pub struct ReplyUpload {
    body: Option<Text<String>>,
    /// The signed letter or other document staff asked for (optional).
    #[multipart(limit = "6MB")]
    file: Option<Upload>,
}

impl ReplyUpload {
    /// The answer, or the errors to show beside the fields.
    fn answer(self) -> Result<Answer, FormErrors> {
        let mut errors = FormErrors::default();
        let body = errors.check("body", MultiLine::parse(&text(&self.body), 4000));
        let attachment = errors.check(
            "file",
            match self.file {
                Some(file) => Attachment::parse(file.file_name.as_deref(), file.data.to_vec()),
                None => Ok(None),
            },
        );
        match (body, attachment) {
            (Some(body), Some(attachment)) => Ok(Answer { body, attachment }),
            _ => Err(errors),
        }
    }
}

/// The applicant answers a request for more information, with a file if
/// they like; the request goes back to the review queue.
#[post("/join/status/{token}/reply")]
pub async fn reply(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    token: web::Path<String>,
    upload: MultipartForm<ReplyUpload>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let answer = match upload.into_inner().answer() {
        Ok(answer) => answer,
        Err(errors) => return render_status(ctx, &state, token, errors).await,
    };
    let visitor = Actor::visitor(Actor::address_of(&req));
    let back = format!("/join/status/{token}");
    match join::reply(&state.db, &visitor, token, answer, &state.config).await {
        Ok(()) => Ok(flash::redirect(
            &session,
            Level::Success,
            ctx.t("join-reply-sent"),
            &back,
        )),
        Err(MembershipError::Refused(key)) => {
            Ok(flash::redirect(&session, Level::Error, ctx.t(key), &back))
        }
        Err(error) => Err(error.into()),
    }
}

/// A file the applicant attached to an answer, for the applicant.
#[get("/join/status/{token}/files/{file_id}")]
pub async fn status_file(
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (token, file_id) = path.into_inner();
    let (file_name, content_type, bytes) = join::status_file(&state.db, token, file_id).await?;
    Ok(super::review::download(&file_name, &content_type, bytes))
}
