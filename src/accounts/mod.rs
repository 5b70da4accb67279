//! The pages of accounts: signing in and out, the first-run setup link, staff
//! and city-user invitations, an admin's list of users, and one's own account
//! (password, language, time zone) and the secretariat's time zone. Identity itself (users, roles, sessions, passwords,
//! the sign-in check) is in `auth`, below the web layer.
//!
//! Operations (one transaction each, refusals as [`AccountsError`]): `setup`,
//! `invitations`, `users`, `own`, `zones`; the pages are in `handlers`.

pub mod error;
mod handlers;
pub mod invitations;
pub mod own;
pub mod security;
pub mod setup;
pub mod users;
pub mod zones;

use crate::auth::Role;

pub use error::AccountsError;
pub use handlers::configure;
pub use invitations::{invite, InvitationRequest};
pub use setup::create_setup_link;

/// Where a user lands after signing in: staff on their dashboard, a city's
/// user on the city's own record.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::City => "/city",
        Role::Admin | Role::Staff => "/staff",
    }
}
