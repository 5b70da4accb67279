//! Database access for accounts, setup tokens and invitations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::{NewUser, Role, User};
use crate::db::{DbConn, DbResult};
use crate::schema::{invitations, setup_tokens, users};

pub fn find_user(conn: &mut DbConn, id: i64) -> DbResult<Option<User>> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_user_by_email(conn: &mut DbConn, email_key: &str) -> DbResult<Option<User>> {
    Ok(users::table
        .filter(users::email.eq(email_key))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// The account and password hash for a login attempt.
pub fn find_login(conn: &mut DbConn, email_key: &str) -> DbResult<Option<(User, String)>> {
    Ok(users::table
        .filter(users::email.eq(email_key))
        .filter(users::active.eq(true))
        .select((User::as_select(), users::password_hash))
        .first(conn)
        .optional()?)
}

pub fn list_users(conn: &mut DbConn) -> DbResult<Vec<User>> {
    Ok(users::table
        .order((users::role.asc(), users::display_name.asc()))
        .select(User::as_select())
        .load(conn)?)
}

pub struct NewAccount<'a> {
    pub email_key: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub language: Option<&'a str>,
    pub city_id: Option<i64>,
}

pub fn insert_user(
    conn: &mut DbConn,
    account: NewAccount<'_>,
    now: NaiveDateTime,
) -> DbResult<i64> {
    let id = diesel::insert_into(users::table)
        .values(NewUser {
            email: account.email_key,
            display_name: account.display_name,
            password_hash: account.password_hash,
            role: account.role.as_str(),
            language: account.language,
            session_epoch: 0,
            active: true,
            created_at: now,
            updated_at: now,
            city_id: account.city_id,
        })
        .returning(users::id)
        .get_result(conn)?;
    Ok(id)
}

pub fn admin_exists(conn: &mut DbConn) -> DbResult<bool> {
    let count: i64 = users::table
        .filter(users::role.eq(Role::Admin.as_str()))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Sets a new password and ends every other session of the user (their session
/// epoch moves on); returns the new epoch for the session that made the change.
pub fn set_password(
    conn: &mut DbConn,
    user_id: i64,
    password_hash: &str,
    now: NaiveDateTime,
) -> DbResult<i32> {
    Ok(diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(password_hash),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(now),
        ))
        .returning(users::session_epoch)
        .get_result(conn)?)
}

pub fn set_language(
    conn: &mut DbConn,
    user_id: i64,
    language: &str,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::language.eq(language), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The user's own time zone (an IANA name), or none for the secretariat's.
pub fn set_time_zone(
    conn: &mut DbConn,
    user_id: i64,
    zone: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::time_zone.eq(zone), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn record_login(conn: &mut DbConn, user_id: i64, now: NaiveDateTime) -> DbResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::last_login_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Deactivating also ends the user's sessions.
pub fn set_active(
    conn: &mut DbConn,
    user_id: i64,
    active: bool,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::active.eq(active),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_setup_token(
    conn: &mut DbConn,
    token_hash: &str,
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::insert_into(setup_tokens::table)
        .values((
            setup_tokens::token_hash.eq(token_hash),
            setup_tokens::expires_at.eq(expires_at),
            setup_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn setup_token_is_valid(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> DbResult<bool> {
    let count: i64 = setup_tokens::table
        .filter(setup_tokens::token_hash.eq(token_hash))
        .filter(setup_tokens::expires_at.gt(now))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

pub fn delete_setup_tokens(conn: &mut DbConn) -> DbResult<()> {
    diesel::delete(setup_tokens::table).execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub invited_by: Option<i64>,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub city_id: Option<i64>,
}

pub struct NewInvitation<'a> {
    pub email_key: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: Option<i64>,
    pub expires_at: NaiveDateTime,
    /// For a city user: the member city they will act for.
    pub city_id: Option<i64>,
}

pub fn insert_invitation(
    conn: &mut DbConn,
    invitation: NewInvitation<'_>,
    now: NaiveDateTime,
) -> DbResult<i64> {
    Ok(diesel::insert_into(invitations::table)
        .values((
            invitations::email.eq(invitation.email_key),
            invitations::display_name.eq(invitation.display_name),
            invitations::role.eq(invitation.role.as_str()),
            invitations::token_hash.eq(invitation.token_hash),
            invitations::invited_by.eq(invitation.invited_by),
            invitations::expires_at.eq(invitation.expires_at),
            invitations::created_at.eq(now),
            invitations::city_id.eq(invitation.city_id),
        ))
        .returning(invitations::id)
        .get_result(conn)?)
}

/// An invitation that can still be accepted.
pub fn find_open_invitation(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> DbResult<Option<Invitation>> {
    Ok(invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

pub fn mark_invitation_accepted(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> DbResult<bool> {
    let updated = diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::accepted_at.is_null()),
    )
    .set(invitations::accepted_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn list_open_invitations(conn: &mut DbConn, now: NaiveDateTime) -> DbResult<Vec<Invitation>> {
    Ok(invitations::table
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now))
        .order(invitations::created_at.desc())
        .select(Invitation::as_select())
        .load(conn)?)
}

/// The invitations to act for a member city that can still be accepted,
/// newest first: the people asked to become its users who have not yet.
pub fn open_invitations_for_city(
    conn: &mut DbConn,
    city_id: i64,
    now: NaiveDateTime,
) -> DbResult<Vec<Invitation>> {
    Ok(invitations::table
        .filter(invitations::city_id.eq(city_id))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now))
        .order(invitations::created_at.desc())
        .select(Invitation::as_select())
        .load(conn)?)
}
