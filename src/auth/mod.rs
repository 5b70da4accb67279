//! Identity: accounts and their roles, passwords, who is signed in (the session
//! cookie), the second factor (TOTP) and sign-in throttling. Below the web layer: no pages here, and no
//! mail; the pages that use these are in `accounts`.

pub mod login;
pub mod models;
pub mod password;
pub mod queries;
pub mod session;
pub mod throttle;
pub mod two_factor;

pub use models::{Role, User};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("password hashing: {0}")]
    Hashing(String),
    #[error("session cookie: {0}")]
    Session(String),
    /// Too many failures lately (for this account, or from this client
    /// address): the attempt is not checked until this much time has passed.
    #[error("sign-in slowed down: wait a little")]
    Wait(chrono::Duration),
    /// A wrong address or password (alike), or a wrong second-factor code.
    #[error("wrong email address, password or code")]
    Failed,
    #[error(transparent)]
    Database(#[from] DbError),
}

impl AuthError {
    fn session(error: impl std::fmt::Display) -> AuthError {
        AuthError::Session(error.to_string())
    }
}
