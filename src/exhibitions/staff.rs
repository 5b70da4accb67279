//! The staff pages: the list and month calendar, registering an exhibition for
//! a member city, an exhibition's page (booking a set, the workflow), the
//! poster-set inventory and the shipping buffers.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

use super::forms::{parse_details, ExhibitionForm};
use super::loans::{self, Refusal, SetFields};
use super::models::{Exhibition, Loan, PosterSet, SetStatus, Status, POSTER_LANGUAGES};
use super::queries::{self, Holder};
use super::settings::{self as buffers, Buffer, MAX_BUFFER_DAYS};
use super::workflow::{self, Step};
use super::{emails, zones};
use crate::audit;
use crate::domain::clock::today;
use crate::domain::{FieldError, PlainLine};
use crate::membership::countries::{self, Continent};
use crate::membership::{cities, models::MemberCity};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_page)
        .service(settings_page)
        .service(save_settings)
        .service(sets_page)
        .service(add_set)
        .service(set_page)
        .service(update_set)
        .service(new_page)
        .service(create)
        .service(detail_page)
        .service(book_set)
        .service(release_set)
        .service(change_status);
}

// ------------------------------------------------------------ list and calendar

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    month: String,
}

/// One day cell of the month view.
pub struct Day {
    pub date: Option<NaiveDate>,
    pub exhibitions: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "exhibitions/staff_list.html")]
struct ListPage {
    ctx: PageCtx,
    exhibitions: Vec<Exhibition>,
    holders: BTreeMap<i64, String>,
    statuses: &'static [Status],
    status: String,
    month_label: String,
    previous_month: String,
    next_month: String,
    weeks: Vec<Vec<Day>>,
    weekdays: Vec<String>,
}

impl ListPage {
    fn holder(&self, id: &i64) -> &str {
        self.holders.get(id).map(String::as_str).unwrap_or("")
    }
}

fn first_of_month(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
        .unwrap_or_else(|_| today().with_day(1).unwrap_or_else(today))
}

fn add_months(first: NaiveDate, months: i32) -> NaiveDate {
    let index = first.year() * 12 + first.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(first)
}

/// The month as weeks of seven days (Monday first), each day with the
/// exhibitions open on it.
fn month_grid(
    first: NaiveDate,
    exhibitions: &[Exhibition],
    holders: &BTreeMap<i64, String>,
) -> Vec<Vec<Day>> {
    let last = add_months(first, 1) - Duration::days(1);
    let mut days: Vec<Day> = (0..first.weekday().num_days_from_monday())
        .map(|_| Day {
            date: None,
            exhibitions: vec![],
        })
        .collect();
    let mut day = first;
    while day <= last {
        let open = exhibitions
            .iter()
            .filter(|e| e.starts_on <= day && day <= e.ends_on)
            .map(|e| {
                (
                    e.id,
                    format!(
                        "{} · {}",
                        holders.get(&e.id).cloned().unwrap_or_default(),
                        e.title
                    ),
                )
            })
            .collect();
        days.push(Day {
            date: Some(day),
            exhibitions: open,
        });
        day += Duration::days(1);
    }
    while !days.len().is_multiple_of(7) {
        days.push(Day {
            date: None,
            exhibitions: vec![],
        });
    }
    let mut weeks = Vec::new();
    let mut iter = days.into_iter().peekable();
    while iter.peek().is_some() {
        weeks.push(iter.by_ref().take(7).collect());
    }
    weeks
}

