//! The public pages: published meetings, a meeting's page in the reader's
//! language (with the texts it adopted and, once over, who came), and its
//! .ics file.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::domain::clock::now;
use crate::meetings::ical;
use crate::meetings::models::Meeting;
use crate::meetings::views::{self, PublicMeeting};
use crate::web::page_cache;
use crate::web::{render, AppError, AppState, PageCtx};
use actix_web::middleware::from_fn;

#[derive(Template)]
#[template(path = "meetings/public_list.html")]
struct ListPage {
    ctx: PageCtx,
    meetings: Vec<Meeting>,
}

#[get("/meetings", wrap = "from_fn(page_cache::serve)")]
pub async fn list_page(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let meetings = views::published(&state.db).await?;
    render(&ListPage { ctx, meetings })
}

#[derive(Template)]
#[template(path = "meetings/public.html")]
struct MeetingPage {
    ctx: PageCtx,
    p: PublicMeeting,
}

#[get("/meetings/{id:\\d+}", wrap = "from_fn(page_cache::serve)")]
pub async fn meeting_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let p = views::public(&state.db, id.into_inner(), ctx.lang).await?;
    render(&MeetingPage { ctx, p })
}

#[get("/meetings/{id:\\d+}/meeting.ics")]
pub async fn meeting_ics(
    ctx: PageCtx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let p = views::public(&state.db, id, ctx.lang).await?;
    let url = state.config.link(&format!("/meetings/{id}"));
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .body(ical::calendar(&p.meeting, &ctx.lang, &url, now())))
}
