//! A micro-cache of public pages for visitors who are not signed in: the page
//! a handler rendered is kept for PAGE_CACHE_SECONDS (default 2) and served
//! again to every anonymous visitor who asks for the same address in the same
//! language, with their own CSRF token put back in.
//!
//! Why: a public page is the same for every such visitor except the token of
//! the forms it carries (the language switcher at least), and each one cost a
//! database read on the blocking pool and a template (a few hundred
//! microseconds to a few milliseconds) where a copy costs a few microseconds.
//! A petition shared widely brings thousands of visitors a second to one page.
//!
//! What a visitor may rely on:
//! - a signed-in user (or one halfway through signing in) and a visitor with a
//!   message waiting (a flash) always get a page rendered for them;
//! - a change a signed-in user makes through this instance (any request that
//!   is not a GET) is shown on the next page: it empties the cache;
//! - a change made elsewhere (another instance, a background job) is shown
//!   within PAGE_CACHE_SECONDS. Nothing is kept that must survive: the cache
//!   is a copy of what the database says, and each instance has its own.
//!
//! Only handlers that opt in (`wrap = "page_cache::public()"`) are cached, and
//! only their 200 HTML answers without a `Cache-Control` of their own.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use actix_session::SessionExt;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, HttpResponseBuilder};

use super::{csrf, flash, page, AppState};

/// At most this many bytes of pages are kept; past it, new pages are served
/// without being kept until old ones expire (a crawler walking every filter of
/// the directory must not grow the process without bound).
const MOST_BYTES: usize = 32 * 1024 * 1024;

/// The pages of one instance, with their age.
pub struct PageCache {
    fresh_for: Duration,
    /// Bumped by every request that may write (not a GET): pages rendered
    /// before it are not served again.
    generation: AtomicU64,
    entries: RwLock<Entries>,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<Key, Arc<Entry>>,
    bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    lang: String,
    path_and_query: String,
}

/// A rendered page cut where its visitor's CSRF token was.
struct Entry {
    pieces: Vec<Bytes>,
    headers: HeaderMap,
    /// A hash of the pieces: the page's ETag is this with the token.
    hash: u64,
    rendered_at: Instant,
    generation: u64,
}

impl Entry {
    fn len(&self) -> usize {
        self.pieces.iter().map(Bytes::len).sum()
    }

    /// The page with `token` where the renderer's token was.
    fn page_with(&self, token: &str) -> Vec<u8> {
        let mut page = Vec::with_capacity(self.len() + token.len() * self.pieces.len());
        for (n, piece) in self.pieces.iter().enumerate() {
            if n > 0 {
                page.extend_from_slice(token.as_bytes());
            }
            page.extend_from_slice(piece);
        }
        page
    }

    /// A strong validator for the page as `token`'s visitor gets it.
    fn etag_with(&self, token: &str) -> String {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hash.hash(&mut hasher);
        token.hash(&mut hasher);
        format!("\"{:016x}\"", hasher.finish())
    }
}

impl PageCache {
    /// A cache that keeps pages for `fresh_for`; zero keeps none.
    pub fn new(fresh_for: Duration) -> PageCache {
        PageCache {
            fresh_for,
            generation: AtomicU64::new(0),
            entries: RwLock::new(Entries::default()),
        }
    }

    fn is_on(&self) -> bool {
        !self.fresh_for.is_zero()
    }

    /// Forgets every page: something may have changed.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn fresh(&self, key: &Key) -> Option<Arc<Entry>> {
        let entries = self.entries.read().ok()?;
        let entry = entries.pages.get(key)?;
        let current = entry.generation == self.generation.load(Ordering::SeqCst)
            && entry.rendered_at.elapsed() < self.fresh_for;
        current.then(|| entry.clone())
    }

    fn keep(&self, key: Key, entry: Entry) {
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        let (fresh_for, generation) = (self.fresh_for, self.generation.load(Ordering::SeqCst));
        let stale = |e: &Entry| e.generation != generation || e.rendered_at.elapsed() >= fresh_for;
        if entries.bytes + entry.len() > MOST_BYTES {
            entries.pages.retain(|_, e| !stale(e));
            entries.bytes = entries.pages.values().map(|e| e.len()).sum();
        }
        if entries.bytes + entry.len() > MOST_BYTES {
            return;
        }
        entries.bytes += entry.len();
        if let Some(old) = entries.pages.insert(key, Arc::new(entry)) {
            entries.bytes -= old.len();
        }
    }
}

/// The middleware for a public page's handler:
/// `#[get("/statistics", wrap = "from_fn(page_cache::serve)")]`.
pub async fn serve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<actix_web::web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let session = req.get_session();
    let personal = crate::auth::session::has_identity(&session) || flash::is_waiting(&session);
    if !state.pages.is_on() || req.method() != Method::GET || personal {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = Key {
        lang: page::request_language(req.request()).code(),
        path_and_query: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.path().to_string(), |p| p.as_str().to_string()),
    };
    if let Some(entry) = state.pages.fresh(&key) {
        let token = csrf::session_token(&session)?;
        let response = answer(&req, &entry, &token);
        return Ok(req.into_response(response));
    }
    let generation = state.pages.generation.load(Ordering::SeqCst);
    let response = next.call(req).await?.map_into_boxed_body();
    if !is_plain_page(&response) {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))?;
    let token = csrf::session_token(&request.get_session())?;
    let entry = Entry::of(&bytes, &token, head.headers(), generation);
    let response = answer_as(&request, &entry, &token, bytes.to_vec());
    state.pages.keep(key, entry);
    Ok(ServiceResponse::new(request, response))
}

