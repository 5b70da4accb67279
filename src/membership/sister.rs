//! Sister-city invitations: a member city (or staff) invites a city that is not
//! yet a member; the emailed link opens the application form prefilled, and the
//! path invited → applied → member is kept per inviting city.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::cities;
use super::countries;
use super::join::country_options;
use super::models::MemberCity;
use crate::audit;
use crate::auth::User;
use crate::db::{DbConn, DbResult};
use crate::domain::random::{hash_token, random_token};
use crate::domain::{EmailAddress, FieldError, PlainLine};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent};
use crate::schema::{applications, sister_invitations};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render_with_status, see_other, AppError, PageCtx, SignedIn, Staff};

/// Invitations one city may send in an hour: enough for a list of sister
/// cities, not enough to be a spam cannon.
const INVITATIONS_PER_CITY_PER_HOUR: i32 = 30;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(city_invitations)
        .service(city_invite)
        .service(staff_invitations)
        .service(staff_invite);
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sister_invitations)]
pub struct SisterInvitation {
    pub id: i64,
    pub inviting_city_id: Option<i64>,
    pub invited_by: Option<i64>,
    pub city_name: String,
    pub country_code: String,
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
    country_code: String,
    email: EmailAddress,
    language: Lang,
}

fn parse_invitation(
    conn: &mut DbConn,
    form: &InviteForm,
) -> DbResult<Result<NewInvitation, FormErrors>> {
    let mut errors = FormErrors::default();
    let city_name = errors.check("city_name", PlainLine::parse(&form.city_name, 200));
    let country = errors.check("country", countries::parse_code(conn, &form.country)?);
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let language = Lang::parse(&form.language).unwrap_or_default();
    Ok(match (city_name, country, email) {
        (Some(city_name), Some(country), Some(email)) => Ok(NewInvitation {
            city_name,
            country_code: country.code,
            email,
            language,
        }),
        _ => Err(errors),
    })
}

/// The invitation email, in the language the inviter chose for the invitee.
fn invitation_email(
    invitation: &NewInvitation,
    inviting_city: Option<&MemberCity>,
    link: &str,
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
            lang.t_with("mail-sister-body", &[("inviter", FluentArg::Str(inviter))]),
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
    actor: &User,
    base_url: &str,
) -> DbResult<i64> {
    let token = random_token();
    let id: i64 = diesel::insert_into(sister_invitations::table)
        .values((
            sister_invitations::inviting_city_id.eq(inviting_city.map(|c| c.id)),
            sister_invitations::invited_by.eq(actor.id),
            sister_invitations::city_name.eq(invitation.city_name.as_str()),
            sister_invitations::country_code.eq(&invitation.country_code),
            sister_invitations::email.eq(invitation.email.as_str()),
            sister_invitations::language.eq(invitation.language.code()),
            sister_invitations::token_hash.eq(hash_token(&token)),
            sister_invitations::created_at.eq(crate::domain::clock::now()),
        ))
        .returning(sister_invitations::id)
        .get_result(conn)?;
    let link = format!("{base_url}/join?invitation={token}");
    let email = invitation_email(invitation, inviting_city, &link);
    mail::enqueue(
        conn,
        &format!("sister-invitation-{id}"),
        &email,
        Some(mail::Reference::new("sister_invitation", id)),
    )?;
    Ok(id)
}

#[derive(Template)]
#[template(path = "membership/sister.html")]
struct InvitationsPage {
    ctx: PageCtx,
    staff_view: bool,
    invitations: Vec<TrackedInvitation>,
    countries: Vec<(String, String)>,
    form: InviteForm,
    errors: FormErrors,
}

async fn invitations_page(
    ctx: PageCtx,
    state: &AppState,
    city_id: Option<i64>,
    form: InviteForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let staff_view = city_id.is_none();
    let (invitations, countries) = state
        .db
        .run(move |conn| Ok((tracked(conn, city_id)?, countries::all(conn)?)))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = InvitationsPage {
        countries: country_options(&countries, &ctx.lang),
        form: InviteForm {
            language: if form.language.is_empty() {
                ctx.lang.code()
            } else {
                form.language.clone()
            },
            ..form
        },
        ctx,
        staff_view,
        invitations,
        errors,
    };
    render_with_status(&page, status)
}