#[get("/staff/exhibitions")]
async fn list_page(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let status = Status::parse(&query.status);
    let first = first_of_month(&query.month);
    let last = add_months(first, 1) - Duration::days(1);
    let (exhibitions, in_month, holders) = state
        .db
        .run(move |conn| {
            let list = queries::list(conn, status)?;
            let in_month = queries::overlapping(conn, first, last)?;
            let mut holders = queries::holder_names(conn, &list)?;
            holders.extend(queries::holder_names(conn, &in_month)?);
            Ok((list, in_month, holders))
        })
        .await?;
    render(&ListPage {
        month_label: staff.ctx.lang.month(first.year(), first.month()),
        previous_month: add_months(first, -1).format("%Y-%m").to_string(),
        next_month: add_months(first, 1).format("%Y-%m").to_string(),
        weeks: month_grid(first, &in_month, &holders),
        weekdays: (1..=7)
            .map(|d| staff.ctx.t(&format!("exh-weekday-{d}")))
            .collect(),
        ctx: staff.ctx,
        exhibitions,
        holders,
        statuses: Status::ALL,
        status: query.status.clone(),
    })
}

// ------------------------------------------------------------ registering

#[derive(Template)]
#[template(path = "exhibitions/form.html")]
pub struct FormPage {
    pub ctx: PageCtx,
    pub form: ExhibitionForm,
    pub errors: FormErrors,
    pub action: String,
    pub staff: bool,
    pub public: bool,
    pub city_name: Option<String>,
    pub country_zones: Vec<&'static str>,
    pub countries: Vec<(String, String)>,
    pub all_zones: Vec<&'static str>,
    pub poster_languages: &'static [(&'static str, &'static str)],
}

impl FormPage {
    pub fn build(
        ctx: PageCtx,
        form: ExhibitionForm,
        errors: FormErrors,
        action: &str,
        city: Option<&MemberCity>,
        countries: Vec<(String, String)>,
    ) -> FormPage {
        let country = city
            .map(|c| c.country_code.clone())
            .unwrap_or_else(|| form.country.clone());
        FormPage {
            staff: ctx.is_staff(),
            public: ctx.user.is_none(),
            ctx,
            form,
            errors,
            action: action.to_string(),
            city_name: city.map(|c| c.display_name()),
            country_zones: zones::zones_of(&country),
            countries,
            all_zones: zones::all().collect(),
            poster_languages: POSTER_LANGUAGES,
        }
    }
}

pub async fn country_choices(
    state: &AppState,
    lang: crate::i18n::Lang,
) -> Result<Vec<(String, String)>, AppError> {
    let all = state.db.run(countries::all).await?;
    let mut choices: Vec<(String, String)> = all
        .iter()
        .map(|c| (c.code.clone(), c.name(&lang).to_string()))
        .collect();
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(choices)
}

#[get("/staff/exhibitions/new")]
async fn new_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let countries = country_choices(&state, staff.ctx.lang).await?;
    let form = ExhibitionForm {
        format: "loan".into(),
        poster_language: staff.ctx.lang.code(),
        ..ExhibitionForm::default()
    };
    render(&FormPage::build(
        staff.ctx,
        form,
        FormErrors::default(),
        "/staff/exhibitions",
        None,
        countries,
    ))
}

