//! The time zone times are read in: one's own choice, else the secretariat's,
//! which admins set (audited).

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::queries;
use crate::db::Db;
use crate::domain::clock::now;
use crate::i18n::Tz;
use crate::settings::{self, ZoneCache};

/// The secretariat's zone, for the page that offers to change it.
pub async fn secretariat_zone(db: &Db) -> Result<Tz, AccountsError> {
    db.read(|conn| Ok(settings::time_zone(conn)?)).await
}

/// Remembers the zone the user reads times in; `None`: the secretariat's.
pub async fn set_own_zone(db: &Db, user_id: i64, zone: Option<Tz>) -> Result<(), AccountsError> {
    db.transaction(move |conn| {
        let name = zone.map(|zone| zone.name());
        Ok(queries::set_time_zone(conn, user_id, name, now())?)
    })
    .await
}

/// Sets the secretariat's zone, audited with what it was; this instance shows
/// it at once, others within a minute.
pub async fn set_secretariat_zone(
    db: &Db,
    cache: &ZoneCache,
    actor: &Actor,
    zone: Tz,
) -> Result<(), AccountsError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = settings::time_zone(conn)?;
        settings::set(conn, settings::TIME_ZONE, zone.name())?;
        let summary = audit::Detail::new("audit-detail-settings-time-zone")
            .text("before", before.name())
            .text("after", zone.name());
        audit::record(
            conn,
            &actor,
            Action::SettingsTimeZone,
            settings::TIME_ZONE,
            summary,
        )?;
        Ok::<(), AccountsError>(())
    })
    .await?;
    cache.remember(zone);
    Ok(())
}
