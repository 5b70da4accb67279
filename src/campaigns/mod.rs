//! Letter campaigns to member cities: placeholders filled per recipient, an
//! audience chosen by filters or a pasted list, preview and test send, one
//! outbox row per recipient, pause, resume and cancel, one-click unsubscribe
//! (RFC 8058), and a second admin's approval above a threshold.

pub mod audience;
pub mod error;
pub mod forms;
mod handlers;
pub mod manage;
pub mod models;
pub mod placeholders;
pub mod store;
pub mod unsubscribe;
pub mod versions;

pub use error::CampaignError;
pub use handlers::configure;
