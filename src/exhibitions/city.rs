//! A member city's own pages: its exhibitions, registering one, changing it
//! while it is only requested, cancelling it, and the report afterwards with
//! photos. A city user reaches only its own city's exhibitions. What a city
//! does here is audited like staff actions: the log shows who changed what.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::forms::{parse_details, required_visitors, ExhibitionForm};
use super::models::{Exhibition, Status};
use super::queries::{self, Details, Holder};
use super::staff::{country_choices, FormPage};
use super::workflow::{self, Step};
use super::{emails, loans, zones};
use crate::audit;
use crate::domain::{FieldError, MultiLine};
use crate::membership::{cities, models::MemberCity};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, AppError, PageCtx, SignedIn};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_page)
        .service(new_page)
        .service(create)
        .service(detail_page)
        .service(edit_page)
        .service(update)
        .service(cancel)
        .service(report)
        .service(photo_file);
}

pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;

async fn own_city(state: &AppState, user: &SignedIn) -> Result<MemberCity, AppError> {
    let city_id = user.own_city()?;
    state
        .db
        .run(move |conn| cities::find(conn, city_id))
        .await?
        .ok_or(AppError::Forbidden)
}

/// The exhibition, only if it belongs to the city: another city's is "not found".
async fn own_exhibition(state: &AppState, city_id: i64, id: i64) -> Result<Exhibition, AppError> {
    state
        .db
        .run(move |conn| queries::find(conn, id))
        .await?
        .filter(|e| e.city_id == Some(city_id))
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "exhibitions/city_list.html")]
struct ListPage {
    ctx: PageCtx,
    city: MemberCity,
    exhibitions: Vec<Exhibition>,
    feed_url: String,
}

#[get("/city/exhibitions")]
async fn list_page(user: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let city = own_city(&state, &user).await?;
    let city_id = city.id;
    let (exhibitions, token) = state
        .db
        .write(move |conn| {
            Ok((
                queries::for_city(conn, city_id)?,
                queries::feed_token(conn, city_id)?,
            ))
        })
        .await?;
    render(&ListPage {
        feed_url: state
            .config
            .link(&format!("/exhibitions/feeds/{token}.ics")),
        ctx: user.ctx,
        city,
        exhibitions,
    })
}

#[get("/city/exhibitions/new")]
async fn new_page(user: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let city = own_city(&state, &user).await?;
    let form = ExhibitionForm {
        country: city.country_code.clone(),
        time_zone: zones::default_zone(&city.country_code).to_string(),
        poster_language: city.language.clone(),
        format: "print".into(),
        publish: "yes".into(),
        ..ExhibitionForm::default()
    };
    let countries = country_choices(&state, user.ctx.lang).await?;
    render(&FormPage::build(
        user.ctx,
        form,
        FormErrors::default(),
        "/city/exhibitions",
        Some(&city),
        countries,
    ))
}

