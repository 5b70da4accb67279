//! The first run: while no admin exists, a one-time link (printed at start)
//! creates the first admin account.

use chrono::Duration;

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::queries::{self, NewAccount};
use crate::auth::{password, Role, User};
use crate::db::{self, write_transaction, Db, DbError};
use crate::domain::clock::now;
use crate::domain::{random, EmailAddress, Password, PlainLine};
use crate::i18n::Lang;
use crate::web::form::FormErrors;

const SETUP_LINK_VALID_MINUTES: i64 = 60;

/// Called at start: while no admin exists, makes a one-time setup link.
pub fn create_setup_link(conn: &mut db::DbConn, base_url: &str) -> Result<Option<String>, DbError> {
    write_transaction(conn, |conn| {
        if queries::admin_exists(conn)? {
            return Ok(None);
        }
        let token = random::random_token();
        let now = now();
        queries::insert_setup_token(
            conn,
            &random::hash_token(&token),
            now + Duration::minutes(SETUP_LINK_VALID_MINUTES),
            now,
        )?;
        Ok(Some(format!("{base_url}/setup/{token}")))
    })
}

/// Whether the setup link still works: no admin yet, the token valid.
pub async fn check_link(db: &Db, token: &str) -> Result<(), AccountsError> {
    let hash = random::hash_token(token);
    db.read(move |conn| {
        if queries::admin_exists(conn)? || !queries::setup_token_is_valid(conn, &hash, now())? {
            return Err(AccountsError::SetupLinkGone);
        }
        Ok(())
    })
    .await
}

/// The first admin, as the setup form gives them.
pub struct NewAdmin {
    pub email: EmailAddress,
    pub name: PlainLine,
    pub password: Password,
}

/// Creates the first admin through the setup link, which dies with it. The
/// link is checked before the form: a dead link gets no form errors.
pub async fn create_first_admin(
    db: &Db,
    from: &Actor,
    token: &str,
    lang: Lang,
    admin: Result<NewAdmin, FormErrors>,
) -> Result<User, AccountsError> {
    check_link(db, token).await?;
    let admin = admin.map_err(AccountsError::Invalid)?;
    let hash = password::hash(admin.password.expose().to_string()).await?;
    let (token_hash, ip) = (random::hash_token(token), from.ip.clone());
    db.transaction(move |conn| {
        let now = now();
        if queries::admin_exists(conn)? || !queries::setup_token_is_valid(conn, &token_hash, now)? {
            return Err(AccountsError::SetupLinkGone);
        }
        let account = NewAccount {
            email_key: &admin.email.key(),
            display_name: admin.name.as_str(),
            password_hash: &hash,
            role: Role::Admin,
            language: Some(&lang.code()),
            city_id: None,
        };
        let id = queries::insert_user(conn, account, now)?;
        queries::delete_setup_tokens(conn)?;
        let user = queries::find_user(conn, id)?.ok_or(AccountsError::NotFound)?;
        let summary = format!(
            "first admin {} created through the setup link",
            admin.email.key()
        );
        let actor = Actor::user(&user, ip);
        audit::record(conn, &actor, Action::UserCreateFirstAdmin, id, summary)?;
        Ok(user)
    })
    .await
}
