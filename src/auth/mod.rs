//! Accounts, sign-in, sessions and roles.

pub mod handlers;
pub mod models;
pub mod password;
pub mod queries;
pub mod session;
pub mod throttle;
pub mod tokens;

pub use handlers::{configure, create_setup_link, invite, InvitationRequest};
pub use models::{Role, User};
