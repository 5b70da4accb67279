//! What needs no account: the public archive with its counts by addressee state,
//! each sent letter's printable page, and an officer's review page reached from
//! their personal link.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::manage::{view_of, PrintPage};
use super::models::{Answer, Letter, LetterKind, LetterStatus, LetterVersion, Review, Tally};
use super::review::{self, Refused};
use super::store::{self, ArchiveFilter, StateCount};
use crate::audit;
use crate::domain::{FieldError, MultiLine};
use crate::membership::countries::{self, Country};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, AppError, PageCtx};

/// Answers from one address per minute: officers answer once per version, so
/// anything more is someone trying tokens.
const ANSWERS_PER_MINUTE: i32 = 20;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(archive)
        .service(review_page)
        .service(submit_answer)
        .service(public_letter);
}

#[derive(Template)]
#[template(path = "letters/archive.html")]
struct ArchivePage {
    ctx: PageCtx,
    letters: Vec<(Letter, String)>,
    counts: Vec<(StateCount, String)>,
    tally_source: Option<Tally>,
    filter: ArchiveFilter,
    kinds: &'static [LetterKind],
    years: Vec<i32>,
    countries: Vec<(String, String)>,
}

fn country_name(all: &[Country], code: &str, lang: &crate::i18n::Lang) -> String {
    all.iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}

#[get("/letters")]
async fn archive(
    ctx: PageCtx,
    state: web::Data<AppState>,
    filter: web::Query<ArchiveFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let lang = ctx.lang;
    let query = filter.clone();
    let (letters, counts, tally_source, years, countries) = state
        .db
        .run(move |conn| {
            let all = countries::all(conn)?;
            let name = |code: &str| country_name(&all, code, &lang);
            let letters = store::archive(conn, &query)?
                .into_iter()
                .map(|l| {
                    let state = l.target_country.as_deref().map(name).unwrap_or_default();
                    (l, state)
                })
                .collect();
            let counts: Vec<(StateCount, String)> = store::counts_by_state(conn)?
                .into_iter()
                .map(|c| {
                    let label = name(&c.code);
                    (c, label)
                })
                .collect();
            let tally_source = store::tallies(conn)?.into_iter().next();
            let mut options: Vec<(String, String)> = counts
                .iter()
                .map(|(c, label)| (c.code.clone(), label.clone()))
                .collect();
            options.sort_by(|a, b| a.1.cmp(&b.1));
            Ok((
                letters,
                counts,
                tally_source,
                store::archive_years(conn)?,
                options,
            ))
        })
        .await?;
    render(&ArchivePage {
        ctx,
        letters,
        counts,
        tally_source,
        filter,
        kinds: LetterKind::ALL,
        years,
        countries,
    })
}

/// A sent letter's printable page; drafts are not public.
#[get("/letters/{id}")]
async fn public_letter(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| match store::find(conn, id)? {
            Some(letter) if letter.status == LetterStatus::Sent => view_of(conn, letter).map(Some),
            _ => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound)?;
    render(&PrintPage { view })
}

// ------------------------------------------------------------ officer review

#[derive(Template)]
#[template(path = "letters/review.html")]
struct ReviewPage {
    ctx: PageCtx,
    review: Review,
    version: LetterVersion,
    body_html: String,
    /// May this officer still answer this version?
    open: bool,
    superseded: bool,
    comment: String,
    errors: FormErrors,
    action: String,
}

/// The review, its letter and the version it is about, if the token is right.
async fn checked(
    state: &AppState,
    review_id: i64,
    token: &str,
) -> Result<(Review, Letter, LetterVersion), AppError> {
    let found = state
        .db
        .run(move |conn| {
            let Some(review) = review::find(conn, review_id)? else {
                return Ok(None);
            };
            let Some(letter) = store::find(conn, review.letter_id)? else {
                return Ok(None);
            };
            let version = store::versions(conn, letter.id)?
                .into_iter()
                .find(|v| v.version == review.version);
            Ok(version.map(|v| (review, letter, v)))
        })
        .await?;
    match found {
        Some((review, letter, version))
            if review::token_is_valid(&state.config.secret_key, &review, token) =>
        {
            Ok((review, letter, version))
        }
        // A forged token and an unknown review look alike: nothing to see.
        _ => Err(AppError::NotFound),
    }
}

fn review_page_of(
    ctx: PageCtx,
    state: &AppState,
    review: Review,
    letter: &Letter,
    version: LetterVersion,
    comment: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let superseded = letter.version != review.version || letter.status != LetterStatus::Draft;
    let open = review.answer.is_none() && !superseded;
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body_html = crate::domain::markdown::to_safe_html(&version.body_markdown);
    let action = review::review_path(&state.config.secret_key, &review);
    render_with_status(
        &ReviewPage {
            ctx,
            review,
            version,
            body_html,
            open,
            superseded,
            comment,
            errors,
            action,
        },
        status,
    )
}

#[get("/letters/review/{id}/{token}")]
async fn review_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let (review, letter, version) = checked(&state, id, &token).await?;
    review_page_of(
        ctx,
        &state,
        review,
        &letter,
        version,
        String::new(),
        FormErrors::default(),
    )
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    comment: String,
}

#[post("/letters/review/{id}/{token}")]
async fn submit_answer(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(i64, String)>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let bucket = format!(
        "letter-review:{}",
        client_ip(&req, state.config.behind_proxy).unwrap_or_else(|| "unknown".into())
    );
    let allowed = state
        .db
        .run(move |conn| {
            rate_limit::allow(
                conn,
                &bucket,
                Limit::per_minute(ANSWERS_PER_MINUTE),
                crate::domain::clock::now(),
            )
        })
        .await?;
    if !allowed {
        return Err(AppError::TooManyRequests);
    }
    let (id, token) = path.into_inner();
    let (review, letter, version) = checked(&state, id, &token).await?;
    let form = form.into_inner();
    let mut errors = FormErrors::default();
    let answer = errors.check(
        "answer",
        Answer::parse(&form.answer).ok_or(FieldError("error-choose-option")),
    );
    let comment = match form.comment.trim() {
        "" if answer == Some(Answer::Comment) => {
            errors.add("comment", FieldError("error-required"));
            None
        }
        "" => Some(None),
        text => errors.check(
            "comment",
            MultiLine::parse(text, 5_000).map(|c| Some(c.as_str().to_string())),
        ),
    };
    let (Some(answer), Some(comment), true) = (answer, comment, errors.is_empty()) else {
        return review_page_of(ctx, &state, review, &letter, version, form.comment, errors);
    };
    let recorded = state
        .db
        .write(move |conn| {
            let outcome =
                review::record_answer(conn, &review, &letter, answer, comment.as_deref())?;
            if outcome.is_ok() {
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: None,
                        action: "letter.review_answer",
                        entity_type: "letter",
                        entity_id: Some(letter.id.to_string()),
                        summary: format!(
                            "{} ({}) answered {} on version {}",
                            review.email,
                            review.role,
                            answer.as_str(),
                            review.version
                        ),
                        ip: None,
                    },
                )?;
            }
            Ok(outcome)
        })
        .await?;
    match recorded {
        Ok(()) => {
            let (review, letter, version) = checked(&state, id, &token).await?;
            review_page_of(
                ctx,
                &state,
                review,
                &letter,
                version,
                String::new(),
                FormErrors::default(),
            )
        }
        Err(Refused::AlreadyAnswered) => Err(AppError::Gone("letter-review-already-answered")),
        Err(Refused::Superseded) => Err(AppError::Gone("letter-review-superseded")),
    }
}
