//! The unsubscribe pages of campaign emails: the page with its button, the
//! RFC 8058 one-click POST (no session, no CSRF token: the signed link is the
//! authority), and the preview from an admin's test send.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use crate::audit::Actor;
use crate::campaigns::unsubscribe::{self, Link, PATH_PREFIX};
use crate::membership::models::MemberCity;
use crate::web::{render, AppError, AppState, PageCtx};

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

fn link(path: web::Path<(i64, i64, String)>) -> Link {
    let (campaign_id, city_id, token) = path.into_inner();
    Link {
        campaign_id,
        city_id,
        token,
    }
}

#[get("/unsubscribe/{campaign}/{city}/{token}")]
pub async fn page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let link = link(path);
    let city = unsubscribe::linked_city(&state.db, &state.config.secret_key, &link, false).await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: false,
        preview: false,
        action: format!(
            "{PATH_PREFIX}{}/{}/{}",
            link.campaign_id, link.city_id, link.token
        ),
    })
}

/// The page the sample city would see, from an admin's test send; changes nothing.
#[get("/unsubscribe/preview/{campaign}/{city}/{token}")]
pub async fn preview(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let link = link(path);
    let city = unsubscribe::linked_city(&state.db, &state.config.secret_key, &link, true).await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: false,
        preview: true,
        action: String::new(),
    })
}

#[post("/unsubscribe/{campaign}/{city}/{token}")]
pub async fn one_click(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let visitor = Actor::visitor(Actor::address_of(&req));
    let secret_key = &state.config.secret_key;
    let city = unsubscribe::unsubscribe(&state.db, secret_key, &visitor, &link(path)).await?;
    render(&UnsubscribePage {
        ctx,
        city,
        done: true,
        preview: false,
        action: String::new(),
    })
}
