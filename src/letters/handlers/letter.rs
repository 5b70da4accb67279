//! One letter's staff pages: the draft with its review, the printable letter
//! and the differences between versions.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::letters::diff::Change;
use crate::letters::drafts::{self, Detail};
use crate::letters::models::{Letter, LetterVersion, Review};
use crate::letters::render::LetterView;
use crate::letters::review::Standing;
use crate::mail::OutboxMessage;
use crate::membership::models::MemberCity;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "letters/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    view: LetterView,
    reviews: Vec<(Review, MemberCity)>,
    earlier_answers: Vec<(Review, MemberCity)>,
    standing: Standing,
    officers_without_email: Vec<MemberCity>,
    deliveries: Vec<OutboxMessage>,
}

#[get("/staff/letters/{id}")]
pub async fn detail(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let Detail {
        view,
        reviews,
        earlier_answers,
        standing,
        officers_without_email,
        deliveries,
    } = drafts::detail(&state.db, id.into_inner()).await?;
    render(&DetailPage {
        ctx: staff.ctx,
        view,
        reviews,
        earlier_answers,
        standing,
        officers_without_email,
        deliveries,
    })
}

#[derive(Template)]
#[template(path = "letters/print.html")]
pub struct PrintPage {
    pub view: LetterView,
}

/// The letter alone on a page, to print or save as PDF (drafts included, for staff).
#[get("/staff/letters/{id}/print")]
pub async fn print(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = drafts::printable(&state.db, id.into_inner()).await?;
    render(&PrintPage { view })
}

#[derive(Deserialize)]
struct HistoryQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    from: Option<i32>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    to: Option<i32>,
}

#[derive(Template)]
#[template(path = "letters/history.html")]
struct HistoryPage {
    ctx: PageCtx,
    letter: Letter,
    versions: Vec<LetterVersion>,
    from: i32,
    to: i32,
    changes: Vec<Change>,
}

#[get("/staff/letters/{id}/history")]
pub async fn history(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, AppError> {
    let history = drafts::history(&state.db, id.into_inner(), query.from, query.to).await?;
    render(&HistoryPage {
        ctx: staff.ctx,
        letter: history.letter,
        versions: history.versions,
        from: history.from,
        to: history.to,
        changes: history.changes,
    })
}
