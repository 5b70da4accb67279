//! The public side: upcoming exhibitions (those the holders agreed to
//! publish), the iCalendar feeds, a non-member organisation's application and
//! the statistics.
//!
//! A city's own feed lists all its live exhibitions, published or not, so it
//! is not public: its URL carries an unguessable token (calendar apps cannot
//! sign in), shown only on the city's own page.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::emails;
use super::forms::{parse_details, ExhibitionForm};
use super::ical::{self, FeedEvent};
use super::models::Exhibition;
use super::queries::{self, Holder, Statistics};
use super::staff::{country_choices, FormPage};
use crate::domain::clock::today;
use crate::domain::{EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::membership::statistics::{rows, Row, CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, AppError, PageCtx};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(upcoming_page)
        .service(public_feed)
        .service(city_feed)
        .service(apply_page)
        .service(apply)
        .service(statistics_page);
}

const APPLICATIONS_PER_IP_PER_HOUR: i32 = 5;

#[derive(Template)]
#[template(path = "exhibitions/upcoming.html")]
struct UpcomingPage {
    ctx: PageCtx,
    exhibitions: Vec<(Exhibition, String)>,
    feed_url: String,
}

#[get("/exhibitions")]
async fn upcoming_page(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let exhibitions = state
        .db
        .run(|conn| {
            let list = queries::upcoming_public(conn, today())?;
            let mut names = queries::holder_names(conn, &list)?;
            Ok(list
                .into_iter()
                .map(|e| {
                    let name = names.remove(&e.id).unwrap_or_default();
                    (e, name)
                })
                .collect())
        })
        .await?;
    render(&UpcomingPage {
        feed_url: state.config.link("/exhibitions.ics"),
        ctx,
        exhibitions,
    })
}

fn ics_response(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_TYPE,
            "text/calendar; charset=utf-8",
        ))
        .body(body)
}

fn feed(
    name: &str,
    list: &[Exhibition],
    holders: &std::collections::BTreeMap<i64, String>,
) -> String {
    let events: Vec<FeedEvent> = list
        .iter()
        .map(|e| FeedEvent {
            exhibition: e,
            holder: holders.get(&e.id).cloned().unwrap_or_default(),
            url: None,
        })
        .collect();
    ical::calendar(name, &events, crate::domain::clock::now())
}

#[get("/exhibitions.ics")]
async fn public_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (list, holders) = state
        .db
        .run(|conn| {
            let list = queries::all_public(conn)?;
            let holders = queries::holder_names(conn, &list)?;
            Ok((list, holders))
        })
        .await?;
    let name = Lang::english().t("exh-feed-name");
    Ok(ics_response(feed(&name, &list, &holders)))
}

#[get("/exhibitions/feeds/{token}.ics")]
async fn city_feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (city, list, holders) = state
        .db
        .run(move |conn| {
            let Some(city_id) = queries::city_of_feed(conn, &token)? else {
                return Ok(None);
            };
            let Some(city) = crate::membership::cities::find(conn, city_id)? else {
                return Ok(None);
            };
            let list: Vec<Exhibition> = queries::for_city(conn, city_id)?
                .into_iter()
                .filter(|e| e.status.is_live())
                .collect();
            let holders = queries::holder_names(conn, &list)?;
            Ok(Some((city, list, holders)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let name = city.lang().t_with(
        "exh-feed-city-name",
        &[("city", city.name_latin.clone().into())],
    );
    Ok(ics_response(feed(&name, &list, &holders)))
}

// ------------------------------------------------------------ non-member applications

fn organisation(form: &ExhibitionForm, errors: &mut FormErrors) -> Option<(Holder, String)> {
    let name = errors.check(
        "organisation_name",
        PlainLine::parse(&form.organisation_name, 200),
    );
    let contact = errors.check("contact_name", PlainLine::parse(&form.contact_name, 200));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let plan = errors.check("event_plan", MultiLine::parse(&form.event_plan, 5_000));
    let language = errors.check(
        "language",
        Lang::parse(&form.language)
            .map(|l| l.code())
            .ok_or(FieldError("error-choose-option")),
    );
    Some((
        Holder::Organisation {
            name: name?.into_string(),
            contact: contact?.into_string(),
            email: email?.as_str().to_string(),
            event_plan: plan?.as_str().to_string(),
        },
        language?,
    ))
}

#[get("/exhibitions/apply")]
async fn apply_page(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let countries = country_choices(&state, ctx.lang).await?;
    let form = ExhibitionForm {
        language: ctx.lang.code(),
        poster_language: ctx.lang.code(),
        format: "loan".into(),
        publish: "yes".into(),
        ..ExhibitionForm::default()
    };
    render(&public_form(ctx, form, FormErrors::default(), countries))
}

fn public_form(
    ctx: PageCtx,
    form: ExhibitionForm,
    errors: FormErrors,
    countries: Vec<(String, String)>,
) -> FormPage {
    let mut page = FormPage::build(ctx, form, errors, "/exhibitions/apply", None, countries);
    page.public = true;
    page
}

#[post("/exhibitions/apply")]
async fn apply(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if !form.nickname.is_empty() {
        flash::push(&session, Level::Success, ctx.t("exh-applied"));
        return Ok(see_other("/exhibitions"));
    }
    let ip = client_ip(&req, state.config.behind_proxy).unwrap_or_else(|| "unknown".into());
    let bucket = format!("exhibition-apply:{ip}");
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
    let values = form.clone();
    let base_url = state.config.base_url.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let mut errors = FormErrors::default();
            let holder = organisation(&values, &mut errors);
            let details = parse_details(conn, &values, None, &mut errors)?;
            let (Some((holder, language)), Some(details)) = (holder, details) else {
                return Ok(Err(errors));
            };
            if !errors.is_empty() {
                return Ok(Err(errors));
            }
            let id = queries::insert(conn, &holder, &details, &language, None)?;
            if let Some(exhibition) = queries::find(conn, id)? {
                emails::enqueue_status(conn, &exhibition, None, &base_url)?;
            }
            Ok(Ok(id))
        })
        .await?;
    match outcome {
        Ok(_) => {
            flash::push(&session, Level::Success, ctx.t("exh-applied"));
            Ok(see_other("/exhibitions"))
        }
        Err(errors) => {
            let countries = country_choices(&state, ctx.lang).await?;
            render_with_status(
                &public_form(ctx, form, errors, countries),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

// ------------------------------------------------------------ statistics

#[derive(Template)]
#[template(path = "exhibitions/statistics.html")]
struct StatisticsPage {
    ctx: PageCtx,
    stats: Statistics,
    continent_rows: Vec<Row>,
    chart_width: i64,
    row_height: i64,
    label_width: i64,
}

#[get("/exhibitions/statistics")]
async fn statistics_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let stats = state.db.run(queries::statistics).await?;
    let values: Vec<(String, i64)> = stats
        .by_continent
        .iter()
        .map(|(c, t)| (ctx.t(c.label_key()), t.exhibitions))
        .collect();
    render(&StatisticsPage {
        continent_rows: rows(&values),
        ctx,
        stats,
        chart_width: CHART_WIDTH,
        row_height: ROW_HEIGHT,
        label_width: LABEL_WIDTH,
    })
}