#[post("/staff/exhibitions")]
async fn create(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let values = form.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let mut errors = FormErrors::default();
            let number: Option<i32> = values
                .member_number
                .trim()
                .trim_start_matches('0')
                .parse()
                .ok();
            let city = match number {
                Some(n) => cities::find_by_number(conn, n)?,
                None => None,
            };
            if city.is_none() {
                errors.add("member_number", FieldError("error-member-number-unknown"));
            }
            let country = city.as_ref().map(|c| c.country_code.clone());
            let details = parse_details(conn, &values, country.as_deref(), &mut errors)?;
            let (Some(city), Some(details)) = (city, details) else {
                return Ok(Err(errors));
            };
            let id = queries::insert(
                conn,
                &Holder::City { city_id: city.id },
                &details,
                &city.language,
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
                    summary: format!("{} for {}", details.title, city.name_latin),
                    ip,
                },
            )?;
            Ok(Ok(id))
        })
        .await?;
    match outcome {
        Ok(id) => {
            flash::push(&session, Level::Success, staff.ctx.t("exh-registered"));
            Ok(see_other(&format!("/staff/exhibitions/{id}")))
        }
        Err(errors) => {
            let countries = country_choices(&state, staff.ctx.lang).await?;
            let page = FormPage::build(
                staff.ctx,
                form,
                errors,
                "/staff/exhibitions",
                None,
                countries,
            );
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

// ------------------------------------------------------------ one exhibition

#[derive(Template)]
#[template(path = "exhibitions/staff_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    exhibition: Exhibition,
    holder: String,
    city: Option<MemberCity>,
    loan: Option<(Loan, PosterSet)>,
    reservation: (NaiveDate, NaiveDate),
    buffer: Buffer,
    suggestions: Vec<PosterSet>,
    other_sets: Vec<PosterSet>,
    photos: Vec<i64>,
    next_steps: Vec<Status>,
    /// Why the booking just tried was refused.
    refusal: Option<String>,
}

async fn load_detail(state: &AppState, id: i64) -> Result<DetailPageData, AppError> {
    state
        .db
        .run(move |conn| {
            let Some(exhibition) = queries::find(conn, id)? else {
                return Ok(None);
            };
            let holder = queries::holder_names(conn, std::slice::from_ref(&exhibition))?
                .remove(&id)
                .unwrap_or_default();
            let city = match exhibition.city_id {
                Some(c) => cities::find(conn, c)?,
                None => None,
            };
            let loan = match loans::active_loan(conn, id)? {
                Some(loan) => loans::find_set(conn, loan.poster_set_id)?.map(|set| (loan, set)),
                None => None,
            };
            let buffer = loans::buffer_for(conn, &exhibition)?;
            let suggestions = loans::suggestions(conn, &exhibition)?;
            let other_sets = loans::sets(conn)?
                .into_iter()
                .filter(|s| {
                    s.status == SetStatus::InService && !suggestions.iter().any(|f| f.id == s.id)
                })
                .collect();
            let photos = queries::photo_ids(conn, id)?;
            Ok(Some(DetailPageData {
                exhibition,
                holder,
                city,
                loan,
                buffer,
                suggestions,
                other_sets,
                photos,
            }))
        })
        .await?
        .ok_or(AppError::NotFound)
}

struct DetailPageData {
    exhibition: Exhibition,
    holder: String,
    city: Option<MemberCity>,
    loan: Option<(Loan, PosterSet)>,
    buffer: Buffer,
    suggestions: Vec<PosterSet>,
    other_sets: Vec<PosterSet>,
    photos: Vec<i64>,
}

#[get("/staff/exhibitions/{id}")]
async fn detail_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    detail_with(staff.ctx, &state, id.into_inner(), None).await
}

async fn detail_with(
    ctx: PageCtx,
    state: &AppState,
    id: i64,
    refusal: Option<String>,
) -> Result<HttpResponse, AppError> {
    let data = load_detail(state, id).await?;
    let status = if refusal.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    render_with_status(
        &DetailPage {
            refusal,
            ctx,
            reservation: loans::reservation(&data.exhibition, data.buffer),
            next_steps: data.exhibition.next_steps(),
            exhibition: data.exhibition,
            holder: data.holder,
            city: data.city,
            loan: data.loan,
            buffer: data.buffer,
            suggestions: data.suggestions,
            other_sets: data.other_sets,
            photos: data.photos,
        },
        status,
    )
}

#[derive(Deserialize)]
struct BookForm {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    set_id: Option<i64>,
}

