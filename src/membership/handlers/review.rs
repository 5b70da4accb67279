//! The secretariat's review of joining requests: the queue, a request's page
//! with its letter, and the decisions.

use std::collections::HashSet;

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::domain::MultiLine;
use crate::membership::applications::{MessageFile, QueueFilter};
use crate::membership::emails;
use crate::membership::models::{Application, ApplicationMessage, ApplicationStatus};
use crate::membership::review::{self, Decision};
use crate::web::page::Plain;
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};

#[derive(Template)]
#[template(path = "membership/queue.html")]
struct QueuePage {
    ctx: PageCtx,
    filter: QueueFilter,
    applications: Vec<Application>,
    /// Requests whose applicant answered the latest question.
    answered: HashSet<i64>,
    countries: Vec<(String, String)>,
    statuses: &'static [ApplicationStatus],
    no_errors: crate::web::form::FormErrors,
    count: i64,
}

impl QueuePage {
    fn is_answered(&self, id: impl Plain<i64>) -> bool {
        self.answered.contains(&id.plain())
    }
}

#[get("/staff/applications")]
pub async fn queue_page(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<QueueFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let view = review::queue(&state.db, filter.clone(), staff.ctx.lang).await?;
    render(&QueuePage {
        countries: view.countries,
        ctx: staff.ctx,
        filter,
        count: i64::try_from(view.applications.len()).unwrap_or(i64::MAX),
        applications: view.applications,
        answered: view.answered,
        statuses: ApplicationStatus::ALL,
        no_errors: Default::default(),
    })
}

#[derive(Template)]
#[template(path = "membership/application.html")]
struct ApplicationPage {
    ctx: PageCtx,
    application: Application,
    country: String,
    duplicate_notice: Option<String>,
    messages: Vec<ApplicationMessage>,
    files: Vec<MessageFile>,
    has_letter: bool,
    registration_day: u32,
}

impl ApplicationPage {
    fn files_of(&self, message_id: impl Plain<i64>) -> Vec<&MessageFile> {
        self.files
            .iter()
            .filter(|f| f.message_id == message_id.plain())
            .collect()
    }
}

#[get("/staff/applications/{id}")]
pub async fn application_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let lang = staff.ctx.lang;
    let view = review::application(&state.db, id.into_inner(), lang).await?;
    render(&ApplicationPage {
        duplicate_notice: view
            .duplicate
            .as_ref()
            .map(|d| emails::duplicate_notice(&lang, d)),
        ctx: staff.ctx,
        application: view.application,
        country: view.country,
        messages: view.messages,
        files: view.files,
        has_letter: view.has_letter,
        registration_day: view.registration_day,
    })
}

#[get("/staff/applications/{id}/letter.pdf")]
pub async fn letter_download(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (file_name, bytes) = review::letter(&state.db, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        // Downloaded, never shown inline: the file is the applicant's, not ours.
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file_name.replace('"', "")),
        ))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .body(bytes))
}

/// A stored file as a download, never shown inline: the file is the
/// applicant's, not ours. The name is kept to safe characters when stored;
/// non-ASCII letters go in the RFC 6266 `filename*` form.
pub(super) fn download(file_name: &str, content_type: &str, bytes: Vec<u8>) -> HttpResponse {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    HttpResponse::Ok()
        .content_type(content_type.to_string())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .body(bytes)
}

/// A file an applicant attached to an answer, for staff.
#[get("/staff/applications/{id}/files/{file_id}")]
pub async fn file_download(
    _staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, file_id) = path.into_inner();
    let (file_name, content_type, bytes) = review::message_file(&state.db, id, file_id).await?;
    Ok(download(&file_name, &content_type, bytes))
}

/// Takes the decision and answers the reviewer on the request's page.
async fn decide(
    action: StaffAction,
    state: &AppState,
    id: i64,
    decision: Decision,
) -> Result<HttpResponse, AppError> {
    let success = action.t(decision.success_key());
    let decided = review::decide(&state.db, &action.actor, id, decision, &state.config).await;
    action.answer(decided, &format!("/staff/applications/{id}"), |_| success)
}

#[post("/staff/applications/{id}/approve")]
pub async fn approve(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    decide(action, &state, id.into_inner(), Decision::Approve).await
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

impl NoteForm {
    /// The reason or question is required: the applicant reads it.
    fn note(&self) -> Option<MultiLine> {
        MultiLine::parse(&self.note, 4000).ok()
    }
}

#[post("/staff/applications/{id}/reject")]
pub async fn reject(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Some(reason) = form.note() else {
        let back = format!("/staff/applications/{id}");
        return Ok(action.refused(action.t("application-note-required"), &back));
    };
    decide(action, &state, id, Decision::Reject(reason)).await
}

#[post("/staff/applications/{id}/request-information")]
pub async fn request_information(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Some(question) = form.note() else {
        let back = format!("/staff/applications/{id}");
        return Ok(action.refused(action.t("application-note-required"), &back));
    };
    decide(action, &state, id, Decision::RequestInformation(question)).await
}
