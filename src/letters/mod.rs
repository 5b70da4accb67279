//! Letters of protest, statements, resolutions and appeals: drafts with every
//! version kept, officer review through personal links, sending through the
//! outbox with the running count per addressee state, and the public archive
//! beside the historical tally.
//!
//! Operations (one transaction each, refusals as [`LetterError`]): `drafts`
//! (list, form, create, save, pages), `sending` (circulate, final, send),
//! `answers` (an officer's link and answer), `officers` (excluding an officer
//! from a review), `translations`, `archive`. Below them the
//! queries (`store`, `review`) and the letter as it goes out (`render`).

pub mod answers;
pub mod archive;
pub mod diff;
pub mod drafts;
pub mod error;
pub mod forms;
mod handlers;
pub mod models;
pub mod officers;
pub mod render;
pub mod review;
pub mod sending;
pub mod store;
pub mod translations;

pub use error::LetterError;
pub use handlers::configure;