#[post("/staff/exhibitions/{id}/loan")]
async fn book_set(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<BookForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let set_id = form
        .set_id
        .ok_or(AppError::BadRequest("error-choose-option"))?;
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let outcome = state
        .db
        .write(move |conn| {
            let Some(exhibition) = queries::find(conn, id)? else {
                return Ok(None);
            };
            let booked = loans::book(conn, &exhibition, set_id, Some(actor.id))?;
            if let Ok((loan, set)) = &booked {
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: Some(&actor),
                        action: "exhibition.book_set",
                        entity_type: "exhibition",
                        entity_id: Some(id.to_string()),
                        summary: format!(
                            "{}: set {} from {} to {}",
                            exhibition.title, set.code, loan.ships_on, loan.returns_on
                        ),
                        ip,
                    },
                )?;
            }
            Ok(Some(booked))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = &staff.ctx;
    let back = format!("/staff/exhibitions/{id}");
    match outcome {
        Ok((_, set)) => {
            flash::push(
                &session,
                Level::Success,
                ctx.t1("exh-set-booked", "code", set.code),
            );
            Ok(see_other(&back))
        }
        Err(refusal) => {
            let message = match refusal {
                Refusal::Clash(c) => ctx.lang.t_with(
                    "exh-loan-clash",
                    &[
                        ("code", c.set_code.into()),
                        ("title", c.exhibition_title.into()),
                        ("from", crate::i18n::FluentArg::Raw(ctx.date(c.ships_on))),
                        ("to", crate::i18n::FluentArg::Raw(ctx.date(c.returns_on))),
                    ],
                ),
                Refusal::SetNotInService => ctx.t("exh-loan-set-unavailable"),
                Refusal::AlreadyBooked => ctx.t("exh-loan-already-booked"),
                Refusal::NotALoan => ctx.t("exh-loan-not-a-loan"),
                Refusal::Closed => ctx.t("exh-error-step"),
            };
            // 409, with the page again: the booking conflicts with the inventory.
            detail_with(staff.ctx, &state, id, Some(message)).await
        }
    }
}

#[post("/staff/exhibitions/{id}/loan/release")]
async fn release_set(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let released = state
        .db
        .write(move |conn| {
            let Some(exhibition) = queries::find(conn, id)? else {
                return Ok(None);
            };
            // Only before the set has left: afterwards it must come back first.
            if !matches!(exhibition.status, Status::Requested | Status::Confirmed) {
                return Ok(Some(false));
            }
            let n = loans::cancel(conn, id)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "exhibition.release_set",
                    entity_type: "exhibition",
                    entity_id: Some(id.to_string()),
                    summary: format!("{}: poster set released", exhibition.title),
                    ip,
                },
            )?;
            Ok(Some(n > 0))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let key = if released {
        "exh-set-released"
    } else {
        "exh-error-step"
    };
    flash::push(
        &session,
        if released {
            Level::Success
        } else {
            Level::Error
        },
        staff.ctx.t(key),
    );
    Ok(see_other(&format!("/staff/exhibitions/{id}")))
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
}

