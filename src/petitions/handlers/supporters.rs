//! Writing to a petition's supporters (staff: an update, a milestone's
//! announcement) and the one-click unsubscribe of those emails: the page its
//! link opens, and the RFC 8058 POST that needs no session or CSRF token (the
//! signed link is the authority; `mail::unsubscribe`).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::{Actor, StaffAction};
use crate::i18n::Lang;
use crate::petitions::error::PetitionError;
use crate::petitions::models::Version;
use crate::petitions::supporters::{self, Link, NewUpdate};
use crate::web::{render, AppError, AppState, PageCtx};

/// Sends an update to the supporters; an empty or half-written form is refused
/// on the petition's page.
#[post("/staff/petitions/{id}/updates")]
pub async fn send_update(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let to = format!("/staff/petitions/{id}");
    let sent = match NewUpdate::parse(&form) {
        Ok(update) => {
            supporters::send_update(&state.db, &state.config, &action.actor, id, update).await
        }
        Err(errors) => {
            let key = errors.get("versions").unwrap_or("supporter-update-empty");
            Err(PetitionError::Refused(key))
        }
    };
    action.answer(sent, &to, |n| {
        action.ctx.tn("supporter-update-sent", "count", *n as i64)
    })
}

#[post("/staff/petitions/{id}/milestones/{milestone}/announce")]
pub async fn announce_milestone(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, milestone) = path.into_inner();
    let to = format!("/staff/petitions/{id}");
    let sent =
        supporters::announce_milestone(&state.db, &state.config, &action.actor, id, milestone)
            .await;
    action.answer(sent, &to, |n| {
        action.ctx.tn("supporter-update-sent", "count", *n as i64)
    })
}

#[derive(Template)]
#[template(path = "petitions/unsubscribe.html")]
struct UnsubscribePage {
    ctx: PageCtx,
    version: Version,
    /// Still receiving the updates: the page offers the button.
    subscribed: bool,
    action: String,
}

/// The language the link carries (`?lang=`), else the visitor's.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn link(path: web::Path<(i64, i64, String)>) -> Link {
    let (petition_id, submission_id, token) = path.into_inner();
    Link {
        petition_id,
        submission_id,
        token,
    }
}

fn page_lang(ctx: &PageCtx, query: &LangQuery) -> Lang {
    query
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(ctx.lang)
}

#[get("/unsubscribe/petition/{petition}/{submission}/{token}")]
pub async fn unsubscribe_page(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    ctx.lang = page_lang(&ctx, &query);
    let link = link(path);
    let secret_key = &state.config.secret_key;
    let (version, subscribed) = supporters::linked(&state.db, secret_key, &link, ctx.lang).await?;
    let action = format!(
        "{}?lang={}",
        supporters::unsubscribe_path(secret_key, link.petition_id, link.submission_id),
        ctx.lang.code()
    );
    render(&UnsubscribePage {
        ctx,
        version,
        subscribed,
        action,
    })
}

/// The one-click unsubscribe: from the page's button or a mail client.
#[post("/unsubscribe/petition/{petition}/{submission}/{token}")]
pub async fn unsubscribe(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(i64, i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    ctx.lang = page_lang(&ctx, &query);
    let visitor = Actor::visitor(Actor::address_of(&req));
    let secret_key = &state.config.secret_key;
    let version =
        supporters::unsubscribe(&state.db, secret_key, &visitor, &link(path), ctx.lang).await?;
    render(&UnsubscribePage {
        ctx,
        version,
        subscribed: false,
        action: String::new(),
    })
}
