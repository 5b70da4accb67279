//! The public side: the petitions, signing, and the confirm and withdraw pages.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::models::{Petition, SubmissionStatus};
use super::signing::{self, NewSubmission, Outcome, Signer, SigningContext, MAX_EXTRA_SIGNERS};
use super::store::{self, Counts};
use crate::db::{DbConn, DbResult};
use crate::domain::{EmailAddress, FieldError, PlainLine};
use crate::membership::countries::{self, Country};
use crate::membership::join::country_options;
use crate::membership::statistics::{bars, Bar, CHART_HEIGHT, CHART_WIDTH};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, AppError, PageCtx};

/// Submissions one address may make per hour on one petition: a family or an
/// office shares an address, a script does not stop at this.
const SUBMISSIONS_PER_IP_PER_HOUR: i32 = 20;
/// Submissions per email domain per hour on one petition (large providers
/// included: a burst from one domain is what a bulk of fake addresses looks like).
const SUBMISSIONS_PER_DOMAIN_PER_HOUR: i32 = 2000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(petition_list)
        .service(petition_page)
        .service(sign)
        .service(signed_page)
        .service(verify_page)
        .service(confirm_verification)
        .service(withdraw_page)
        .service(confirm_withdrawal);
}

use crate::domain::clock::today;

#[derive(Template)]
#[template(path = "petitions/list.html")]
struct ListPage {
    ctx: PageCtx,
    petitions: Vec<(Petition, i64)>,
}

#[get("/petitions")]
async fn petition_list(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let petitions = state
        .db
        .run(|conn| {
            let mut with_totals = Vec::new();
            for petition in store::public_list(conn)? {
                let total = store::counts(conn, petition.id)?.total();
                with_totals.push((petition, total));
            }
            Ok(with_totals)
        })
        .await?;
    render(&ListPage { ctx, petitions })
}

/// What the signing form holds, so a refused form comes back as typed.
#[derive(Default, Clone)]
pub struct SignValues {
    pub name: String,
    pub country: String,
    pub city: String,
    pub email: String,
    pub consent: bool,
    pub keep_informed: bool,
    /// Up to nine more signers: (name, country).
    pub others: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "petitions/petition.html")]
struct PetitionPage {
    ctx: PageCtx,
    petition: Petition,
    body_html: String,
    counts: Counts,
    accepts_signatures: bool,
    form: SignValues,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    country_names: std::collections::HashMap<String, String>,
    chart: Vec<Bar>,
    chart_width: i64,
    chart_height: i64,
}

impl PetitionPage {
    fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_names.get(code).map_or(code, String::as_str)
    }

    /// The progress bar's value, capped at the goal.
    fn progress(&self) -> i64 {
        self.counts.total().min(self.petition.goal)
    }

    fn percent(&self) -> i64 {
        if self.petition.goal == 0 {
            0
        } else {
            self.counts.total() * 100 / self.petition.goal
        }
    }

    /// The error slot of collector row `n` (1-based).
    fn other_field(&self, n: usize) -> &'static str {
        OTHER_FIELDS
            .get(n.saturating_sub(1))
            .copied()
            .unwrap_or("other")
    }

    fn extra_rows(&self) -> Vec<(usize, String, String)> {
        (0..MAX_EXTRA_SIGNERS)
            .map(|i| {
                let (name, country) = self.form.others.get(i).cloned().unwrap_or_default();
                (i + 1, name, country)
            })
            .collect()
    }
}

async fn petition_page_with(
    ctx: PageCtx,
    state: &AppState,
    slug: String,
    form: SignValues,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (petition, counts, countries) = state
        .db
        .run(move |conn| {
            let Some(petition) = store::find_by_slug(conn, &slug)?.filter(Petition::is_public)
            else {
                return Ok(None);
            };
            Ok(Some((
                store::counts(conn, petition.id)?,
                countries::all(conn)?,
                petition,
            )))
        })
        .await?
        .map(|(counts, countries, petition)| (petition, counts, countries))
        .ok_or(AppError::NotFound)?;
    let options = country_options(&countries, &ctx.lang);
    let country_names: std::collections::HashMap<String, String> =
        options.iter().cloned().collect();
    let top: Vec<(String, i64)> = counts
        .by_country
        .iter()
        .take(12)
        .map(|(code, online, paper)| (code.clone(), online + paper))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PetitionPage {
        body_html: petition.body_html(),
        accepts_signatures: petition.accepts_signatures(today()),
        chart: bars(&top),
        chart_width: CHART_WIDTH,
        chart_height: CHART_HEIGHT,
        ctx,
        petition,
        counts,
        form,
        errors,
        countries: options,
        country_names,
    };
    render_with_status(&page, status)
}

#[get("/petitions/{slug}")]
async fn petition_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let form = SignValues {
        keep_informed: false,
        ..SignValues::default()
    };
    petition_page_with(ctx, &state, slug.into_inner(), form, FormErrors::default()).await
}

