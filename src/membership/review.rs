//! The secretariat's review of joining requests: the queue, a request's page,
//! and the decisions (approve, reject with a reason, ask for more information),
//! each emailed to the applicant and audited.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::applications::{self, Duplicate, QueueFilter};
use super::countries;
use super::emails;
use super::join::country_options;
use super::models::{Application, ApplicationMessage, ApplicationStatus};
use crate::audit;
use crate::auth::User;
use crate::db::{DbConn, DbResult};
use crate::domain::MultiLine;
use crate::mail::{self, Email};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(queue_page)
        .service(application_page)
        .service(letter_download)
        .service(approve)
        .service(reject)
        .service(request_information);
}

/// The city an application duplicates, if the reviewer should know.
pub fn duplicate_of(conn: &mut DbConn, application: &Application) -> DbResult<Option<Duplicate>> {
    if let Some(city) = application
        .duplicate_city_id
        .map(|id| super::cities::find(conn, id))
        .transpose()?
        .flatten()
    {
        return Ok(Some(Duplicate::Member {
            name: city.display_name(),
            member_number: city.member_number,
        }));
    }
    if let Some(other) = application
        .duplicate_application_id
        .map(|id| applications::find(conn, id))
        .transpose()?
        .flatten()
    {
        return Ok(Some(Duplicate::Application {
            reference: other.reference,
        }));
    }
    Ok(None)
}

#[derive(Template)]
#[template(path = "membership/queue.html")]
struct QueuePage {
    ctx: PageCtx,
    filter: QueueFilter,
    applications: Vec<Application>,
    countries: Vec<(String, String)>,
    statuses: &'static [ApplicationStatus],
    no_errors: crate::web::form::FormErrors,
    count: i64,
}

