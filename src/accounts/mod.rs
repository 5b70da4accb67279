//! The pages of accounts: signing in and out, the first-run setup link, staff
//! and city-user invitations, an admin's list of users, and one's own account
//! (password, language). Identity itself (users, roles, sessions, passwords) is
//! in `auth`, below the web layer.

pub mod handlers;

pub use handlers::{configure, create_setup_link, invite, InvitationRequest};
