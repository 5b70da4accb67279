//! The public side: upcoming exhibitions (those the holders agreed to
//! publish), the iCalendar feeds, a non-member organisation's application and
//! the statistics.
//!
//! A city's own feed lists all its live exhibitions, published or not, so it
//! is not public: its URL carries an unguessable token (calendar apps cannot
//! sign in), shown only on the city's own page.

use actix_session::Session;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::form_page::FormPage;
use crate::audit::Actor;
use crate::exhibitions::error::ExhibitionError;
use crate::exhibitions::forms::ExhibitionForm;
use crate::exhibitions::models::Exhibition;
use crate::exhibitions::queries::Statistics;
use crate::exhibitions::{registration, views};
use crate::i18n::Lang;
use crate::membership::statistics::{rows, Row, CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::page::request_language;
use crate::web::page_cache;
use crate::web::{render, AppError, AppState, PageCtx};
use actix_web::middleware::from_fn;

#[derive(Template)]
#[template(path = "exhibitions/upcoming.html")]
struct UpcomingPage {
    ctx: PageCtx,
    exhibitions: Vec<(Exhibition, String)>,
    feed_url: String,
}

#[get("/exhibitions", wrap = "from_fn(page_cache::serve)")]
pub async fn upcoming_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    render(&UpcomingPage {
        exhibitions: views::upcoming(&state.db).await?,
        // The feed's name in the visitor's language (calendar apps send none).
        feed_url: state
            .config
            .link(&format!("/exhibitions.ics?lang={}", ctx.lang.code())),
        ctx,
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

#[derive(serde::Deserialize)]
struct FeedQuery {
    lang: Option<String>,
}

/// The public feed, named in the language its link carries (`?lang=ja`), else
/// the requester's.
#[get("/exhibitions.ics")]
pub async fn public_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| request_language(&req));
    Ok(ics_response(views::public_feed(&state.db, lang).await?))
}

#[get("/exhibitions/feeds/{token}.ics")]
pub async fn city_feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    Ok(ics_response(
        views::city_feed(&state.db, token.into_inner()).await?,
    ))
}

#[get("/exhibitions/apply")]
pub async fn apply_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let form = ExhibitionForm {
        language: ctx.lang.code(),
        poster_language: ctx.lang.code(),
        format: "loan".into(),
        publish: "yes".into(),
        ..ExhibitionForm::default()
    };
    let errors = FormErrors::default();
    FormPage::render(ctx, &state, form, errors, "/exhibitions/apply", None).await
}

/// A visitor without an account applies: no `Acting` extractor here, so the
/// thanks are flashed by hand (a filled honeypot gets the same thanks).
#[post("/exhibitions/apply")]
pub async fn apply(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if form.nickname.is_empty() {
        let visitor = Actor::visitor(Actor::address_of(&req));
        let base_url = &state.config.base_url;
        match registration::apply(&state.db, &visitor, form.clone(), base_url).await {
            Ok(_) => {}
            Err(ExhibitionError::Invalid(errors)) => {
                let to = "/exhibitions/apply";
                return FormPage::render(ctx, &state, form, errors, to, None).await;
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(flash::redirect(
        &session,
        Level::Success,
        ctx.t("exh-applied"),
        "/exhibitions",
    ))
}

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

#[get("/exhibitions/statistics", wrap = "from_fn(page_cache::serve)")]
pub async fn statistics_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let stats = views::statistics(&state.db).await?;
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
