//! One-time messages shown on the next page ("Password changed."), kept in the
//! session cookie between a POST and the page it redirects to.

use actix_session::Session;
use serde::{Deserialize, Serialize};

const SESSION_KEY: &str = "flash";

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Success,
    Info,
    Error,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    pub level: Level,
    /// Already translated into the visitor's language.
    pub message: String,
}

impl Flash {
    pub fn css_class(&self) -> &'static str {
        match self.level {
            Level::Success => "flash flash-success",
            Level::Info => "flash flash-info",
            Level::Error => "flash flash-error",
        }
    }

    /// Errors are announced at once to screen readers; the rest politely.
    pub fn aria_role(&self) -> &'static str {
        match self.level {
            Level::Error => "alert",
            _ => "status",
        }
    }
}

pub fn push(session: &Session, level: Level, message: impl Into<String>) {
    let mut flashes: Vec<Flash> = session.get(SESSION_KEY).ok().flatten().unwrap_or_default();
    flashes.push(Flash {
        level,
        message: message.into(),
    });
    if let Err(e) = session.insert(SESSION_KEY, flashes) {
        tracing::warn!(error = %e, "could not keep a flash message");
    }
}

/// Whether a message waits for the next page (which must then be rendered
/// for this visitor alone: see `page_cache`).
pub fn is_waiting(session: &Session) -> bool {
    session.entries().contains_key(SESSION_KEY)
}

/// The one way a form is answered: a message on the next page, `to` (a 303, so
/// the browser follows with GET). Staff actions reach it through
/// `audit::StaffAction`; forms of visitors without an account call it directly.
pub fn redirect(
    session: &Session,
    level: Level,
    message: impl Into<String>,
    to: &str,
) -> actix_web::HttpResponse {
    push(session, level, message);
    super::see_other(to)
}

pub fn take(session: &Session) -> Vec<Flash> {
    session
        .remove_as::<Vec<Flash>>(SESSION_KEY)
        .and_then(Result::ok)
        .unwrap_or_default()
}
