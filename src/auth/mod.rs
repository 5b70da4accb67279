//! Identity: accounts and their roles, passwords, who is signed in (the session
//! cookie) and sign-in throttling. Below the web layer: no pages here, and no
//! mail; the pages that use these are in `accounts`.

pub mod login;
pub mod models;
pub mod password;
pub mod queries;
pub mod session;
pub mod throttle;

pub use models::{Role, User};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("password hashing: {0}")]
    Hashing(String),
    #[error("session cookie: {0}")]
    Session(String),
    /// Signing in is refused while the address is locked (too many failures).
    #[error("sign-in locked for a while")]
    Locked(chrono::Duration),
    /// A wrong address or password (alike); `lock` when this failure started one.
    #[error("wrong email address or password")]
    Failed { lock: Option<chrono::Duration> },
    #[error(transparent)]
    Database(#[from] DbError),
}

impl AuthError {
    fn session(error: impl std::fmt::Display) -> AuthError {
        AuthError::Session(error.to_string())
    }
}
