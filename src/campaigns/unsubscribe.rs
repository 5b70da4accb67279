//! Unsubscribing from non-essential campaigns. The link in each message opens
//! a page with a button; mail clients that honour RFC 8058 POST
//! `List-Unsubscribe=One-Click` to the same address, without a session or a CSRF
//! token (the path is exempt from the CSRF check): the signed token in the path
//! is what authorises it, and it only ever unsubscribes its own city. An admin's
//! test send links to `/unsubscribe/preview/...` instead: the same page, which
//! says it is a preview and has no button, and no POST route.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::store::{self, LinkPurpose};
use crate::audit;
use crate::membership::models::MemberCity;
use crate::schema::member_cities;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render, AppError, PageCtx};

/// Unsubscribe requests from one address per minute (a mail provider may send
/// several for its users; a token-guessing run sends many more).
const REQUESTS_PER_MINUTE: i32 = 120;

/// The path prefix the CSRF middleware lets through.
pub const PATH_PREFIX: &str = "/unsubscribe/";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page).service(one_click).service(preview);
}

#[derive(Template)]
#[template(path = "campaigns/unsubscribe.html")]
struct UnsubscribePage {
    ctx: PageCtx,
    city: MemberCity,
    done: bool,
    /// Opened from a test send: shown, but nothing to press.
    preview: bool,
    action: String,
}

async fn checked_city(
    state: &AppState,
    purpose: LinkPurpose,
    campaign_id: i64,
    city_id: i64,
    token: &str,
) -> Result<MemberCity, AppError> {
    if !store::unsubscribe_token_is_valid(
        &state.config.secret_key,
        purpose,
        campaign_id,
        city_id,
        token,
    ) {
        return Err(AppError::NotFound);
    }
    state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            Ok(member_cities::table
                .find(city_id)
                .select(MemberCity::as_select())
                .first(conn)
                .optional()?)
        })
        .await?
        .ok_or(AppError::NotFound)
}

#[get("/unsubscribe/{campaign}/{city}/{token}")]
async fn page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (campaign_id, city_id, token) = path.into_inner();
    let city = checked_city(
        &state,
        LinkPurpose::Unsubscribe,
        campaign_id,
        city_id,
        &token,
    )
    .await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: false,
        preview: false,
        action: format!("{PATH_PREFIX}{campaign_id}/{city_id}/{token}"),
    })
}

/// The page the sample city would see, from an admin's test send; changes nothing.
#[get("/unsubscribe/preview/{campaign}/{city}/{token}")]
async fn preview(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (campaign_id, city_id, token) = path.into_inner();
    let city = checked_city(&state, LinkPurpose::Preview, campaign_id, city_id, &token).await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: false,
        preview: true,
        action: String::new(),
    })
}

#[post("/unsubscribe/{campaign}/{city}/{token}")]
async fn one_click(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let bucket = format!(
        "unsubscribe:{}",
        client_ip(&req, state.config.behind_proxy).unwrap_or_else(|| "unknown".into())
    );
    let allowed = state
        .db
        .run(move |conn| {
            rate_limit::allow(
                conn,
                &bucket,
                Limit::per_minute(REQUESTS_PER_MINUTE),
                crate::domain::clock::now(),
            )
        })
        .await?;
    if !allowed {
        return Err(AppError::TooManyRequests);
    }
    let (campaign_id, city_id, token) = path.into_inner();
    let city = checked_city(
        &state,
        LinkPurpose::Unsubscribe,
        campaign_id,
        city_id,
        &token,
    )
    .await?;
    let name = city.name_latin.clone();
    state
        .db
        .write(move |conn| {
            if store::unsubscribe(conn, campaign_id, city_id)? {
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: None,
                        action: "campaign.unsubscribe",
                        entity_type: "member_city",
                        entity_id: Some(city_id.to_string()),
                        summary: format!("{name} unsubscribed (campaign {campaign_id})"),
                        ip: None,
                    },
                )?;
            }
            Ok(())
        })
        .await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: true,
        preview: false,
        action: String::new(),
    })
}