/// A 200 HTML page that left caching to us.
fn is_plain_page(response: &ServiceResponse<BoxBody>) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::CACHE_CONTROL)
        && !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

impl Entry {
    fn of(page: &[u8], token: &str, headers: &HeaderMap, generation: u64) -> Entry {
        let pieces: Vec<Bytes> = split_at_token(page, token.as_bytes())
            .into_iter()
            .map(Bytes::copy_from_slice)
            .collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for piece in &pieces {
            piece.hash(&mut hasher);
        }
        let mut kept = HeaderMap::new();
        for (name, value) in headers.iter() {
            if name != header::SET_COOKIE && name != header::ETAG {
                kept.append(name.clone(), value.clone());
            }
        }
        Entry {
            pieces,
            headers: kept,
            hash: hasher.finish(),
            rendered_at: Instant::now(),
            generation,
        }
    }
}

/// The page's bytes between the occurrences of `token`.
fn split_at_token<'a>(page: &'a [u8], token: &[u8]) -> Vec<&'a [u8]> {
    if token.is_empty() {
        return vec![page];
    }
    let mut pieces = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.windows(token.len()).position(|w| w == token) {
        pieces.push(&rest[..at]);
        rest = &rest[at + token.len()..];
    }
    pieces.push(rest);
    pieces
}

fn answer(req: &ServiceRequest, entry: &Entry, token: &str) -> HttpResponse {
    answer_as(req.request(), entry, token, Vec::new())
}

/// The kept page for `token`'s visitor, or 304 when their copy is current;
/// `rendered` is the page when it was just rendered (else it is put together).
fn answer_as(
    req: &actix_web::HttpRequest,
    entry: &Entry,
    token: &str,
    rendered: Vec<u8>,
) -> HttpResponse {
    let tag = entry.etag_with(token);
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|list| list.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut response = if unchanged {
        HttpResponseBuilder::new(StatusCode::NOT_MODIFIED)
    } else {
        HttpResponseBuilder::new(StatusCode::OK)
    };
    for (name, value) in entry.headers.iter() {
        response.append_header((name.clone(), value.clone()));
    }
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.insert_header((header::ETAG, value));
    }
    // As the other pages (see `middleware::etag_for_pages`): the browser asks
    // again each time, and no shared cache keeps a page with a visitor's token.
    response.insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if unchanged {
        return response.finish();
    }
    let body = if rendered.is_empty() {
        entry.page_with(token)
    } else {
        rendered
    };
    response.body(body)
}

/// For the whole app: a request that may write, made by a signed-in user,
/// empties this instance's page cache once it has been answered, so the
/// writer's next look at a public page shows the change. Anonymous visitors'
/// forms (signing, joining, the language) change no public page at once:
/// signatures count after the recount, applications after staff approve them.
pub async fn forget_after_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && crate::auth::session::has_identity(&req.get_session());
    let state = writes
        .then(|| req.app_data::<actix_web::web::Data<AppState>>().cloned())
        .flatten();
    let response = next.call(req).await;
    if let Some(state) = state {
        state.pages.invalidate();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(path: &str) -> Key {
        Key {
            lang: "en".into(),
            path_and_query: path.into(),
        }
    }

    #[test]
    fn a_page_is_cut_at_each_token_and_put_together_with_another() {
        let page = b"<form><input value=\"TOKEN\"></form><form><input value=\"TOKEN\"></form>";
        let entry = Entry::of(page, "TOKEN", &HeaderMap::new(), 0);
        assert_eq!(entry.pieces.len(), 3);
        assert_eq!(
            entry.page_with("other"),
            b"<form><input value=\"other\"></form><form><input value=\"other\"></form>"
        );
        assert_ne!(
            entry.etag_with("a"),
            entry.etag_with("b"),
            "a tag per visitor"
        );
        let plain = Entry::of(b"no form", "TOKEN", &HeaderMap::new(), 0);
        assert_eq!(plain.page_with("x"), b"no form");
    }

    #[test]
    fn a_page_rendered_before_a_write_is_not_served_after_it() {
        let cache = PageCache::new(Duration::from_secs(60));
        let key = english("/statistics");
        let generation = cache.generation.load(Ordering::SeqCst);
        cache.keep(
            key.clone(),
            Entry::of(b"page", "t", &HeaderMap::new(), generation),
        );
        assert!(cache.fresh(&key).is_some());
        cache.invalidate();
        assert!(cache.fresh(&key).is_none());
    }

    #[test]
    fn a_page_expires() {
        let cache = PageCache::new(Duration::from_millis(1));
        let key = english("/");
        cache.keep(key.clone(), Entry::of(b"page", "t", &HeaderMap::new(), 0));
        std::thread::sleep(Duration::from_millis(5));
        assert!(cache.fresh(&key).is_none());
    }
}
