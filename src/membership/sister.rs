//! Sister-city invitations: a member city (or staff) invites a city that is not
//! yet a member; the emailed link opens the application form prefilled, and the
//! path invited → applied → member is kept per inviting city.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::cities;
use super::countries;
use super::error::{check_country, MembershipError};
use super::join::country_options;
use super::models::MemberCity;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::random::{hash_token, random_token};
use crate::domain::{CountryCode, EmailAddress, FieldError, PlainLine};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent};
use crate::schema::{applications, sister_invitations};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};

/// Invitations one city may send in an hour: enough for a list of sister
/// cities, not enough to be a spam cannon.
const INVITATIONS_PER_CITY_PER_HOUR: i32 = 30;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sister_invitations)]
pub struct SisterInvitation {
    pub id: i64,
    pub inviting_city_id: Option<i64>,
    pub invited_by: Option<i64>,
    pub city_name: String,
    #[diesel(deserialize_as = String)]
    pub country_code: CountryCode,
    pub email: String,
    pub language: String,
    pub application_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub fn find_by_token(conn: &mut DbConn, token: &str) -> DbResult<Option<SisterInvitation>> {
    Ok(sister_invitations::table
        .filter(sister_invitations::token_hash.eq(hash_token(token)))
        .select(SisterInvitation::as_select())
        .first(conn)
        .optional()?)
}

/// Links an application that came through an invitation to it (the first one wins).
pub fn record_application(conn: &mut DbConn, application_id: i64) -> DbResult<()> {
    let invitation_id: Option<Option<i64>> = applications::table
        .find(application_id)
        .select(applications::invitation_id)
        .first(conn)
        .optional()?;
    if let Some(Some(invitation_id)) = invitation_id {
        diesel::update(
            sister_invitations::table
                .find(invitation_id)
                .filter(sister_invitations::application_id.is_null()),
        )
        .set(sister_invitations::application_id.eq(application_id))
        .execute(conn)?;
    }
    Ok(())
}

/// Where an invitation led.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Invited,
    Applied,
    Member,
}

impl Progress {
    pub fn label_key(self) -> &'static str {
        match self {
            Progress::Invited => "sister-progress-invited",
            Progress::Applied => "sister-progress-applied",
            Progress::Member => "sister-progress-member",
        }
    }
}

/// An invitation with where it led and who sent it, for the lists.
pub struct TrackedInvitation {
    pub invitation: SisterInvitation,
    pub progress: Progress,
    pub inviting_city: Option<String>,
    pub member_city_id: Option<i64>,
}

/// Invitations (of one city, or all), newest first, with their progress.
pub fn tracked(
    conn: &mut DbConn,
    inviting_city_id: Option<i64>,
) -> DbResult<Vec<TrackedInvitation>> {
    let mut query = sister_invitations::table.into_boxed();
    if let Some(city_id) = inviting_city_id {
        query = query.filter(sister_invitations::inviting_city_id.eq(city_id));
    }
    let invitations: Vec<SisterInvitation> = query
        .order(sister_invitations::id.desc())
        .limit(500)
        .select(SisterInvitation::as_select())
        .load(conn)?;
    let mut tracked = Vec::with_capacity(invitations.len());
    for invitation in invitations {
        let member_city_id: Option<i64> = match invitation.application_id {
            Some(application_id) => applications::table
                .find(application_id)
                .select(applications::city_id)
                .first(conn)?,
            None => None,
        };
        let progress = match (invitation.application_id, member_city_id) {
            (_, Some(_)) => Progress::Member,
            (Some(_), None) => Progress::Applied,
            (None, None) => Progress::Invited,
        };
        let inviting_city = match invitation.inviting_city_id {
            Some(id) => cities::find(conn, id)?.map(|c| c.name_latin),
            None => None,
        };
        tracked.push(TrackedInvitation {
            invitation,
            progress,
            inviting_city,
            member_city_id,
        });
    }
    Ok(tracked)
}

/// The invitation form's fields.
#[derive(Deserialize, Default, Clone)]
pub struct InviteForm {
    #[serde(default)]
    pub city_name: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub language: String,
    /// Staff only: the member number of the city the invitation comes from.
    #[serde(default)]
    pub inviting_member_number: String,
}

struct NewInvitation {
    city_name: PlainLine,
    country_code: CountryCode,
    email: EmailAddress,
    language: Lang,
}

fn parse_invitation(
    conn: &mut DbConn,
    form: &InviteForm,
) -> Result<NewInvitation, MembershipError> {
    let mut errors = FormErrors::default();
    let city_name = errors.check("city_name", PlainLine::parse(&form.city_name, 200));
    let country = check_country(
        &mut errors,
        "country",
        "error-choose-country",
        countries::known(conn, &form.country),
    )?;
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let language = Lang::parse(&form.language).unwrap_or_default();
    match (city_name, country, email) {
        (Some(city_name), Some(country), Some(email)) => Ok(NewInvitation {
            city_name,
            country_code: CountryCode::try_from(country.code)
                .map_err(|_| MembershipError::UnknownCountry)?,
            email,
            language,
        }),
        _ => Err(MembershipError::Invalid(errors)),
    }
}

