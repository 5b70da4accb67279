//! What every handler can reach through `web::Data<AppState>`.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// Nothing here is the only copy of lasting state: that lives in the database,
/// so several instances can serve one site.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// The secretariat's time zone, read now and then (see `settings`).
    pub zone: crate::settings::ZoneCache,
}
