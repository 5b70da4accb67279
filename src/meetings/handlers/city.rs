//! A city user's meetings: the invitations of their city, each with the same
//! personal registration page the email links to.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::meetings::emails::registration_path;
use crate::meetings::models::{Invitation, Meeting};
use crate::meetings::views;
use crate::web::{render, AppError, AppState, PageCtx, SignedIn};

#[derive(Template)]
#[template(path = "meetings/city_list.html")]
struct CityListPage {
    ctx: PageCtx,
    /// Each invitation with the path of its registration page.
    invitations: Vec<(Meeting, Invitation, String)>,
}

#[get("/city/meetings")]
pub async fn list_page(
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = user.own_city()?;
    let secret_key = &state.config.secret_key;
    let invitations = views::city_invitations(&state.db, city_id)
        .await?
        .into_iter()
        .map(|(meeting, invitation)| {
            let path = registration_path(secret_key, meeting.id, city_id);
            (meeting, invitation, path)
        })
        .collect();
    render(&CityListPage {
        ctx: user.ctx,
        invitations,
    })
}