#[get("/staff/applications")]
async fn queue_page(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<QueueFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let query = filter.clone();
    let (applications, countries) = state
        .db
        .run(move |conn| Ok((applications::queue(conn, &query)?, countries::all(conn)?)))
        .await?;
    render(&QueuePage {
        countries: country_options(&countries, &staff.ctx.lang),
        ctx: staff.ctx,
        filter,
        count: i64::try_from(applications.len()).unwrap_or(i64::MAX),
        applications,
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
    has_letter: bool,
    registration_day: u32,
}

#[get("/staff/applications/{id}")]
async fn application_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let lang = staff.ctx.lang;
    let page = state
        .db
        .run(move |conn| {
            let Some(application) = applications::find(conn, id)? else {
                return Ok(None);
            };
            let country = countries::find(conn, &application.country_code)?
                .map(|c| c.name(&lang).to_string())
                .unwrap_or_default();
            Ok(Some((
                duplicate_of(conn, &application)?,
                applications::messages(conn, id)?,
                applications::has_letter(conn, id)?,
                crate::settings::registration_day(conn)?,
                country,
                application,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (duplicate, messages, has_letter, registration_day, country, application) = page;
    render(&ApplicationPage {
        duplicate_notice: duplicate
            .as_ref()
            .map(|d| emails::duplicate_notice(&lang, d)),
        ctx: staff.ctx,
        application,
        country,
        messages,
        has_letter,
        registration_day,
    })
}

#[get("/staff/applications/{id}/letter.pdf")]
async fn letter_download(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (file_name, bytes) = state
        .db
        .run(move |conn| applications::letter(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
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

/// One decision: the transition, the note in the thread, the applicant's email
/// and the audit entry, in one transaction.
struct Decision {
    action: &'static str,
    from: &'static [ApplicationStatus],
    to: ApplicationStatus,
    note: Option<String>,
    email: fn(&Application, &str, &DecisionContext) -> Email,
    success_key: &'static str,
}

struct DecisionContext {
    registration_day: u32,
    status_link: String,
}

async fn decide(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: i64,
    decision: Decision,
) -> Result<HttpResponse, AppError> {
    let actor: User = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let config = state.config.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let Some(application) = applications::find(conn, id)? else {
                return Ok(None);
            };
            if !applications::transition(
                conn,
                id,
                decision.from,
                decision.to,
                decision.note.as_deref(),
                Some(actor.id),
            )? {
                return Ok(Some(false));
            }
            let note = decision.note.clone().unwrap_or_default();
            if decision.to == ApplicationStatus::InfoRequested {
                applications::add_message(
                    conn,
                    id,
                    false,
                    Some(actor.id),
                    &note,
                    crate::domain::clock::now(),
                )?;
            }
            let context = DecisionContext {
                registration_day: crate::settings::registration_day(conn)?,
                status_link: config.link(&applications::status_path(&config.secret_key, id)),
            };
            let email = (decision.email)(&application, &note, &context);
            let key = format!(
                "application-{id}-{}-{}",
                decision.action,
                crate::domain::clock::now().and_utc().timestamp_micros()
            );
            mail::enqueue(
                conn,
                &key,
                &email,
                Some(mail::Reference::new("application", id)),
            )?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: decision.action,
                    entity_type: "application",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "{} ({}): {} → {}{}",
                        application.name_latin,
                        application.reference,
                        application.status.as_str(),
                        decision.to.as_str(),
                        decision
                            .note
                            .as_deref()
                            .map(|n| format!("; {n}"))
                            .unwrap_or_default()
                    ),
                    ip,
                },
            )?;
            Ok(Some(true))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    if outcome {
        flash::push(&session, Level::Success, staff.ctx.t(decision.success_key));
    } else {
        flash::push(
            &session,
            Level::Error,
            staff.ctx.t("application-not-changed"),
        );
    }
    Ok(see_other(&format!("/staff/applications/{id}")))
}

#[post("/staff/applications/{id}/approve")]
async fn approve(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let decision = Decision {
        action: "application.approve",
        from: &[
            ApplicationStatus::Submitted,
            ApplicationStatus::InfoRequested,
        ],
        to: ApplicationStatus::Approved,
        note: None,
        email: |application, _, context| {
            emails::application_approved(
                application,
                context.registration_day,
                &context.status_link,
            )
        },
        success_key: "application-approved",
    };
    decide(staff, state, session, req, id.into_inner(), decision).await
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
}

/// The reason or question is required: the applicant reads it. `None` (with a
/// flash message saying so) when it is missing.
fn required_note(staff: &Staff, session: &Session, form: &NoteForm) -> Option<String> {
    let note = MultiLine::parse(&form.note, 4000)
        .ok()
        .map(|n| n.as_str().to_string());
    if note.is_none() {
        flash::push(
            session,
            Level::Error,
            staff.ctx.t("application-note-required"),
        );
    }
    note
}

#[post("/staff/applications/{id}/reject")]
async fn reject(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Some(reason) = required_note(&staff, &session, &form) else {
        return Ok(see_other(&format!("/staff/applications/{id}")));
    };
    let decision = Decision {
        action: "application.reject",
        from: &[
            ApplicationStatus::Submitted,
            ApplicationStatus::InfoRequested,
            ApplicationStatus::Approved,
        ],
        to: ApplicationStatus::Rejected,
        note: Some(reason),
        email: |application, reason, context| {
            emails::application_rejected(application, reason, &context.status_link)
        },
        success_key: "application-rejected",
    };
    decide(staff, state, session, req, id, decision).await
}

#[post("/staff/applications/{id}/request-information")]
async fn request_information(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Some(question) = required_note(&staff, &session, &form) else {
        return Ok(see_other(&format!("/staff/applications/{id}")));
    };
    let decision = Decision {
        action: "application.request_information",
        from: &[
            ApplicationStatus::Submitted,
            ApplicationStatus::InfoRequested,
        ],
        to: ApplicationStatus::InfoRequested,
        note: Some(question),
        email: |application, question, context| {
            emails::information_requested(application, question, &context.status_link)
        },
        success_key: "application-information-requested",
    };
    decide(staff, state, session, req, id, decision).await
}