/// The form as submitted: the submitter's fields, and `other_name_N` /
/// `other_country_N` for the people a collector signs for.
fn sign_values(fields: &[(String, String)]) -> SignValues {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    SignValues {
        name: get("name"),
        country: get("country"),
        city: get("city"),
        email: get("email"),
        consent: !get("consent").is_empty(),
        keep_informed: !get("keep_informed").is_empty(),
        others: (1..=MAX_EXTRA_SIGNERS)
            .map(|i| {
                (
                    get(&format!("other_name_{i}")),
                    get(&format!("other_country_{i}")),
                )
            })
            .collect(),
    }
}

fn country_code(countries: &[Country], code: &str) -> Result<String, FieldError> {
    countries
        .iter()
        .find(|c| c.code == code.trim())
        .map(|c| c.code.clone())
        .ok_or(FieldError("error-choose-country"))
}

/// Parses the form into a submission, or the errors to show beside the fields.
fn parse_submission(
    values: &SignValues,
    countries: &[Country],
    lang: crate::i18n::Lang,
    ip: Option<String>,
) -> Result<NewSubmission, FormErrors> {
    let mut errors = FormErrors::default();
    let name = errors.check("name", PlainLine::parse(&values.name, 120));
    let country = errors.check("country", country_code(countries, &values.country));
    let city = match values.city.trim() {
        "" => Some(None),
        city => errors.check("city", PlainLine::parse(city, 120).map(Some)),
    };
    let email = errors.check("email", EmailAddress::parse(&values.email));
    if !values.consent {
        errors.add("consent", FieldError("error-consent-required"));
    }
    let mut others = Vec::new();
    for (i, (other_name, other_country)) in values.others.iter().enumerate() {
        if other_name.trim().is_empty() && other_country.trim().is_empty() {
            continue;
        }
        let field = OTHER_FIELDS[i];
        match (
            PlainLine::parse(other_name, 120),
            country_code(countries, other_country),
        ) {
            (Ok(name), Ok(country_code)) => others.push(Signer {
                name,
                country_code,
                city: None,
            }),
            (Err(error), _) | (_, Err(error)) => errors.add(field, error),
        }
    }
    match (name, country, city, email, errors.is_empty()) {
        (Some(name), Some(country_code), Some(city), Some(email), true) => Ok(NewSubmission {
            email,
            submitter: Signer {
                name,
                country_code,
                city,
            },
            others,
            keep_informed: values.keep_informed,
            language: lang,
            ip,
        }),
        _ => Err(errors),
    }
}

/// Error slots of the collector rows (field names must be 'static).
const OTHER_FIELDS: [&str; MAX_EXTRA_SIGNERS] = [
    "other_1", "other_2", "other_3", "other_4", "other_5", "other_6", "other_7", "other_8",
    "other_9",
];

