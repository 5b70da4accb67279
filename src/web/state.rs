//! What every handler can reach through `web::Data<AppState>`.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// Nothing here is the only copy of lasting state: that lives in the database,
/// so several instances can serve one site.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Set when the instance has been told to stop and is waiting out
    /// SHUTDOWN_DRAIN_SECONDS: `/healthz` answers 503 so that the load balancer
    /// sends nothing new, while requests keep being served.
    pub draining: Arc<AtomicBool>,
    /// The secretariat's time zone, read now and then (see `settings`).
    pub zone: crate::settings::ZoneCache,
    /// Public pages as anonymous visitors last got them (see `page_cache`).
    pub pages: Arc<super::page_cache::PageCache>,
}
