//! Staff write and publish petitions; staff and city users record paper batches.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::models::{PaperBatch, Petition, PetitionStatus};
use super::store::{self, Counts, NewPaperBatch, PetitionFields};
use crate::audit;
use crate::domain::{FieldError, MultiLine, PlainLine};
use crate::membership::countries;
use crate::membership::join::country_options;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{
    client_ip, render, render_with_status, see_other, AppError, PageCtx, SignedIn, Staff,
};

/// The default time personal data is kept after a petition closes.
const DEFAULT_RETENTION_DAYS: i32 = 180;
const MAX_SCAN_BYTES: usize = 8 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(staff_list)
        .service(new_form)
        .service(create)
        .service(edit_form)
        .service(save)
        .service(detail)
        .service(record_paper_batch)
        .service(paper_scan)
        .service(city_petitions);
}

#[derive(Template)]
#[template(path = "petitions/staff_list.html")]
struct StaffListPage {
    ctx: PageCtx,
    petitions: Vec<(Petition, Counts)>,
}

#[get("/staff/petitions")]
async fn staff_list(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let petitions = state
        .db
        .run(|conn| {
            let mut list = Vec::new();
            for petition in store::all(conn)? {
                let counts = store::counts(conn, petition.id)?;
                list.push((petition, counts));
            }
            Ok(list)
        })
        .await?;
    render(&StaffListPage {
        ctx: staff.ctx,
        petitions,
    })
}

/// The petition form's fields, as typed.
#[derive(Deserialize, Clone, Default)]
pub struct PetitionForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body_markdown: String,
    #[serde(default)]
    addressee: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    retention_days: String,
}

