//! The membership certificate: shown only for an active member, and only to
//! the secretariat and to the city's own users. Anyone else (the public,
//! another city's users) is told it does not exist, so an id reveals nothing.
//! Staff also see a withdrawn city's, marked as no longer valid. It is written
//! in the city's language, whoever reads it.

use super::cities;
use super::countries;
use super::directory::join_date_label;
use super::error::MembershipError;
use super::models::MemberCity;
use crate::auth::{Role, User};
use crate::db::Db;
use crate::i18n::{FluentArg, Lang};

/// Who asks for a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Staff,
    /// A city user, for the city they act for.
    City(i64),
    Public,
}

impl Viewer {
    pub fn of(user: Option<&User>) -> Viewer {
        match user {
            Some(user) if user.role.is_staff() => Viewer::Staff,
            Some(User {
                role: Role::City,
                city_id: Some(city_id),
                ..
            }) => Viewer::City(*city_id),
            _ => Viewer::Public,
        }
    }

    /// May this viewer see the certificate of `city`?
    pub fn may_see(self, city: &MemberCity) -> bool {
        match self {
            Viewer::Staff => true,
            Viewer::City(own) => own == city.id && city.is_active(),
            Viewer::Public => false,
        }
    }
}

/// A certificate as printed: the city, its country and join date in the
/// city's language.
pub struct Certificate {
    pub city: MemberCity,
    pub lang: Lang,
    pub country: String,
    pub since: String,
    /// For a withdrawn city (staff only): that the certificate is void, and since when.
    pub withdrawal_notice: Option<String>,
}

/// The certificate of member `id` for `viewer`, or "not found".
pub async fn certificate(db: &Db, id: i64, viewer: Viewer) -> Result<Certificate, MembershipError> {
    db.read(move |conn| {
        let city = cities::find(conn, id)?
            .filter(|city| viewer.may_see(city))
            .ok_or(MembershipError::NotFound)?;
        let lang = city.lang();
        let country = countries::find(conn, &city.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        Ok(Certificate {
            since: join_date_label(&lang, &city),
            withdrawal_notice: (!city.is_active()).then(|| match city.withdrawn_on {
                Some(day) => lang.t_with(
                    "certificate-withdrawn",
                    &[("date", FluentArg::Raw(lang.date(day)))],
                ),
                None => lang.t("certificate-withdrawn-undated"),
            }),
            country,
            lang,
            city,
        })
    })
    .await
}