#[get("/city/invitations")]
async fn city_invitations(
    signed_in: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    invitations_page(
        signed_in.ctx,
        &state,
        Some(city_id),
        InviteForm::default(),
        FormErrors::default(),
    )
    .await
}

/// Who sends an invitation: a city user for their city, or staff (for a city or
/// for the secretariat).
#[derive(Clone, Copy)]
enum Inviter {
    City(i64),
    Staff(Option<i64>),
}

impl Inviter {
    fn inviting_city(self) -> Option<i64> {
        match self {
            Inviter::City(id) => Some(id),
            Inviter::Staff(id) => id,
        }
    }

    /// The list the sender sees: their city's, or all.
    fn listed_city(self) -> Option<i64> {
        match self {
            Inviter::City(id) => Some(id),
            Inviter::Staff(_) => None,
        }
    }

    fn page(self) -> &'static str {
        match self {
            Inviter::City(_) => "/city/invitations",
            Inviter::Staff(_) => "/staff/invitations",
        }
    }
}

/// Sends an invitation, rate-limited per inviting city, audited.
async fn send(
    ctx: PageCtx,
    actor: User,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: InviteForm,
    inviter: Inviter,
) -> Result<HttpResponse, AppError> {
    let parse_form = form.clone();
    let parsed = state
        .db
        .run(move |conn| parse_invitation(conn, &parse_form))
        .await?;
    let invitation = match parsed {
        Ok(invitation) => invitation,
        Err(errors) => {
            return invitations_page(ctx, &state, inviter.listed_city(), form, errors).await
        }
    };
    let inviting_city = inviter.inviting_city();
    let bucket = format!(
        "sister:{}",
        inviting_city.map_or("staff".to_string(), |id| id.to_string())
    );
    let ip = client_ip(&req, state.config.behind_proxy);
    let base_url = state.config.base_url.clone();
    let sent = state
        .db
        .write(move |conn| {
            if !rate_limit::allow(
                conn,
                &bucket,
                Limit::per_hour(INVITATIONS_PER_CITY_PER_HOUR),
                crate::domain::clock::now(),
            )? {
                return Ok(false);
            }
            let city = match inviting_city {
                Some(id) => cities::find(conn, id)?,
                None => None,
            };
            let id = create(conn, &invitation, city.as_ref(), &actor, &base_url)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "sister.invite",
                    entity_type: "sister_invitation",
                    entity_id: Some(id.to_string()),
                    summary: format!(
                        "{} invites {} ({}) at {}",
                        city.as_ref()
                            .map_or("the secretariat", |c| c.name_latin.as_str()),
                        invitation.city_name.as_str(),
                        invitation.country_code,
                        invitation.email.as_str()
                    ),
                    ip,
                },
            )?;
            Ok(true)
        })
        .await?;
    if !sent {
        return Err(AppError::TooManyRequests);
    }
    flash::push(&session, Level::Success, ctx.t("sister-sent"));
    Ok(see_other(inviter.page()))
}

#[post("/city/invitations")]
async fn city_invite(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    send(
        signed_in.ctx,
        signed_in.user,
        state,
        session,
        req,
        form.into_inner(),
        Inviter::City(city_id),
    )
    .await
}

#[get("/staff/invitations")]
async fn staff_invitations(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    invitations_page(
        staff.ctx,
        &state,
        None,
        InviteForm::default(),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/invitations")]
async fn staff_invite(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let number = form.inviting_member_number.trim().to_string();
    let inviting_city = if number.is_empty() {
        None
    } else {
        let found = match number.trim_start_matches('0').parse::<i32>() {
            Ok(n) => {
                state
                    .db
                    .run(move |conn| cities::find_by_number(conn, n))
                    .await?
            }
            Err(_) => None,
        };
        match found {
            Some(city) => Some(city.id),
            None => {
                let mut errors = FormErrors::default();
                errors.add(
                    "inviting_member_number",
                    FieldError("error-member-number-unknown"),
                );
                return invitations_page(staff.ctx, &state, None, form, errors).await;
            }
        }
    };
    send(
        staff.ctx,
        staff.user,
        state,
        session,
        req,
        form,
        Inviter::Staff(inviting_city),
    )
    .await
}
