//! One letter's staff pages: the draft with its review, the printable letter
//! and the differences between versions.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::letters::diff::Change;
use crate::letters::drafts::{self, Detail, History};
use crate::letters::models::{Letter, LetterVersion, Review};
use crate::letters::render::LetterView;
use crate::letters::review::{Seat, Standing};
use crate::letters::translations::Translation;
use crate::mail::OutboxMessage;
use crate::membership::models::MemberCity;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "letters/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    view: LetterView,
    seats: Vec<Seat>,
    earlier_answers: Vec<(Review, MemberCity)>,
    standing: Standing,
    translations: Vec<Translation>,
    /// Installed languages the letter has no version in yet.
    missing: Vec<Lang>,
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
        seats,
        earlier_answers,
        standing,
        translations,
        deliveries,
    } = drafts::detail(&state.db, id.into_inner()).await?;
    let missing = Lang::all()
        .iter()
        .copied()
        .filter(|l| *l != view.lang && !translations.iter().any(|t| t.lang() == *l))
        .collect();
    render(&DetailPage {
        ctx: staff.ctx,
        view,
        seats,
        earlier_answers,
        standing,
        translations,
        missing,
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
pub struct HistoryQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub from: Option<i32>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub to: Option<i32>,
}

#[derive(Template)]
#[template(path = "letters/history.html")]
pub struct HistoryPage {
    pub ctx: PageCtx,
    pub letter: Letter,
    /// The translation's language, or None for the original.
    pub translation: Option<Lang>,
    pub versions: Vec<LetterVersion>,
    pub from: i32,
    pub to: i32,
    pub changes: Vec<Change>,
}

impl HistoryPage {
    pub fn new(ctx: PageCtx, found: History, translation: Option<Lang>) -> HistoryPage {
        HistoryPage {
            ctx,
            letter: found.letter,
            translation,
            versions: found.versions,
            from: found.from,
            to: found.to,
            changes: found.changes,
        }
    }

    /// Where the comparison form goes.
    pub fn path(&self) -> String {
        match self.translation {
            Some(lang) => format!(
                "/staff/letters/{}/translations/{}/history",
                self.letter.id,
                lang.code()
            ),
            None => format!("/staff/letters/{}/history", self.letter.id),
        }
    }
}

#[get("/staff/letters/{id}/history")]
pub async fn history(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, AppError> {
    let history = drafts::history(&state.db, id.into_inner(), query.from, query.to).await?;
    render(&HistoryPage::new(staff.ctx, history, None))
}