impl PetitionForm {
    fn of(petition: &Petition) -> PetitionForm {
        PetitionForm {
            slug: petition.slug.clone(),
            title: petition.title.clone(),
            body_markdown: petition.body_markdown.clone(),
            addressee: petition.addressee.clone(),
            goal: petition.goal.to_string(),
            opens_on: petition.opens_on.to_string(),
            closes_on: petition.closes_on.to_string(),
            status: petition.status.as_str().into(),
            retention_days: petition.retention_days.to_string(),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError("error-date-invalid"))
}

/// A slug for addresses: lower-case letters, digits and hyphens.
fn parse_slug(text: &str) -> Result<String, FieldError> {
    let slug = text.trim().to_lowercase();
    let valid = (3..=80).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if valid {
        Ok(slug)
    } else {
        Err(FieldError("error-slug-invalid"))
    }
}

fn parse_petition(form: &PetitionForm) -> Result<PetitionFields, FormErrors> {
    let mut errors = FormErrors::default();
    let slug = errors.check("slug", parse_slug(&form.slug));
    let title = errors.check("title", PlainLine::parse(&form.title, 200));
    let body = errors.check(
        "body_markdown",
        MultiLine::parse(&form.body_markdown, 50_000),
    );
    let addressee = errors.check("addressee", PlainLine::parse(&form.addressee, 300));
    let goal = errors.check(
        "goal",
        crate::domain::parse_population(&form.goal).map_err(|_| FieldError("error-goal-invalid")),
    );
    let opens_on = errors.check("opens_on", parse_date(&form.opens_on));
    let closes_on = errors.check("closes_on", parse_date(&form.closes_on));
    if let (Some(opens), Some(closes)) = (opens_on, closes_on) {
        if closes < opens {
            errors.add("closes_on", FieldError("error-date-order"));
        }
    }
    let status = errors.check(
        "status",
        PetitionStatus::parse(&form.status).ok_or(FieldError("error-choose-option")),
    );
    let retention_days = errors.check(
        "retention_days",
        form.retention_days
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|d| (0..=3650).contains(d))
            .ok_or(FieldError("error-retention-invalid")),
    );
    match (
        slug,
        title,
        body,
        addressee,
        goal,
        opens_on,
        closes_on,
        status,
        retention_days,
        errors.is_empty(),
    ) {
        (
            Some(slug),
            Some(title),
            Some(body),
            Some(addressee),
            Some(goal),
            Some(opens_on),
            Some(closes_on),
            Some(status),
            Some(retention_days),
            true,
        ) => Ok(PetitionFields {
            slug,
            title: title.into_string(),
            body_markdown: body.as_str().to_string(),
            addressee: addressee.into_string(),
            goal,
            opens_on,
            closes_on,
            status,
            retention_days,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "petitions/form.html")]
struct FormPage {
    ctx: PageCtx,
    petition_id: Option<i64>,
    form: PetitionForm,
    errors: FormErrors,
    statuses: [PetitionStatus; 3],
}

fn form_page(
    ctx: PageCtx,
    petition_id: Option<i64>,
    form: PetitionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(
        &FormPage {
            ctx,
            petition_id,
            form,
            errors,
            statuses: PetitionStatus::ALL,
        },
        status,
    )
}

#[get("/staff/petitions/new")]
async fn new_form(staff: Staff) -> Result<HttpResponse, AppError> {
    let today = crate::domain::clock::today();
    let form = PetitionForm {
        opens_on: today.to_string(),
        closes_on: (today + chrono::Duration::days(365)).to_string(),
        status: PetitionStatus::Draft.as_str().into(),
        retention_days: DEFAULT_RETENTION_DAYS.to_string(),
        goal: "1000000".into(),
        ..PetitionForm::default()
    };
    form_page(staff.ctx, None, form, FormErrors::default())
}

/// Creates (`id` None) or updates a petition, audited.
async fn store_petition(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: Option<i64>,
    form: PetitionForm,
) -> Result<HttpResponse, AppError> {
    let fields = match parse_petition(&form) {
        Ok(fields) => fields,
        Err(errors) => return form_page(staff.ctx, id, form, errors),
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let saved = state
        .db
        .write(move |conn| {
            let before = id.map(|id| store::find(conn, id)).transpose()?.flatten();
            let saved_id = match id {
                Some(id) => {
                    store::update(conn, id, &fields)?;
                    id
                }
                None => store::insert(conn, &fields)?,
            };
            let summary = match &before {
                Some(before) => format!(
                    "{}: status {} → {}, closes {} → {}",
                    fields.title,
                    before.status.as_str(),
                    fields.status.as_str(),
                    before.closes_on,
                    fields.closes_on
                ),
                None => format!(
                    "{} ({}), {}",
                    fields.title,
                    fields.slug,
                    fields.status.as_str()
                ),
            };
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: if before.is_some() {
                        "petition.update"
                    } else {
                        "petition.create"
                    },
                    entity_type: "petition",
                    entity_id: Some(saved_id.to_string()),
                    summary,
                    ip,
                },
            )?;
            Ok(saved_id)
        })
        .await;
    match saved {
        Ok(saved_id) => {
            flash::push(&session, Level::Success, staff.ctx.t("petition-saved"));
            Ok(see_other(&format!("/staff/petitions/{saved_id}")))
        }
        Err(e) if e.is_unique_violation() => {
            let mut errors = FormErrors::default();
            errors.add("slug", FieldError("error-slug-taken"));
            form_page(staff.ctx, id, form, errors)
        }
        Err(e) => Err(e.into()),
    }
}

#[post("/staff/petitions")]
async fn create(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<PetitionForm>,
) -> Result<HttpResponse, AppError> {
    store_petition(staff, state, session, req, None, form.into_inner()).await
}

#[get("/staff/petitions/{id}/edit")]
async fn edit_form(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let petition = state
        .db
        .run(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    form_page(
        staff.ctx,
        Some(id),
        PetitionForm::of(&petition),
        FormErrors::default(),
    )
}

#[post("/staff/petitions/{id}")]
async fn save(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<PetitionForm>,
) -> Result<HttpResponse, AppError> {
    store_petition(
        staff,
        state,
        session,
        req,
        Some(id.into_inner()),
        form.into_inner(),
    )
    .await
}

// ------------------------------------------------------------ detail and paper batches

#[derive(Template)]
#[template(path = "petitions/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    petition: Petition,
    counts: Counts,
    batches: Vec<PaperBatch>,
    countries: Vec<(String, String)>,
    form: PaperForm,
    errors: FormErrors,
    staff_view: bool,
}

async fn detail_page(
    ctx: PageCtx,
    state: &AppState,
    petition_id: i64,
    city_id: Option<i64>,
    form: PaperForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let (petition, counts, batches, countries) = state
        .db
        .run(move |conn| {
            let Some(petition) = store::find(conn, petition_id)? else {
                return Ok(None);
            };
            let counts = store::counts(conn, petition_id)?;
            let batches = store::paper_batches(conn, petition_id, city_id)?;
            Ok(Some((
                petition,
                counts,
                batches,
                country_options(&countries::all(conn)?, &lang),
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = DetailPage {
        staff_view: city_id.is_none(),
        ctx,
        petition,
        counts,
        batches,
        countries,
        form,
        errors,
    };
    render_with_status(&page, status)
}

#[get("/staff/petitions/{id}")]
async fn detail(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    detail_page(
        staff.ctx,
        &state,
        id.into_inner(),
        None,
        PaperForm::default(),
        FormErrors::default(),
    )
    .await
}

/// A city user's view: open petitions and their own city's paper batches.
#[get("/city/petitions/{id}")]
async fn city_petitions(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    detail_page(
        signed_in.ctx,
        &state,
        id.into_inner(),
        Some(city_id),
        PaperForm::default(),
        FormErrors::default(),
    )
    .await
}

#[derive(Default, Clone)]
struct PaperForm {
    signatures: String,
    country: String,
    collected_from: String,
    collected_to: String,
    handed_over_on: String,
    note: String,
}

#[derive(MultipartForm)]
pub struct PaperUpload {
    signatures: Option<Text<String>>,
    country: Option<Text<String>>,
    collected_from: Option<Text<String>>,
    collected_to: Option<Text<String>>,
    handed_over_on: Option<Text<String>>,
    note: Option<Text<String>>,
    #[multipart(limit = "9MB")]
    scan: Option<Upload>,
}

fn text(field: &Option<Text<String>>) -> String {
    field.as_ref().map(|t| t.0.clone()).unwrap_or_default()
}

/// A scan must be a PDF, JPEG or PNG, judged by its first bytes.
fn parse_scan(upload: Option<Upload>) -> Result<Option<(String, Vec<u8>)>, FieldError> {
    let Some(file) = upload.filter(|f| !f.data.is_empty()) else {
        return Ok(None);
    };
    if file.data.len() > MAX_SCAN_BYTES {
        return Err(FieldError("error-scan-too-large"));
    }
    let data = file.data.to_vec();
    let extension = if data.starts_with(b"%PDF-") {
        "pdf"
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else {
        return Err(FieldError("error-scan-type"));
    };
    Ok(Some((format!("scan.{extension}"), data)))
}

/// Records a paper batch: staff for any city or none, a city user for their own.
#[post("/petitions/{id}/paper")]
async fn record_paper_batch(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    upload: MultipartForm<PaperUpload>,
) -> Result<HttpResponse, AppError> {
    let petition_id = id.into_inner();
    let city_id = if signed_in.user.role.is_staff() {
        None
    } else {
        Some(signed_in.own_city()?)
    };
    let upload = upload.into_inner();
    let form = PaperForm {
        signatures: text(&upload.signatures),
        country: text(&upload.country),
        collected_from: text(&upload.collected_from),
        collected_to: text(&upload.collected_to),
        handed_over_on: text(&upload.handed_over_on),
        note: text(&upload.note),
    };
    let mut errors = FormErrors::default();
    let signatures = errors.check(
        "signatures",
        crate::domain::parse_population(&form.signatures)
            .map_err(|_| FieldError("error-count-invalid")),
    );
    let collected_from = errors.check("collected_from", parse_date(&form.collected_from));
    let collected_to = errors.check("collected_to", parse_date(&form.collected_to));
    let handed_over_on = errors.check("handed_over_on", parse_date(&form.handed_over_on));
    if let (Some(from), Some(to)) = (collected_from, collected_to) {
        if to < from {
            errors.add("collected_to", FieldError("error-date-order"));
        }
    }
    let note = match form.note.trim() {
        "" => Some(None),
        note => errors.check(
            "note",
            MultiLine::parse(note, 2000).map(|n| Some(n.as_str().to_string())),
        ),
    };
    let scan = errors.check("scan", parse_scan(upload.scan));
    let country_input = form.country.clone();
    let country = state
        .db
        .run(move |conn| countries::parse_code(conn, &country_input))
        .await?;
    let country = errors.check("country", country);
    let (
        Some(signatures),
        Some(collected_from),
        Some(collected_to),
        Some(handed_over_on),
        Some(note),
        Some(scan),
        Some(country),
        true,
    ) = (
        signatures,
        collected_from,
        collected_to,
        handed_over_on,
        note,
        scan,
        country,
        errors.is_empty(),
    )
    else {
        return detail_page(signed_in.ctx, &state, petition_id, city_id, form, errors).await;
    };
    let actor = signed_in.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let Some(petition) = store::find(conn, petition_id)? else {
                return Ok(None);
            };
            let batch = NewPaperBatch {
                petition_id,
                city_id,
                recorded_by: actor.id,
                signatures,
                country_code: &country.code,
                collected_from,
                collected_to,
                handed_over_on,
                note: note.as_deref(),
                scan,
            };
            let batch_id = store::insert_paper_batch(conn, &batch)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "petition.paper_batch",
                    entity_type: "petition_paper_batch",
                    entity_id: Some(batch_id.to_string()),
                    summary: format!(
                        "{signatures} paper signatures from {} for {}",
                        country.code, petition.title
                    ),
                    ip,
                },
            )?;
            Ok(Some(()))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    flash::push(&session, Level::Success, signed_in.ctx.t("paper-recorded"));
    let back = if city_id.is_some() {
        format!("/city/petitions/{petition_id}")
    } else {
        format!("/staff/petitions/{petition_id}")
    };
    Ok(see_other(&back))
}

#[get("/petitions/paper/{batch_id}/scan")]
async fn paper_scan(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    batch_id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let batch_id = batch_id.into_inner();
    let store::Scan {
        city_id,
        name,
        bytes,
    } = state
        .db
        .run(move |conn| store::paper_scan(conn, batch_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = signed_in.user.role.is_staff()
        || (signed_in.user.city_id.is_some() && signed_in.user.city_id == city_id);
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let content_type = match name.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        _ => "image/jpeg",
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .body(bytes))
}
