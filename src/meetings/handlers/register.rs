//! A city's registration page, opened from its personal link (no account
//! needed; city users reach it from /city/meetings): delegates, dates and
//! needs; change them, decline or withdraw until registration closes.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::links;
use crate::audit::Actor;
use crate::meetings::error::MeetingError;
use crate::meetings::forms::{RegistrationForm, MAX_DELEGATE_ROWS};
use crate::meetings::models::InvitationStatus;
use crate::meetings::registration::{self, LinkKey, RegistrationView};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::{render_with_status, AppError, AppState, PageCtx, Refusal};

/// One delegate row of the form, as shown.
#[derive(Default)]
pub struct Row {
    pub n: i32,
    pub name: String,
    pub title: String,
    pub email: String,
    pub mayor: bool,
    pub visa: bool,
    pub name_error: Option<&'static str>,
    pub email_error: Option<&'static str>,
}

/// The form's values: from the saved registration, or as typed.
pub struct Filled {
    pub rows: Vec<Row>,
    pub arrival_on: String,
    pub departure_on: String,
    pub interpretation: String,
    pub accessibility: String,
    pub dietary: String,
    pub wait_if_full: bool,
}

impl Filled {
    fn saved(v: &RegistrationView) -> Filled {
        let i = &v.invitation;
        let text = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Filled {
            rows: (1..=v.meeting.capacity_per_city.min(MAX_DELEGATE_ROWS))
                .map(|n| match v.delegates.get((n - 1) as usize) {
                    Some(d) => Row {
                        n,
                        name: d.name.clone(),
                        title: d.title.clone(),
                        email: d.email.clone(),
                        mayor: d.is_mayor,
                        visa: d.visa_letter,
                        ..Row::default()
                    },
                    None => Row {
                        n,
                        ..Row::default()
                    },
                })
                .collect(),
            arrival_on: text(i.arrival_on),
            departure_on: text(i.departure_on),
            interpretation: i.interpretation.clone().unwrap_or_default(),
            accessibility: i.accessibility.clone().unwrap_or_default(),
            dietary: i.dietary.clone().unwrap_or_default(),
            wait_if_full: i.status == InvitationStatus::Waiting,
        }
    }

    /// As typed, with the errors of each row beside its fields.
    fn typed(f: &RegistrationForm, rows: i32, errors: &FormErrors) -> Filled {
        let v = |name: &str| f.value(name).to_string();
        Filled {
            rows: (1..=rows.min(MAX_DELEGATE_ROWS))
                .map(|n| Row {
                    n,
                    name: v(&format!("d{n}_name")),
                    title: v(&format!("d{n}_title")),
                    email: v(&format!("d{n}_email")),
                    mayor: f.ticked(&format!("d{n}_mayor")),
                    visa: f.ticked(&format!("d{n}_visa")),
                    name_error: errors.get(&format!("d{n}_name")),
                    email_error: errors.get(&format!("d{n}_email")),
                })
                .collect(),
            arrival_on: v("arrival_on"),
            departure_on: v("departure_on"),
            interpretation: v("interpretation"),
            accessibility: v("accessibility"),
            dietary: v("dietary"),
            wait_if_full: f.ticked("wait_if_full"),
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/register.html")]
struct RegisterPage {
    ctx: PageCtx,
    v: RegistrationView,
    f: Filled,
    errors: FormErrors,
    refusal: Option<String>,
    action: String,
}

fn key(path: (i64, i64, String)) -> LinkKey {
    LinkKey {
        meeting_id: path.0,
        city_id: path.1,
        token: path.2,
    }
}

fn action_path(k: &LinkKey) -> String {
    format!(
        "/meetings/{}/register/{}/{}",
        k.meeting_id, k.city_id, k.token
    )
}

/// Whoever answers: the signed-in city user, or a visitor holding the link.
fn actor(ctx: &PageCtx, req: &HttpRequest) -> Actor {
    match &ctx.user {
        Some(user) => Actor::user(user, Actor::address_of(req)),
        None => Actor::visitor(Actor::address_of(req)),
    }
}

#[get("/meetings/{id:\\d+}/register/{city:\\d+}/{token}")]
pub async fn page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let k = key(path.into_inner());
    let action = action_path(&k);
    let v = registration::open(&state.db, &links(&state), k).await?;
    let f = Filled::saved(&v);
    let errors = FormErrors::default();
    let page = RegisterPage {
        ctx,
        v,
        f,
        errors,
        refusal: None,
        action,
    };
    render_with_status(&page, StatusCode::OK)
}

#[post("/meetings/{id:\\d+}/register/{city:\\d+}/{token}")]
pub async fn submit(
    ctx: PageCtx,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let k = key(path.into_inner());
    let action = action_path(&k);
    let form = RegistrationForm::from_pairs(form.into_inner());
    let parsed = form.parse(MAX_DELEGATE_ROWS);
    let (who, links) = (actor(&ctx, &req), links(&state));
    let (errors, refusal) =
        match registration::register(&state.db, &who, &links, k.clone(), parsed).await {
            Ok(status) => {
                let message = ctx.t(&format!("meeting-saved-{}", status.as_str()));
                return Ok(flash::redirect(&session, Level::Success, message, &action));
            }
            Err(MeetingError::Invalid(errors)) => (errors, None),
            Err(e) => match e.refusal(ctx.lang) {
                Some(reason) => (FormErrors::default(), Some(reason)),
                None => return Err(e.into()),
            },
        };
    let v = registration::open(&state.db, &links, k).await?;
    let f = Filled::typed(&form, v.meeting.capacity_per_city, &errors);
    let status = if refusal.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(
        &RegisterPage {
            ctx,
            v,
            f,
            errors,
            refusal,
            action,
        },
        status,
    )
}

#[post("/meetings/{id:\\d+}/register/{city:\\d+}/{token}/decline")]
pub async fn decline(
    ctx: PageCtx,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let k = key(path.into_inner());
    let action = action_path(&k);
    let who = actor(&ctx, &req);
    match registration::decline(&state.db, &who, &links(&state), k).await {
        Ok(status) => {
            let message = ctx.t(&format!("meeting-saved-{}", status.as_str()));
            Ok(flash::redirect(&session, Level::Success, message, &action))
        }
        Err(e) => match e.refusal(ctx.lang) {
            Some(reason) => Ok(flash::redirect(&session, Level::Error, reason, &action)),
            None => Err(e.into()),
        },
    }
}
