//! One's own time zone, and (for admins) the secretariat's.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::zones;
use crate::audit::{AdminAction, SignedInAction};
use crate::i18n::{parse_zone, zone_names, Tz};
use crate::web::{render, AppError, AppState, PageCtx, SignedIn};

#[derive(Template)]
#[template(path = "accounts/time_zone.html")]
struct TimeZonePage {
    ctx: PageCtx,
    /// The user's own choice, if any.
    own: Option<String>,
    secretariat: Tz,
    zones: Vec<&'static str>,
}

impl TimeZonePage {
    fn is_own(&self, zone: &str) -> bool {
        self.own.as_deref() == Some(zone)
    }

    fn is_secretariat(&self, zone: &str) -> bool {
        self.secretariat.name() == zone
    }
}

/// The zones offered: the regions' zones of the tz database, and UTC.
fn choices() -> Vec<&'static str> {
    const REGIONS: [&str; 9] = [
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    let mut zones: Vec<&'static str> = zone_names()
        .filter(|name| REGIONS.iter().any(|region| name.starts_with(region)))
        .collect();
    zones.sort_unstable();
    zones.push("UTC");
    zones
}

#[get("/account/time-zone")]
pub async fn time_zone_page(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let secretariat = zones::secretariat_zone(&state.db).await?;
    render(&TimeZonePage {
        own: signed_in.user.time_zone.clone(),
        ctx: signed_in.ctx,
        secretariat,
        zones: choices(),
    })
}

#[derive(Deserialize)]
struct ZoneForm {
    #[serde(default)]
    zone: String,
}

/// The user's own zone; the empty choice goes back to the secretariat's.
#[post("/account/time-zone")]
pub async fn set_own_time_zone(
    action: SignedInAction,
    state: web::Data<AppState>,
    form: web::Form<ZoneForm>,
) -> Result<HttpResponse, AppError> {
    let zone = match form.zone.trim() {
        "" => None,
        name => match parse_zone(name) {
            Some(zone) => Some(zone),
            None => {
                return Ok(action.refused(action.t("error-time-zone-unknown"), "/account/time-zone"))
            }
        },
    };
    zones::set_own_zone(&state.db, action.user.id, zone).await?;
    Ok(action.done(action.t("time-zone-saved"), "/account"))
}

#[post("/admin/time-zone")]
pub async fn set_secretariat_time_zone(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<ZoneForm>,
) -> Result<HttpResponse, AppError> {
    let Some(zone) = parse_zone(&form.zone) else {
        return Ok(action.refused(action.t("error-time-zone-unknown"), "/account/time-zone"));
    };
    zones::set_secretariat_zone(&state.db, &state.zone, &action.actor, zone).await?;
    let message = action
        .ctx
        .t1("time-zone-secretariat-saved", "zone", zone.name());
    Ok(action.done(message, "/account/time-zone"))
}
