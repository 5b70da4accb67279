//! The audit log: who changed what, when, with a short before/after summary.
//!
//! Every staff action that changes data calls [`record`] inside the same
//! transaction as the change, so the log and the data cannot disagree.

mod handlers;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::User;
use crate::db::{DbConn, DbResult};
use crate::schema::audit_log;

pub use handlers::configure;

/// One change to record.
pub struct Entry<'a> {
    pub actor: Option<&'a User>,
    /// What was done, as `area.verb`: `user.invite`, `application.approve`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<String>,
    /// A short human summary, with before → after where a value changed.
    pub summary: String,
    pub ip: Option<String>,
}

pub fn record(conn: &mut DbConn, entry: Entry<'_>) -> DbResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::occurred_at.eq(crate::db::now()),
            audit_log::actor_id.eq(entry.actor.map(|u| u.id)),
            audit_log::actor_email.eq(entry.actor.map(|u| u.email.clone())),
            audit_log::action.eq(entry.action),
            audit_log::entity_type.eq(entry.entity_type),
            audit_log::entity_id.eq(entry.entity_id),
            audit_log::summary.eq(entry.summary),
            audit_log::ip.eq(entry.ip),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct LoggedAction {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

/// Filters of the audit page; empty means "any".
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub entity_type: String,
    #[serde(default)]
    pub entity_id: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub page: Option<i64>,
}

pub const PAGE_SIZE: i64 = 50;

/// One page of matching entries, newest first, and the number of matches.
pub fn search(conn: &mut DbConn, filter: &Filter) -> DbResult<(Vec<LoggedAction>, i64)> {
    let build = || {
        let mut query = audit_log::table.into_boxed();
        if !filter.actor.trim().is_empty() {
            query = query.filter(audit_log::actor_email.eq(filter.actor.trim().to_lowercase()));
        }
        if !filter.action.trim().is_empty() {
            query = query.filter(
                audit_log::action
                    .like(format!("{}%", escape_like(filter.action.trim())))
                    .escape('\\'),
            );
        }
        if !filter.entity_type.trim().is_empty() {
            query = query.filter(audit_log::entity_type.eq(filter.entity_type.trim().to_string()));
        }
        if !filter.entity_id.trim().is_empty() {
            query = query.filter(audit_log::entity_id.eq(filter.entity_id.trim().to_string()));
        }
        if let Some(from) = filter.from {
            query = query.filter(audit_log::occurred_at.ge(from.and_time(chrono::NaiveTime::MIN)));
        }
        if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
            query = query.filter(audit_log::occurred_at.lt(to.and_time(chrono::NaiveTime::MIN)));
        }
        query
    };
    let total: i64 = build().count().get_result(conn)?;
    let page = filter.page.unwrap_or(1).max(1);
    let rows = build()
        .order((audit_log::occurred_at.desc(), audit_log::id.desc()))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .select(LoggedAction::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Escapes LIKE wildcards so a filter matches them literally.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Entity types in the log, for the filter's choices.
pub fn entity_types(conn: &mut DbConn) -> DbResult<Vec<String>> {
    Ok(audit_log::table
        .select(audit_log::entity_type)
        .distinct()
        .order(audit_log::entity_type.asc())
        .load(conn)?)
}