#[post("/petitions/{slug}/sign")]
async fn sign(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let values = sign_values(&form);
    let honeypot_filled = form.iter().any(|(k, v)| k == "nickname" && !v.is_empty());
    let lookup = slug.clone();
    let (petition, countries) = state
        .db
        .run(move |conn| {
            let Some(petition) = store::find_by_slug(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(Some((petition, countries::all(conn)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    if !petition.accepts_signatures(today()) {
        return Err(AppError::Gone("petition-not-open"));
    }
    if honeypot_filled {
        tracing::info!(
            petition = petition.id,
            "discarded a signature with the honeypot filled in"
        );
        return Ok(see_other(&format!("/petitions/{slug}/signed?outcome=sent")));
    }
    let ip = client_ip(&req, state.config.behind_proxy);
    let new = match parse_submission(&values, &countries, ctx.lang, ip.clone()) {
        Ok(new) => new,
        Err(errors) => return petition_page_with(ctx, &state, slug, values, errors).await,
    };
    let config = state.config.clone();
    let outcome = state
        .db
        .write(move |conn| {
            if !within_limits(conn, petition.id, ip.as_deref(), new.email.domain())? {
                return Ok(None);
            }
            let context = SigningContext {
                petition: &petition,
                secret_key: &config.secret_key,
                base_url: &config.base_url,
                verification_days: config.petition_verification_days,
            };
            signing::submit(conn, &new, &context).map(Some)
        })
        .await?
        .ok_or(AppError::TooManyRequests)?;
    let key = match outcome {
        Outcome::Created { .. } => "sent",
        Outcome::AlreadySigned => "already",
        Outcome::StillPending { resent: true, .. } => "resent",
        Outcome::StillPending { resent: false, .. } => "pending",
        Outcome::Blocked => return Err(AppError::BadRequest("sign-blocked-domain")),
    };
    Ok(see_other(&format!(
        "/petitions/{slug}/signed?outcome={key}"
    )))
}

/// Per-address and per-domain limits, counted in the database.
fn within_limits(
    conn: &mut DbConn,
    petition_id: i64,
    ip: Option<&str>,
    domain: &str,
) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let ip_ok = rate_limit::allow(
        conn,
        &format!("sign:{petition_id}:ip:{}", ip.unwrap_or("unknown")),
        Limit::per_hour(SUBMISSIONS_PER_IP_PER_HOUR),
        now,
    )?;
    let domain_ok = ip_ok
        && rate_limit::allow(
            conn,
            &format!("sign:{petition_id}:domain:{}", domain.to_lowercase()),
            Limit::per_hour(SUBMISSIONS_PER_DOMAIN_PER_HOUR),
            now,
        )?;
    Ok(ip_ok && domain_ok)
}

#[derive(Template)]
#[template(path = "petitions/signed.html")]
struct SignedPage {
    ctx: PageCtx,
    petition: Petition,
    message_key: &'static str,
}

#[derive(Deserialize)]
struct OutcomeQuery {
    #[serde(default)]
    outcome: String,
}

#[get("/petitions/{slug}/signed")]
async fn signed_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<OutcomeQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let petition = state
        .db
        .run(move |conn| store::find_by_slug(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)?;
    let message_key = match query.outcome.as_str() {
        "already" => "sign-already",
        "resent" => "sign-resent",
        "pending" => "sign-pending",
        _ => "sign-sent",
    };
    render(&SignedPage {
        ctx,
        petition,
        message_key,
    })
}

#[derive(Template)]
#[template(path = "petitions/confirm.html")]
struct ConfirmPage {
    ctx: PageCtx,
    petition: Petition,
    names: Vec<String>,
    action: String,
    /// What the page offers: "verify", "withdraw", or a finished state.
    state_key: &'static str,
    button_key: Option<&'static str>,
    expires_at: Option<NaiveDateTime>,
}

/// Looks up the submission a link names, if its token is right.
async fn linked_submission(
    state: &AppState,
    purpose: &'static str,
    id: i64,
    token: &str,
) -> Result<(super::models::Submission, Petition, Vec<String>), AppError> {
    if !signing::token_is_valid(&state.config.secret_key, purpose, id, token) {
        return Err(AppError::NotFound);
    }
    state
        .db
        .run(move |conn| {
            let Some(submission) = signing::find_submission(conn, id)? else {
                return Ok(None);
            };
            let Some(petition) = store::find(conn, submission.petition_id)? else {
                return Ok(None);
            };
            Ok(Some((
                signing::signer_names(conn, id)?,
                submission,
                petition,
            )))
        })
        .await?
        .map(|(names, submission, petition)| (submission, petition, names))
        .ok_or(AppError::NotFound)
}

/// Opening the link only shows a button: a GET never changes anything, because
/// mail scanners open every link in a message.
#[get("/sign/verify/{id}/{token}")]
async fn verify_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let (submission, petition, names) = linked_submission(&state, "verify", id, &token).await?;
    let now = crate::domain::clock::now();
    let (state_key, button_key) = match submission.status {
        SubmissionStatus::Pending if submission.expires_at > now => {
            ("sign-verify-ask", Some("sign-verify-button"))
        }
        SubmissionStatus::Pending | SubmissionStatus::Expired => ("sign-verify-expired", None),
        SubmissionStatus::Verified => ("sign-verify-done", None),
        SubmissionStatus::Withdrawn | SubmissionStatus::Invalidated => {
            ("sign-verify-withdrawn", None)
        }
    };
    render(&ConfirmPage {
        ctx,
        action: format!("/sign/verify/{id}/{token}"),
        petition,
        names,
        state_key,
        button_key,
        expires_at: Some(submission.expires_at),
    })
}

#[post("/sign/verify/{id}/{token}")]
async fn confirm_verification(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let (_, petition, _) = linked_submission(&state, "verify", id, &token).await?;
    let config = state.config.clone();
    let slug = petition.slug.clone();
    let verified = state
        .db
        .write(move |conn| {
            signing::verify(conn, id, &petition, &config.secret_key, &config.base_url)
        })
        .await?;
    if verified {
        flash::push(&session, Level::Success, ctx.t("sign-verified"));
        Ok(see_other(&format!("/petitions/{slug}")))
    } else {
        Ok(see_other(&format!("/sign/verify/{id}/{token}")))
    }
}

#[get("/sign/withdraw/{id}/{token}")]
async fn withdraw_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let (submission, petition, names) = linked_submission(&state, "withdraw", id, &token).await?;
    let (state_key, button_key) = match submission.status {
        SubmissionStatus::Pending | SubmissionStatus::Verified => {
            ("sign-withdraw-ask", Some("sign-withdraw-button"))
        }
        _ => ("sign-withdraw-done", None),
    };
    render(&ConfirmPage {
        ctx,
        action: format!("/sign/withdraw/{id}/{token}"),
        petition,
        names,
        state_key,
        button_key,
        expires_at: None,
    })
}

#[post("/sign/withdraw/{id}/{token}")]
async fn confirm_withdrawal(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let (_, petition, _) = linked_submission(&state, "withdraw", id, &token).await?;
    state
        .db
        .write(move |conn| signing::withdraw(conn, id))
        .await?;
    flash::push(&session, Level::Success, ctx.t("sign-withdrawn"));
    Ok(see_other(&format!("/petitions/{}", petition.slug)))
}
