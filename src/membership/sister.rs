//! Sister-city invitations: a member city (or staff) invites a city that is not
//! yet a member; the emailed link opens the application form prefilled, and the
//! path invited → applied → member is kept per inviting city.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::tokens::hash_token;
use crate::db::{DbConn, DbResult};
use crate::schema::{applications, sister_invitations};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sister_invitations)]
pub struct SisterInvitation {
    pub id: i64,
    pub inviting_city_id: Option<i64>,
    pub invited_by: Option<i64>,
    pub city_name: String,
    pub country_code: String,
    pub email: String,
    pub language: String,
    pub application_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub fn find_by_token(conn: &mut DbConn, token: &str) -> DbResult<Option<SisterInvitation>> {
    Ok(sister_invitations::table
        .filter(sister_invitations::token_hash.eq(hash_token(token)))
        .select(SisterInvitation::as_select())
        .first(conn)
        .optional()?)
}

/// Links an application that came through an invitation to it (the first one wins).
pub fn record_application(conn: &mut DbConn, application_id: i64) -> DbResult<()> {
    let invitation_id: Option<Option<i64>> = applications::table
        .find(application_id)
        .select(applications::invitation_id)
        .first(conn)
        .optional()?;
    if let Some(Some(invitation_id)) = invitation_id {
        diesel::update(
            sister_invitations::table
                .find(invitation_id)
                .filter(sister_invitations::application_id.is_null()),
        )
        .set(sister_invitations::application_id.eq(application_id))
        .execute(conn)?;
    }
    Ok(())
}
