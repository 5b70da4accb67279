//! Who did it: the [`Actor`] an operation records, and the extractors that give a
//! handler one along with the way to answer a form (flash the outcome, redirect).

use std::marker::PhantomData;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;

use crate::auth::{Role, User};
use crate::i18n::Lang;
use crate::web::flash::{self, Level};
use crate::web::page::Guard;
use crate::web::{client_address, Admin, AppError, PageCtx, Refusal, SignedIn, Staff};

/// Who an audit entry names: a user (with the address they came from), a
/// visitor without an account, or the system itself (command line, scheduled jobs).
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

impl Actor {
    pub fn user(user: &User, ip: Option<String>) -> Actor {
        Actor {
            user_id: Some(user.id),
            email: Some(user.email.clone()),
            ip,
        }
    }

    /// Someone without an account: an applicant answering, a city unsubscribing.
    pub fn visitor(ip: Option<String>) -> Actor {
        Actor {
            ip,
            ..Actor::default()
        }
    }

    /// The application itself: the command line, a scheduled job.
    pub fn system() -> Actor {
        Actor::default()
    }

    /// The address a request came from, as the audit log and rate limits see it.
    /// Always an IP address written by the app (never text a client sent):
    /// see [`crate::web::client_address`].
    pub fn address_of(req: &HttpRequest) -> Option<String> {
        client_address(req).map(|ip| ip.to_string())
    }
}

/// A signed-in user acting through a form, let in by the role guard `G`: the
/// page context (language, user), the [`Actor`] for the audit entry, and the
/// one way to answer: flash the outcome in the user's language and redirect.
pub struct Acting<G> {
    pub ctx: PageCtx,
    pub user: User,
    pub actor: Actor,
    session: Session,
    guard: PhantomData<G>,
}

/// Secretariat staff (and admins) acting.
pub type StaffAction = Acting<Staff>;
/// An admin acting.
pub type AdminAction = Acting<Admin>;
/// Any signed-in user acting on their own account.
pub type SignedInAction = Acting<SignedIn>;
/// A city user acting for their city ([`Acting::own_city`]).
pub type CityAction = Acting<SignedIn>;

impl<G> Acting<G> {
    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }

    pub fn t(&self, key: &str) -> String {
        self.ctx.t(key)
    }

    /// The member city a city user acts for; anyone else gets 403.
    pub fn own_city(&self) -> Result<i64, AppError> {
        match (self.user.role, self.user.city_id) {
            (Role::City, Some(city_id)) => Ok(city_id),
            _ => Err(AppError::Forbidden),
        }
    }

    /// It worked: say so on the next page, `to`.
    pub fn done(&self, message: impl Into<String>, to: &str) -> HttpResponse {
        self.flash(Level::Success, message, to)
    }

    /// For the user's information on the next page (nothing to do, already done).
    pub fn inform(&self, message: impl Into<String>, to: &str) -> HttpResponse {
        self.flash(Level::Info, message, to)
    }

    /// It was refused: say why on the next page, `to`.
    pub fn refused(&self, message: impl Into<String>, to: &str) -> HttpResponse {
        self.flash(Level::Error, message, to)
    }

    /// Answers an operation's result: success flashed with `message`, a refusal
    /// flashed with its reason, both redirecting to `to`; any other error
    /// becomes its error page.
    pub fn answer<T, E>(
        &self,
        result: Result<T, E>,
        to: &str,
        message: impl FnOnce(&T) -> String,
    ) -> Result<HttpResponse, AppError>
    where
        E: Refusal + Into<AppError>,
    {
        match result {
            Ok(value) => Ok(self.done(message(&value), to)),
            Err(error) => match error.refusal(self.ctx.lang) {
                Some(reason) => Ok(self.refused(reason, to)),
                None => Err(error.into()),
            },
        }
    }

    fn flash(&self, level: Level, message: impl Into<String>, to: &str) -> HttpResponse {
        flash::redirect(&self.session, level, message, to)
    }
}

impl<G> FromRequest for Acting<G>
where
    G: Guard + 'static,
{
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (ctx, user) = G::admit(&req).await?;
            Ok(Acting {
                actor: Actor::user(&user, Actor::address_of(&req)),
                session: req.get_session(),
                ctx,
                user,
                guard: PhantomData,
            })
        })
    }
}
