//! What every one-click unsubscribe (RFC 8058) shares, whatever list it leaves:
//! its links live under one path prefix, whose POSTs the CSRF check lets
//! through (a mail client posts `List-Unsubscribe=One-Click` without a session:
//! the signed token in the path is the authority), and one limit per client
//! address on those requests, counted before any token is checked. The
//! headers themselves come from [`super::Email::with_list_unsubscribe`].

use crate::db::{DbConn, DbResult};
use crate::web::rate_limit::{self, Limit};

/// The path prefix of every unsubscribe link (campaigns, petition updates).
pub const PATH_PREFIX: &str = "/unsubscribe/";

/// Unsubscribe requests from one address per minute (a mail provider may send
/// several for its users; a token-guessing run sends many more).
const REQUESTS_PER_MINUTE: i32 = 120;

/// Counts one unsubscribe request from `ip`; false when over the limit. Count
/// it on its own, before the token is checked: a refused token counts too.
pub fn allow_request(conn: &mut DbConn, ip: Option<&str>) -> DbResult<bool> {
    rate_limit::allow(
        conn,
        &format!("unsubscribe:{}", ip.unwrap_or("unknown")),
        Limit::per_minute(REQUESTS_PER_MINUTE),
        crate::domain::clock::now(),
    )
}
