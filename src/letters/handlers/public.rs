//! What needs no account: the public archive with its counts by addressee
//! state, and each sent letter's printable page.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use super::letter::PrintPage;
use crate::letters::archive::Archive;
use crate::letters::drafts;
use crate::letters::models::{Letter, LetterKind, Tally};
use crate::letters::store::{ArchiveFilter, StateCount};
use crate::web::{render, AppError, AppState, PageCtx};

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
    adopted: std::collections::HashMap<i64, (i64, String)>,
}

impl ArchivePage {
    /// The meeting that adopted this letter: its id and title.
    fn adopted_at(&self, letter_id: &i64) -> Option<&(i64, String)> {
        self.adopted.get(letter_id)
    }
}

#[get("/letters")]
pub async fn archive(
    ctx: PageCtx,
    state: web::Data<AppState>,
    filter: web::Query<ArchiveFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let Archive {
        letters,
        counts,
        tally_source,
        years,
        countries,
        adopted,
    } = crate::letters::archive::archive(&state.db, filter.clone(), ctx.lang).await?;
    render(&ArchivePage {
        ctx,
        letters,
        counts,
        tally_source,
        filter,
        kinds: LetterKind::ALL,
        years,
        countries,
        adopted,
    })
}

/// A sent letter's printable page; drafts are not public.
#[get("/letters/{id}")]
pub async fn public_letter(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = drafts::published(&state.db, id.into_inner()).await?;
    render(&PrintPage { view })
}