#[post("/staff/exhibitions/{id}/status")]
async fn change_status(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let to = Status::parse(&form.to).ok_or(AppError::BadRequest("error-choose-option"))?;
    let note = match form.note.trim() {
        "" => None,
        text => Some(
            crate::domain::MultiLine::parse(text, 2_000)
                .map_err(|e| AppError::BadRequest(e.0))?
                .as_str()
                .to_string(),
        ),
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let Some(exhibition) = queries::find(conn, id)? else {
                return Ok(None);
            };
            let step = Step {
                to,
                note: note.as_deref(),
                actor: Some(&actor),
                ip,
                base_url: &base_url,
            };
            Ok(Some(workflow::advance(conn, &exhibition, step)?))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    match outcome {
        Ok(updated) => flash::push(
            &session,
            Level::Success,
            staff.ctx.t1(
                "exh-status-changed",
                "status",
                staff.ctx.t(updated.status.label_key()),
            ),
        ),
        Err(key) => flash::push(&session, Level::Error, staff.ctx.t(key)),
    }
    Ok(see_other(&format!("/staff/exhibitions/{id}")))
}

// ------------------------------------------------------------ poster sets

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct SetForm {
    code: String,
    language: String,
    size: String,
    panels: String,
    condition: String,
    location: String,
    status: String,
}

impl SetForm {
    fn of(set: &PosterSet) -> SetForm {
        SetForm {
            code: set.code.clone(),
            language: set.language.clone(),
            size: set.size.clone(),
            panels: set.panels.to_string(),
            condition: set.condition.clone(),
            location: set.location.clone(),
            status: set.status.as_str().into(),
        }
    }

    fn parse(&self) -> Result<SetFields, FormErrors> {
        let mut errors = FormErrors::default();
        let code = errors.check("code", PlainLine::parse(&self.code, 40));
        let language = errors.check(
            "language",
            POSTER_LANGUAGES
                .iter()
                .find(|(c, _)| *c == self.language)
                .map(|(c, _)| c.to_string())
                .ok_or(FieldError("error-choose-option")),
        );
        let size = errors.check("size", PlainLine::parse(&self.size, 60));
        let panels = errors.check(
            "panels",
            self.panels
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=500).contains(n))
                .ok_or(FieldError("exh-error-panels")),
        );
        let condition = errors.check("condition", PlainLine::parse(&self.condition, 300));
        let location = errors.check("location", PlainLine::parse(&self.location, 200));
        let status = errors.check(
            "status",
            SetStatus::parse(&self.status).ok_or(FieldError("error-choose-option")),
        );
        match (code, language, size, panels, condition, location, status) {
            (
                Some(code),
                Some(language),
                Some(size),
                Some(panels),
                Some(condition),
                Some(location),
                Some(status),
            ) => Ok(SetFields {
                code: code.into_string(),
                language,
                size: size.into_string(),
                panels,
                condition: condition.into_string(),
                location: location.into_string(),
                status,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "exhibitions/sets.html")]
struct SetsPage {
    ctx: PageCtx,
    sets: Vec<PosterSet>,
    form: SetForm,
    errors: FormErrors,
    statuses: &'static [SetStatus],
    poster_languages: &'static [(&'static str, &'static str)],
}

async fn sets_page_with(
    staff: Staff,
    state: &AppState,
    form: SetForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let sets = state.db.run(loans::sets).await?;
    render_with_status(
        &SetsPage {
            ctx: staff.ctx,
            sets,
            form,
            errors,
            statuses: SetStatus::ALL,
            poster_languages: POSTER_LANGUAGES,
        },
        status,
    )
}

#[get("/staff/poster-sets")]
async fn sets_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = SetForm {
        status: SetStatus::InService.as_str().into(),
        location: workflow::HOME_LOCATION.into(),
        ..SetForm::default()
    };
    sets_page_with(staff, &state, form, FormErrors::default(), StatusCode::OK).await
}

#[post("/staff/poster-sets")]
async fn add_set(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<SetForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => {
            return sets_page_with(
                staff,
                &state,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let added = state
        .db
        .write(move |conn| {
            let id = loans::insert_set(conn, &fields)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "poster_set.add",
                    entity_type: "poster_set",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "{} ({}, {} panels)",
                        fields.code, fields.language, fields.panels
                    ),
                    ip,
                },
            )?;
            Ok(id)
        })
        .await;
    match added {
        Ok(_) => {
            flash::push(&session, Level::Success, staff.ctx.t("exh-set-added"));
            Ok(see_other("/staff/poster-sets"))
        }
        Err(e) if e.is_unique_violation() => {
            let mut errors = FormErrors::default();
            errors.add("code", FieldError("exh-error-code-taken"));
            sets_page_with(
                staff,
                &state,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "exhibitions/set.html")]
struct SetPage {
    ctx: PageCtx,
    set: PosterSet,
    loans: Vec<(Loan, String)>,
    form: SetForm,
    errors: FormErrors,
    statuses: &'static [SetStatus],
    poster_languages: &'static [(&'static str, &'static str)],
}

async fn set_page_with(
    staff: Staff,
    state: &AppState,
    id: i64,
    form: Option<SetForm>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (set, loans) = state
        .db
        .run(move |conn| {
            let Some(set) = loans::find_set(conn, id)? else {
                return Ok(None);
            };
            Ok(Some((set, loans::loans_of_set(conn, id)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(
        &SetPage {
            ctx: staff.ctx,
            form: form.unwrap_or_else(|| SetForm::of(&set)),
            set,
            loans,
            errors,
            statuses: SetStatus::ALL,
            poster_languages: POSTER_LANGUAGES,
        },
        status,
    )
}

#[get("/staff/poster-sets/{id}")]
async fn set_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    set_page_with(staff, &state, id.into_inner(), None, FormErrors::default()).await
}

#[post("/staff/poster-sets/{id}")]
async fn update_set(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<SetForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => return set_page_with(staff, &state, id, Some(form), errors).await,
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let updated = state
        .db
        .write(move |conn| {
            let Some(before) = loans::find_set(conn, id)? else {
                return Ok(false);
            };
            loans::update_set(conn, id, &fields)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "poster_set.update",
                    entity_type: "poster_set",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "{}: status {} → {}; condition {} → {}; at {} → {}",
                        fields.code,
                        before.status.as_str(),
                        fields.status.as_str(),
                        before.condition,
                        fields.condition,
                        before.location,
                        fields.location
                    ),
                    ip,
                },
            )?;
            Ok(true)
        })
        .await;
    match updated {
        Ok(true) => {
            flash::push(&session, Level::Success, staff.ctx.t("exh-set-saved"));
            Ok(see_other(&format!("/staff/poster-sets/{id}")))
        }
        Ok(false) => Err(AppError::NotFound),
        Err(e) if e.is_unique_violation() => {
            let mut errors = FormErrors::default();
            errors.add("code", FieldError("exh-error-code-taken"));
            set_page_with(staff, &state, id, Some(form), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------ shipping buffers

#[derive(Template)]
#[template(path = "exhibitions/settings.html")]
struct SettingsPage {
    ctx: PageCtx,
    buffers: Vec<(Continent, Buffer)>,
    max_days: i64,
}

#[get("/staff/exhibitions/settings")]
async fn settings_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let buffers = state.db.run(buffers::all).await?;
    render(&SettingsPage {
        ctx: staff.ctx,
        buffers,
        max_days: MAX_BUFFER_DAYS,
    })
}

#[post("/staff/exhibitions/settings")]
async fn save_settings(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let values: BTreeMap<String, String> = form.into_inner().into_iter().collect();
    let day = |name: String| -> Result<i64, AppError> {
        values
            .get(&name)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|d| (0..=MAX_BUFFER_DAYS).contains(d))
            .ok_or(AppError::BadRequest("exh-error-buffer"))
    };
    let mut new = Vec::new();
    for continent in Continent::ALL {
        new.push((
            continent,
            Buffer {
                before_days: day(format!("before_{}", continent.as_str()))?,
                after_days: day(format!("after_{}", continent.as_str()))?,
            },
        ));
    }
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let before = buffers::all(conn)?;
            let mut changes = Vec::new();
            for ((continent, old), (_, new)) in before.iter().zip(&new) {
                if old != new {
                    changes.push(format!(
                        "{}: {}/{} → {}/{} days",
                        continent.as_str(),
                        old.before_days,
                        old.after_days,
                        new.before_days,
                        new.after_days
                    ));
                }
                buffers::save(conn, *continent, *new)?;
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "exhibition.buffers",
                    entity_type: "settings",
                    entity_id: None,
                    summary: if changes.is_empty() {
                        "no change".into()
                    } else {
                        changes.join("; ")
                    },
                    ip,
                },
            )
        })
        .await?;
    flash::push(&session, Level::Success, staff.ctx.t("exh-settings-saved"));
    Ok(see_other("/staff/exhibitions/settings"))
}
