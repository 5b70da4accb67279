//! What every page needs: the visitor's language, who is signed in, the CSRF
//! token for its forms and the flash messages; and the role guards that hand a
//! handler its page context only when the visitor may see the page.

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::{NaiveDate, NaiveDateTime};
use futures_util::future::LocalBoxFuture;

use crate::auth::{self, Role, User};
use crate::i18n::{parse_zone, FluentArg, Lang, Tz};
use crate::web::error::AppError;
use crate::web::{csrf, flash, AppState};

/// The cookie the language switcher sets.
pub const LANG_COOKIE: &str = "lang";

pub struct PageCtx {
    pub lang: Lang,
    /// The zone times are shown in: the user's own, else the secretariat's.
    pub zone: Tz,
    pub user: Option<User>,
    pub csrf_token: String,
    pub flashes: Vec<flash::Flash>,
    /// Path and query of this page, where the language switcher comes back to.
    pub current_path: String,
}

impl PageCtx {
    /// A context for pages rendered outside a handler (error pages): no user, no forms.
    pub fn bare(lang: Lang) -> PageCtx {
        PageCtx {
            lang,
            zone: crate::settings::DEFAULT_TIME_ZONE,
            user: None,
            csrf_token: String::new(),
            flashes: Vec::new(),
            current_path: "/".into(),
        }
    }

    pub async fn load(req: &HttpRequest) -> Result<PageCtx, AppError> {
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::internal("application state missing"))?;
        let session = req.get_session();
        let user = auth::session::current_user(&session, &state.db, &state.config).await?;
        let lang = user
            .as_ref()
            .and_then(|u| u.language.as_deref())
            .and_then(Lang::parse)
            .unwrap_or_else(|| request_language(req));
        let own_zone = user
            .as_ref()
            .and_then(|u| u.time_zone.as_deref())
            .and_then(parse_zone);
        let zone = match own_zone {
            Some(zone) => zone,
            None => state.zone.get(&state.db).await?,
        };
        Ok(PageCtx {
            lang,
            zone,
            user,
            csrf_token: csrf::session_token(&session)?,
            flashes: flash::take(&session),
            current_path: req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/")
                .to_string(),
        })
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A translation with one named argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.lang
            .t_with(key, &[(name, FluentArg::Str(value.to_string()))])
    }

    /// A translation with two named arguments.
    pub fn t2(
        &self,
        key: &str,
        name1: &'static str,
        value1: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        self.lang.t_with(
            key,
            &[
                (name1, FluentArg::Str(value1.to_string())),
                (name2, FluentArg::Str(value2.to_string())),
            ],
        )
    }

    /// Whether a navigation link leads to the page shown or to the area it is
    /// in (`/staff/letters` for `/staff/letters/7`); the dashboard and the
    /// city's record are current only on themselves.
    pub fn is_current(&self, href: &str) -> bool {
        let path = self.current_path.split('?').next().unwrap_or_default();
        path == href
            || (!matches!(href, "/staff" | "/city")
                && path
                    .strip_prefix(href)
                    .is_some_and(|rest| rest.starts_with('/')))
    }

    /// A translation whose wording depends on a count (plural rules).
    pub fn tn(&self, key: &str, name: &'static str, count: impl Plain<i64>) -> String {
        self.lang
            .t_with(key, &[(name, FluentArg::Count(count.plain()))])
    }

    /// A translation whose wording depends on two counts.
    pub fn tn2(
        &self,
        key: &str,
        name1: &'static str,
        count1: impl Plain<i64>,
        name2: &'static str,
        count2: impl Plain<i64>,
    ) -> String {
        self.lang.t_with(
            key,
            &[
                (name1, FluentArg::Count(count1.plain())),
                (name2, FluentArg::Count(count2.plain())),
            ],
        )
    }

    // Templates pass values or references alike, hence `Plain`.

    pub fn date(&self, date: impl Plain<NaiveDate>) -> String {
        self.lang.date(date.plain())
    }

    pub fn datetime(&self, at: impl Plain<NaiveDateTime>) -> String {
        self.lang.datetime(at.plain(), self.zone)
    }

    pub fn number(&self, n: impl Plain<i64>) -> String {
        self.lang.number(n.plain())
    }

    pub fn languages(&self) -> &'static [Lang] {
        Lang::all()
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn is_staff(&self) -> bool {
        self.role().is_some_and(Role::is_staff)
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }
}

/// A value that templates may hand over by value or behind one or two references
/// (askama binds `if let` and `for` variables by reference).
pub trait Plain<T> {
    fn plain(&self) -> T;
}

macro_rules! plain_values {
    ($($t:ty),*) => {$(
        impl Plain<$t> for $t { fn plain(&self) -> $t { *self } }
        impl Plain<$t> for &$t { fn plain(&self) -> $t { **self } }
        impl Plain<$t> for &&$t { fn plain(&self) -> $t { ***self } }
    )*};
}
plain_values!(i32, i64, NaiveDate, NaiveDateTime);

/// Counts of other integer types, for the plural forms of `tn`.
macro_rules! plain_counts {
    ($($t:ty),*) => {$(
        impl Plain<i64> for $t { fn plain(&self) -> i64 { i64::try_from(*self).unwrap_or(i64::MAX) } }
        impl Plain<i64> for &$t { fn plain(&self) -> i64 { (**self).plain() } }
        impl Plain<i64> for &&$t { fn plain(&self) -> i64 { (***self).plain() } }
    )*};
}
plain_counts!(i32, u32, usize);

/// The language of a visitor who has no setting of their own: the switcher's
/// cookie, else the browser's Accept-Language, else English.
pub fn request_language(req: &HttpRequest) -> Lang {
    req.cookie(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

impl FromRequest for PageCtx {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { PageCtx::load(&req).await })
    }
}

/// Loads the page context and insists on a signed-in user whose role passes `allowed`:
/// a visitor who is not signed in is sent to the login page, a user without the role
/// gets 403.
async fn require(req: HttpRequest, allowed: fn(Role) -> bool) -> Result<(PageCtx, User), AppError> {
    let ctx = PageCtx::load(&req).await?;
    match ctx.user.clone() {
        None => Err(AppError::LoginRequired {
            next: ctx.current_path.clone(),
        }),
        Some(user) if allowed(user.role) => Ok((ctx, user)),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// A role guard: lets a visitor in, with the page context and the signed-in
/// user, or answers why not (sign in first, 403).
pub trait Guard {
    fn admit(
        req: &HttpRequest,
    ) -> impl std::future::Future<Output = Result<(PageCtx, User), AppError>>;
}

macro_rules! role_guard {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        pub struct $name {
            pub ctx: PageCtx,
            pub user: User,
        }

        impl Guard for $name {
            fn admit(
                req: &HttpRequest,
            ) -> impl std::future::Future<Output = Result<(PageCtx, User), AppError>> {
                require(req.clone(), $allowed)
            }
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move {
                    let (ctx, user) = require(req, $allowed).await?;
                    Ok($name { ctx, user })
                })
            }
        }
    };
}

impl SignedIn {
    /// The member city a city user acts for; anyone else gets 403.
    pub fn own_city(&self) -> Result<i64, AppError> {
        match (self.user.role, self.user.city_id) {
            (Role::City, Some(city_id)) => Ok(city_id),
            _ => Err(AppError::Forbidden),
        }
    }
}

role_guard!(
    /// Any signed-in user.
    SignedIn,
    |_| true
);
role_guard!(
    /// Secretariat staff and admins.
    Staff,
    Role::is_staff
);
role_guard!(
    /// Admins only.
    Admin,
    |role| role == Role::Admin
);