#[post("/city/exhibitions")]
async fn create(
    user: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let city = own_city(&state, &user).await?;
    let form = form.into_inner();
    let values = form.clone();
    let (city_id, country, language) = (city.id, city.country_code.clone(), city.language.clone());
    let city_name = city.name_latin.clone();
    let actor = user.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let mut errors = FormErrors::default();
            let Some(details) = parse_details(conn, &values, Some(&country), &mut errors)? else {
                return Ok(Err(errors));
            };
            let id = queries::insert(
                conn,
                &Holder::City { city_id },
                &details,
                &language,
                Some(actor.id),
            )?;
            if let Some(exhibition) = queries::find(conn, id)? {
                emails::enqueue_status(conn, &exhibition, None, &base_url)?;
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "exhibition.register",
                    entity_type: "exhibition",
                    entity_id: Some(id.to_string()),
                    summary: format!("{} for {city_name}", details.title),
                    ip,
                },
            )?;
            Ok(Ok(id))
        })
        .await?;
    match outcome {
        Ok(id) => {
            flash::push(&session, Level::Success, user.ctx.t("exh-registered"));
            Ok(see_other(&format!("/city/exhibitions/{id}")))
        }
        Err(errors) => {
            let countries = country_choices(&state, user.ctx.lang).await?;
            let page = FormPage::build(
                user.ctx,
                form,
                errors,
                "/city/exhibitions",
                Some(&city),
                countries,
            );
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

#[derive(Template)]
#[template(path = "exhibitions/city_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    exhibition: Exhibition,
    photos: Vec<i64>,
    set_code: Option<String>,
    report_errors: FormErrors,
    max_photo_mb: usize,
}

async fn detail_with(
    user: SignedIn,
    state: &AppState,
    id: i64,
    report_errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let city = own_city(state, &user).await?;
    let exhibition = own_exhibition(state, city.id, id).await?;
    let (photos, set_code) = state
        .db
        .run(move |conn| {
            let set = match loans::active_loan(conn, id)? {
                Some(loan) => loans::find_set(conn, loan.poster_set_id)?.map(|s| s.code),
                None => None,
            };
            Ok((queries::photo_ids(conn, id)?, set))
        })
        .await?;
    let failed = !report_errors.is_empty();
    let page = DetailPage {
        ctx: user.ctx,
        exhibition,
        photos,
        set_code,
        report_errors,
        max_photo_mb: MAX_PHOTO_BYTES / (1024 * 1024),
    };
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with_status(&page, status)
}

#[get("/city/exhibitions/{id}")]
async fn detail_page(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    detail_with(user, &state, id.into_inner(), FormErrors::default()).await
}

#[get("/city/exhibitions/{id}/edit")]
async fn edit_page(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let city = own_city(&state, &user).await?;
    let exhibition = own_exhibition(&state, city.id, id).await?;
    if !exhibition.city_may_edit() {
        return Err(AppError::BadRequest("exh-error-not-editable"));
    }
    let countries = country_choices(&state, user.ctx.lang).await?;
    let action = format!("/city/exhibitions/{id}");
    render(&FormPage::build(
        user.ctx,
        ExhibitionForm::of(&exhibition),
        FormErrors::default(),
        &action,
        Some(&city),
        countries,
    ))
}

#[post("/city/exhibitions/{id}")]
async fn update(
    user: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let city = own_city(&state, &user).await?;
    let exhibition = own_exhibition(&state, city.id, id).await?;
    if !exhibition.city_may_edit() {
        return Err(AppError::BadRequest("exh-error-not-editable"));
    }
    let form = form.into_inner();
    let values = form.clone();
    let country = city.country_code.clone();
    let actor = user.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let outcome = state
        .db
        .write(move |conn| {
            let mut errors = FormErrors::default();
            let Some(details) = parse_details(conn, &values, Some(&country), &mut errors)? else {
                return Ok(Err(errors));
            };
            // Only while still requested: staff may have confirmed it meanwhile.
            match queries::find(conn, id)? {
                Some(current) if current.city_may_edit() => {
                    queries::update_details(conn, id, &details)?;
                    audit::record_entry(
                        conn,
                        audit::Entry {
                            actor: Some(&actor),
                            action: "exhibition.update",
                            entity_type: "exhibition",
                            entity_id: Some(id.to_string()),
                            summary: changes(&current, &details),
                            ip,
                        },
                    )?;
                    Ok(Ok(()))
                }
                _ => {
                    errors.add("title", FieldError("exh-error-not-editable"));
                    Ok(Err(errors))
                }
            }
        })
        .await?;
    match outcome {
        Ok(()) => {
            flash::push(&session, Level::Success, user.ctx.t("exh-saved"));
            Ok(see_other(&format!("/city/exhibitions/{id}")))
        }
        Err(errors) => {
            let countries = country_choices(&state, user.ctx.lang).await?;
            let action = format!("/city/exhibitions/{id}");
            let page = FormPage::build(user.ctx, form, errors, &action, Some(&city), countries);
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

#[post("/city/exhibitions/{id}/cancel")]
async fn cancel(
    user: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let city = own_city(&state, &user).await?;
    let exhibition = own_exhibition(&state, city.id, id).await?;
    let actor = user.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let step = Step {
                to: Status::Cancelled,
                note: None,
                actor: Some(&actor),
                ip,
                base_url: &base_url,
            };
            workflow::advance(conn, &exhibition, step)
        })
        .await?;
    match outcome {
        Ok(_) => flash::push(&session, Level::Success, user.ctx.t("exh-cancelled")),
        Err(key) => flash::push(&session, Level::Error, user.ctx.t(key)),
    }
    Ok(see_other(&format!("/city/exhibitions/{id}")))
}

/// What a city's edit changed, as "field: before → after" for the audit log.
fn changes(before: &Exhibition, after: &Details) -> String {
    let dates = |start: chrono::NaiveDate, end: chrono::NaiveDate| format!("{start}–{end}");
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

#[derive(MultipartForm)]
struct ReportUpload {
    visitors: Option<Text<String>>,
    comments: Option<Text<String>>,
    #[multipart(limit = "6MB")]
    photo: Option<Upload>,
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

#[post("/city/exhibitions/{id}/report")]
async fn report(
    user: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    upload: MultipartForm<ReportUpload>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let city = own_city(&state, &user).await?;
    let exhibition = own_exhibition(&state, city.id, id).await?;
    if !exhibition.can_report() {
        return Err(AppError::BadRequest("exh-error-not-held"));
    }
    let upload = upload.into_inner();
    let mut errors = FormErrors::default();
    let visitors = errors.check(
        "visitors",
        required_visitors(upload.visitors.as_ref().map(|t| t.0.as_str()).unwrap_or("")),
    );
    let comments = match upload.comments.as_ref().map(|t| t.0.trim()).unwrap_or("") {
        "" => None,
        text => errors
            .check("comments", MultiLine::parse(text, 5_000))
            .map(|m| m.as_str().to_string()),
    };
    let photo = match upload.photo {
        Some(file) if !file.data.is_empty() => {
            let name = file.file_name.clone().unwrap_or_else(|| "photo".into());
            if file.data.len() > MAX_PHOTO_BYTES {
                errors.add("photo", FieldError("exh-error-photo-size"));
                None
            } else if let Some(kind) = photo_type(&file.data) {
                Some((
                    name.chars()
                        .filter(|c| !c.is_control())
                        .take(200)
                        .collect::<String>(),
                    kind,
                    file.data.to_vec(),
                ))
            } else {
                errors.add("photo", FieldError("exh-error-photo-type"));
                None
            }
        }
        _ => None,
    };
    let Some(visitors) = visitors.filter(|_| errors.is_empty()) else {
        return detail_with(user, &state, id, errors).await;
    };
    let actor = user.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let before = exhibition.actual_visitors;
    state
        .db
        .write(move |conn| {
            queries::save_report(conn, id, visitors, comments.as_deref())?;
            let mut summary = format!(
                "{}: visitors {} → {visitors}",
                exhibition.title,
                before.map_or_else(|| "none".to_string(), |n| n.to_string())
            );
            if let Some((name, kind, bytes)) = photo {
                let photo_id = queries::add_photo(conn, id, &name, kind, &bytes)?;
                summary.push_str(&format!(
                    "; photo {photo_id} ({name}, {} bytes)",
                    bytes.len()
                ));
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "exhibition.report",
                    entity_type: "exhibition",
                    entity_id: Some(id.to_string()),
                    summary,
                    ip,
                },
            )
        })
        .await?;
    flash::push(&session, Level::Success, user.ctx.t("exh-report-saved"));
    Ok(see_other(&format!("/city/exhibitions/{id}")))
}

/// A report's photo: for staff, and for the city whose exhibition it is.
#[get("/exhibitions/photos/{id}")]
async fn photo_file(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (exhibition_id, content_type, bytes) = state
        .db
        .run(move |conn| queries::photo(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    if !user.user.role.is_staff() {
        let city_id = user.own_city()?;
        own_exhibition(&state, city_id, exhibition_id).await?;
    }
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, content_type))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}
