//! The audit log: who changed what, when, from where, with a short before →
//! after summary.
//!
//! An area's operation records its entry with [`record`] inside the transaction
//! of the change, so the log and the data cannot disagree. Handlers hand the
//! operation an [`Actor`]; [`StaffAction`] and its kin give them one, with the
//! way to flash the outcome and redirect.

mod actor;
pub mod detail;
mod handlers;
mod vocabulary;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, DbResult};
use crate::schema::audit_log;

pub use actor::{Acting, Actor, AdminAction, CityAction, SignedInAction, StaffAction};
pub use detail::Detail;
pub use handlers::configure;
pub use vocabulary::{Action, Entity};

/// Records that `actor` did `action` to the record `entity_id` (of the kind
/// the action changes), with a short summary of what changed.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    action: Action,
    entity_id: impl ToString,
    summary: impl Into<String>,
) -> DbResult<()> {
    insert(
        conn,
        actor,
        action,
        Some(entity_id.to_string()),
        summary.into(),
    )
}

/// Records an action that concerns no single record (an export, a run).
pub fn record_general(
    conn: &mut DbConn,
    actor: &Actor,
    action: Action,
    summary: impl Into<String>,
) -> DbResult<()> {
    insert(conn, actor, action, None, summary.into())
}

fn insert(
    conn: &mut DbConn,
    actor: &Actor,
    action: Action,
    entity_id: Option<String>,
    summary: String,
) -> DbResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::occurred_at.eq(crate::domain::clock::now()),
            audit_log::actor_id.eq(actor.user_id),
            audit_log::actor_email.eq(actor.email.as_deref()),
            audit_log::action.eq(action.as_str()),
            audit_log::entity_type.eq(action.entity().as_str()),
            audit_log::entity_id.eq(entity_id),
            audit_log::summary.eq(summary),
            audit_log::ip.eq(actor.ip.as_deref()),
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

impl LoggedAction {
    /// The action in the reader's words, when it is one this version knows.
    pub fn action_label_key(&self) -> Option<&'static str> {
        Action::parse(&self.action).map(Action::label_key)
    }

    /// What the entry says about the change, in the reader's language.
    pub fn summary_in(&self, lang: &crate::i18n::Lang) -> String {
        detail::render(&self.summary, lang)
    }

    pub fn entity_label_key(&self) -> Option<&'static str> {
        Entity::parse(&self.entity_type).map(Entity::label_key)
    }
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

/// One page of the audit log for the audit page: the matching entries, how
/// many match, and the kinds of record in the log (for the filter).
pub async fn page(
    db: &crate::db::Db,
    filter: Filter,
) -> DbResult<(Vec<LoggedAction>, i64, Vec<String>)> {
    db.run(move |conn| {
        let (entries, total) = search(conn, &filter)?;
        Ok((entries, total, entity_types(conn)?))
    })
    .await
}