/// The invitation email, in the language the inviter chose for the invitee.
fn invitation_email(
    invitation: &NewInvitation,
    inviting_city: Option<&MemberCity>,
    link: &str,
    members: i64,
) -> Email {
    let lang = invitation.language;
    let inviter = inviting_city.map_or_else(
        || lang.t("mail-footer-name"),
        |city| city.name_latin.clone(),
    );
    let content = EmailContent {
        subject: lang.t_with(
            "mail-sister-subject",
            &[
                ("inviter", inviter.clone().into()),
                ("city", invitation.city_name.as_str().into()),
            ],
        ),
        greeting: lang.t_with(
            "mail-sister-greeting",
            &[("city", invitation.city_name.as_str().into())],
        ),
        paragraphs: vec![
            lang.t_with(
                "mail-sister-body",
                &[
                    ("inviter", FluentArg::Str(inviter)),
                    ("cities", FluentArg::Count(members)),
                ],
            ),
            lang.t("home-join"),
            lang.t("home-dues"),
        ],
        action: Some((lang.t("mail-sister-action"), link.to_string())),
        after: vec![],
    };
    Email::new(invitation.email.clone(), None, lang, &content)
}

/// Stores the invitation and queues its email; returns its id.
fn create(
    conn: &mut DbConn,
    invitation: &NewInvitation,
    inviting_city: Option<&MemberCity>,
    actor: &Actor,
    base_url: &str,
) -> DbResult<i64> {
    let token = random_token();
    let id: i64 = diesel::insert_into(sister_invitations::table)
        .values((
            sister_invitations::inviting_city_id.eq(inviting_city.map(|c| c.id)),
            sister_invitations::invited_by.eq(actor.user_id),
            sister_invitations::city_name.eq(invitation.city_name.as_str()),
            sister_invitations::country_code.eq(invitation.country_code.as_str()),
            sister_invitations::email.eq(invitation.email.as_str()),
            sister_invitations::language.eq(invitation.language.code()),
            sister_invitations::token_hash.eq(hash_token(&token)),
            sister_invitations::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(sister_invitations::id)
        .get_result(conn)?;
    let link = format!("{base_url}/join?invitation={token}");
    let members = super::statistics::active_cities_in(conn, None, None)?;
    let email = invitation_email(invitation, inviting_city, &link, members);
    mail::enqueue(
        conn,
        &format!("sister-invitation-{id}"),
        &email,
        Some(mail::Reference::new("sister_invitation", id)),
    )?;
    Ok(id)
}

/// Who sends an invitation: a city user for their city, or staff (for the
/// city whose member number they give, or for the secretariat).
#[derive(Clone, Copy)]
pub enum Inviter {
    City(i64),
    Staff,
}

impl Inviter {
    /// The list the sender sees: their city's, or all.
    pub fn listed_city(self) -> Option<i64> {
        match self {
            Inviter::City(id) => Some(id),
            Inviter::Staff => None,
        }
    }

    pub fn page(self) -> &'static str {
        match self {
            Inviter::City(_) => "/city/invitations",
            Inviter::Staff => "/staff/invitations",
        }
    }

    /// The inviting city: the city user's own, or the one whose member number
    /// staff gave (none for the secretariat).
    fn inviting_city(
        self,
        conn: &mut DbConn,
        form: &InviteForm,
    ) -> Result<Option<MemberCity>, MembershipError> {
        let number = form.inviting_member_number.trim();
        match self {
            Inviter::City(id) => Ok(cities::find(conn, id)?),
            Inviter::Staff if number.is_empty() => Ok(None),
            Inviter::Staff => {
                let found = match number.trim_start_matches('0').parse::<i32>() {
                    Ok(n) => cities::find_by_number(conn, n)?,
                    Err(_) => None,
                };
                let unknown = FieldError("error-member-number-unknown");
                found
                    .map(Some)
                    .ok_or_else(|| MembershipError::field("inviting_member_number", unknown))
            }
        }
    }
}

/// Invitations (of one city, or all) and the countries the form offers.
pub async fn list(
    db: &Db,
    city_id: Option<i64>,
    lang: Lang,
) -> Result<(Vec<TrackedInvitation>, Vec<(String, String)>), MembershipError> {
    db.read(move |conn| {
        let invitations = tracked(conn, city_id)?;
        Ok((invitations, country_options(&countries::all(conn)?, &lang)))
    })
    .await
}

/// Sends an invitation, rate-limited per inviting city, audited. A form with
/// errors is [`MembershipError::Invalid`].
pub async fn send(
    db: &Db,
    actor: &Actor,
    inviter: Inviter,
    form: InviteForm,
    base_url: &str,
) -> Result<(), MembershipError> {
    let (actor, base_url) = (actor.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let city = inviter.inviting_city(conn, &form)?;
        let invitation = parse_invitation(conn, &form)?;
        let bucket = format!(
            "sister:{}",
            city.as_ref()
                .map_or("staff".to_string(), |c| c.id.to_string())
        );
        let limit = Limit::per_hour(INVITATIONS_PER_CITY_PER_HOUR);
        if !rate_limit::allow(conn, &bucket, limit, crate::domain::clock::now())? {
            return Err(MembershipError::TooManyRequests);
        }
        let id = create(conn, &invitation, city.as_ref(), &actor, &base_url)?;
        let summary = format!(
            "{} invites {} ({}) at {}",
            city.as_ref()
                .map_or("the secretariat", |c| c.name_latin.as_str()),
            invitation.city_name.as_str(),
            invitation.country_code,
            invitation.email.as_str()
        );
        audit::record(conn, &actor, Action::SisterInvite, id, summary)?;
        Ok(())
    })
    .await
}
