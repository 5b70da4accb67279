//! What needs no account: the public archive with its counts by addressee
//! state, and each sent letter's printable page.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::Lang;
use crate::letters::archive::Archive;
use crate::letters::drafts::{self, Published};
use crate::letters::models::{Letter, LetterKind, Tally};
use crate::letters::store::{ArchiveFilter, StateCount};
use crate::web::page_cache;
use crate::web::{render, AppError, AppState, PageCtx};
use actix_web::middleware::from_fn;

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
    languages: BTreeMap<i64, Vec<Lang>>,
}

impl ArchivePage {
    /// The meeting that adopted this letter: its id and title.
    fn adopted_at(&self, letter_id: &i64) -> Option<&(i64, String)> {
        self.adopted.get(letter_id)
    }

    /// The languages a letter can be read in, its original first.
    fn languages_of(&self, id: &i64) -> &[Lang] {
        self.languages.get(id).map_or(&[], Vec::as_slice)
    }
}

#[get("/letters", wrap = "from_fn(page_cache::serve)")]
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
        languages,
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
        languages,
    })
}

#[derive(Template)]
#[template(path = "letters/public.html")]
struct PublicLetterPage {
    ctx: PageCtx,
    published: Published,
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    #[serde(default)]
    lang: String,
}

/// A sent letter under the site's header, in the language asked for when it
/// has a version in it (`?lang=ja`), with its other languages and the way
/// back to the archive; drafts are not public.
#[get("/letters/{id}", wrap = "from_fn(page_cache::serve)")]
pub async fn public_letter(
    ctx: PageCtx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&query.lang);
    let published = drafts::published(&state.db, id.into_inner(), lang).await?;
    render(&PublicLetterPage { ctx, published })
}
