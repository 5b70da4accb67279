//! Unsubscribing from non-essential campaigns. The link in each message opens
//! a page with a button; mail clients that honour RFC 8058 POST
//! `List-Unsubscribe=One-Click` to the same address, without a session or a CSRF
//! token (the path is exempt from the CSRF check): the signed token in the path
//! is what authorises it, and it only ever unsubscribes its own city. An admin's
//! test send links to `/unsubscribe/preview/...` instead: the same page, which
//! says it is a preview and has no button, and no POST route.

use diesel::prelude::*;

use super::error::CampaignError;
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::signed_link::{self, Purpose};
use crate::membership::models::MemberCity;
use crate::schema::member_cities;

/// The path prefix the CSRF middleware lets through (shared with every list's
/// unsubscribe links, with the limit per address: `mail::unsubscribe`).
pub use crate::mail::unsubscribe::PATH_PREFIX;

/// What an unsubscribe link names: a campaign, a city, and the token signed for both.
pub struct Link {
    pub campaign_id: i64,
    pub city_id: i64,
    pub token: String,
}

/// The city an unsubscribe link (`preview`: of a test send) is for, if its token is right.
pub async fn linked_city(
    db: &Db,
    secret_key: &[u8],
    link: &Link,
    preview: bool,
) -> Result<MemberCity, CampaignError> {
    let purpose = if preview {
        Purpose::CampaignUnsubscribePreview
    } else {
        Purpose::CampaignUnsubscribe
    };
    let ids = [link.campaign_id, link.city_id];
    if !signed_link::is_valid(secret_key, purpose, &ids, &link.token) {
        return Err(CampaignError::NotFound);
    }
    let city_id = link.city_id;
    db.read(move |conn| {
        member_cities::table
            .find(city_id)
            .select(MemberCity::as_select())
            .first(conn)
            .optional()?
            .ok_or(CampaignError::NotFound)
    })
    .await
}

/// Unsubscribes the link's city from non-essential campaigns (audited the
/// first time), after the limit per address; returns the city.
pub async fn unsubscribe(
    db: &Db,
    secret_key: &[u8],
    visitor: &Actor,
    link: &Link,
) -> Result<MemberCity, CampaignError> {
    let ip = visitor.ip.clone();
    // Counted on its own: a refused token must still count against the address.
    let allowed = db
        .read(move |conn| {
            Ok::<_, CampaignError>(crate::mail::unsubscribe::allow_request(
                conn,
                ip.as_deref(),
            )?)
        })
        .await?;
    if !allowed {
        return Err(CampaignError::TooManyRequests);
    }
    let city = linked_city(db, secret_key, link, false).await?;
    let (campaign_id, city_id) = (link.campaign_id, link.city_id);
    let (visitor, name) = (visitor.clone(), city.name_latin.clone());
    db.transaction(move |conn| {
        if store::unsubscribe(conn, campaign_id, city_id)? {
            let summary = format!("{name} unsubscribed (campaign {campaign_id})");
            audit::record(
                conn,
                &visitor,
                Action::CampaignUnsubscribe,
                city_id,
                summary,
            )?;
        }
        Ok::<_, CampaignError>(())
    })
    .await?;
    Ok(city)
}
