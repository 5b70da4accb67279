//! The public pages: the petitions, signing, and the confirm and withdraw pages
//! of the emailed links (no account: the visitor's address is all there is).

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::audit::Actor;
use crate::domain::clock::{now, today};
use crate::domain::signed_link::Purpose;
use crate::i18n::Lang;
use crate::membership::join::country_options;
use crate::membership::statistics::{bars, Bar, CHART_HEIGHT, CHART_WIDTH};
use crate::petitions::error::PetitionError;
use crate::petitions::forms::{SignValues, OTHER_FIELDS};
use crate::petitions::history::{self, History};
use crate::petitions::models::{Petition, SubmissionStatus, Version};
use crate::petitions::public::{self, Visitor};
use crate::petitions::signing::MAX_EXTRA_SIGNERS;
use crate::petitions::store::Counts;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::map::{world_map, WorldMap};
use crate::web::page_cache;
use crate::web::{render, render_with_status, see_other, AppError, AppState, PageCtx};
use actix_web::middleware::from_fn;

#[derive(Template)]
#[template(path = "petitions/list.html")]
struct ListPage {
    ctx: PageCtx,
    petitions: Vec<(Petition, Version, i64)>,
}

#[get("/petitions", wrap = "from_fn(page_cache::serve)")]
pub async fn petition_list(
    ctx: PageCtx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let petitions = public::list_in(&state.db, ctx.lang).await?;
    render(&ListPage { ctx, petitions })
}

/// The language a public petition page's link carries, if any.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// Shows a public petition page in the language its link carries (`?lang=`):
/// an emailed link opens in the language the person signed in, a link to
/// another version in that version's language. The language switcher comes
/// back to the page without it. Returns the visitor's own language, which
/// tells whether the links onward must carry the page's.
fn in_link_language(ctx: &mut PageCtx, requested: Option<&str>) -> Lang {
    let own = ctx.lang;
    if let Some(lang) = requested.and_then(Lang::parse) {
        ctx.lang = lang;
        ctx.current_path = without_lang(&ctx.current_path);
    }
    own
}

/// A path and query without its `lang` parameter.
fn without_lang(path: &str) -> String {
    let Some((path, query)) = path.split_once('?') else {
        return path.to_string();
    };
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with("lang="))
        .collect();
    if rest.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

/// `lang=xx` after `separator` for a link onward, when the page's language is
/// not the visitor's own (who would get their own anyway).
fn carry(page: Lang, own: Lang, separator: char) -> String {
    if page == own {
        String::new()
    } else {
        format!("{separator}lang={}", page.code())
    }
}

/// The hourly chart shows the last two days of the history's hours.
const HOURS_CHARTED: usize = 48;

#[derive(Template)]
#[template(path = "petitions/petition.html")]
struct PetitionPage {
    ctx: PageCtx,
    petition: Petition,
    /// The version shown, and the languages of the others.
    version: Version,
    other_languages: Vec<Lang>,
    body_html: String,
    counts: Counts,
    accepts_signatures: bool,
    form: SignValues,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    country_names: HashMap<String, String>,
    chart: Vec<Bar>,
    chart_width: i64,
    chart_height: i64,
    /// Confirmed online signatures per day, and per hour for the last two days.
    day_bars: Vec<Bar>,
    hour_bars: Vec<Bar>,
    history: History,
    world_map: WorldMap,
}

impl PetitionPage {
    /// The petition's page, with the signing form as typed and its errors (422).
    async fn show(
        ctx: PageCtx,
        state: &AppState,
        slug: String,
        form: SignValues,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let shown = public::page(&state.db, slug, ctx.lang).await?;
        let (petition, counts, countries) = (shown.petition, shown.counts, shown.countries);
        let (_, history) = history::signature_history(&state.db, petition.id).await?;
        let day_values: Vec<(String, i64)> = history
            .per_day
            .iter()
            .map(|(day, n)| (day.format("%m-%d").to_string(), *n))
            .collect();
        let recent_hours = history.per_hour.len().saturating_sub(HOURS_CHARTED);
        let hour_values: Vec<(String, i64)> = history.per_hour[recent_hours..]
            .iter()
            .map(|(hour, n)| (hour.format("%H:00").to_string(), *n))
            .collect();
        let options = country_options(&countries, &ctx.lang);
        let top: Vec<(String, i64)> = counts
            .by_country
            .iter()
            .take(12)
            .map(|(code, online, paper)| (code.clone(), online + paper))
            .collect();
        let signed: Vec<(String, i64)> = counts
            .by_country
            .iter()
            .map(|(code, online, paper)| (code.clone(), online + paper))
            .collect();
        let names: HashMap<String, String> = options.iter().cloned().collect();
        let world_map = world_map(ctx.t("map-signatures-label"), &signed, &names);
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = PetitionPage {
            body_html: shown.version.body_html(),
            version: shown.version,
            other_languages: shown.other_languages,
            accepts_signatures: petition.accepts_signatures(today()),
            chart: bars(&top),
            day_bars: bars(&day_values),
            hour_bars: bars(&hour_values),
            history,
            chart_width: CHART_WIDTH,
            chart_height: CHART_HEIGHT,
            country_names: names,
            world_map,
            ctx,
            petition,
            counts,
            form,
            errors,
            countries: options,
        };
        render_with_status(&page, status)
    }

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

#[get("/petitions/{slug}", wrap = "from_fn(page_cache::serve)")]
pub async fn petition_page(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    in_link_language(&mut ctx, query.lang.as_deref());
    let form = SignValues::default();
    PetitionPage::show(ctx, &state, slug.into_inner(), form, FormErrors::default()).await
}

#[post("/petitions/{slug}/sign")]
pub async fn sign(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    // The language of the page signed on: the signer's emails follow it.
    let page_lang = form
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str());
    let own = in_link_language(&mut ctx, page_lang);
    let values = SignValues::of(&form);
    let visitor = Visitor {
        ip: Actor::address_of(&req),
        lang: ctx.lang,
        honeypot_filled: form.iter().any(|(k, v)| k == "nickname" && !v.is_empty()),
    };
    match public::sign(&state.db, &state.config, slug.clone(), &values, visitor).await {
        // A public form without a session's flash: the outcome is in the address.
        Ok(outcome) => Ok(see_other(&format!(
            "/petitions/{slug}/signed?outcome={outcome}{}",
            carry(ctx.lang, own, '&')
        ))),
        Err(PetitionError::Invalid(errors)) => {
            PetitionPage::show(ctx, &state, slug, values, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "petitions/signed.html")]
struct SignedPage {
    ctx: PageCtx,
    version: Version,
    /// The petition's page, in the language signed in.
    back: String,
    message_key: &'static str,
}

#[derive(Deserialize)]
struct OutcomeQuery {
    #[serde(default)]
    outcome: String,
    lang: Option<String>,
}

#[get("/petitions/{slug}/signed")]
pub async fn signed_page(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<OutcomeQuery>,
) -> Result<HttpResponse, AppError> {
    let own = in_link_language(&mut ctx, query.lang.as_deref());
    let slug = slug.into_inner();
    let back = format!("/petitions/{slug}{}", carry(ctx.lang, own, '?'));
    let version = public::by_slug(&state.db, slug, ctx.lang).await?;
    let message_key = match query.outcome.as_str() {
        "already" => "sign-already",
        "resent" => "sign-resent",
        "pending" => "sign-pending",
        _ => "sign-sent",
    };
    render(&SignedPage {
        ctx,
        version,
        back,
        message_key,
    })
}

#[derive(Template)]
#[template(path = "petitions/confirm.html")]
struct ConfirmPage {
    ctx: PageCtx,
    version: Version,
    /// The petition's page, in the link's language.
    back: String,
    names: Vec<String>,
    action: String,
    /// What the page offers: "verify", "withdraw", or a finished state.
    state_key: &'static str,
    button_key: Option<&'static str>,
    expires_at: Option<NaiveDateTime>,
}

/// Opening the link only shows a button: a GET never changes anything, because
/// mail scanners open every link in a message.
#[get("/sign/verify/{id}/{token}")]
pub async fn verify_page(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let own = in_link_language(&mut ctx, query.lang.as_deref());
    let (id, token) = path.into_inner();
    let secret_key = &state.config.secret_key;
    let purpose = Purpose::PetitionVerify;
    let linked = public::linked(&state.db, secret_key, purpose, id, &token, ctx.lang).await?;
    let submission = linked.submission;
    let (state_key, button_key) = match submission.status {
        SubmissionStatus::Pending if submission.expires_at > now() => {
            ("sign-verify-ask", Some("sign-verify-button"))
        }
        SubmissionStatus::Pending | SubmissionStatus::Expired => ("sign-verify-expired", None),
        SubmissionStatus::Verified => ("sign-verify-done", None),
        SubmissionStatus::Withdrawn | SubmissionStatus::Invalidated => {
            ("sign-verify-withdrawn", None)
        }
    };
    render(&ConfirmPage {
        action: format!("/sign/verify/{id}/{token}{}", carry(ctx.lang, own, '?')),
        back: format!(
            "/petitions/{}{}",
            linked.petition.slug,
            carry(ctx.lang, own, '?')
        ),
        ctx,
        version: linked.version,
        names: linked.names,
        state_key,
        button_key,
        expires_at: Some(submission.expires_at),
    })
}

/// The visitor has no account, so no staff action: the flash and the redirect
/// are this public form's own.
#[post("/sign/verify/{id}/{token}")]
pub async fn confirm_verification(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let own = in_link_language(&mut ctx, query.lang.as_deref());
    let (id, token) = path.into_inner();
    let confirmed = public::confirm(&state.db, &state.config, id, &token).await?;
    if !confirmed.verified {
        // Back to the page the link opened, as it was opened.
        let link_lang = query.lang.as_deref().and_then(Lang::parse);
        let query = link_lang.map_or(String::new(), |l| format!("?lang={}", l.code()));
        return Ok(see_other(&format!("/sign/verify/{id}/{token}{query}")));
    }
    let carried = carry(ctx.lang, own, '?');
    let to = format!("/petitions/{}{carried}", confirmed.slug);
    Ok(flash::redirect(
        &session,
        Level::Success,
        ctx.t("sign-verified"),
        &to,
    ))
}

#[get("/sign/withdraw/{id}/{token}")]
pub async fn withdraw_page(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let own = in_link_language(&mut ctx, query.lang.as_deref());
    let (id, token) = path.into_inner();
    let secret_key = &state.config.secret_key;
    let purpose = Purpose::PetitionWithdraw;
    let linked = public::linked(&state.db, secret_key, purpose, id, &token, ctx.lang).await?;
    let (state_key, button_key) = match linked.submission.status {
        SubmissionStatus::Pending | SubmissionStatus::Verified => {
            ("sign-withdraw-ask", Some("sign-withdraw-button"))
        }
        _ => ("sign-withdraw-done", None),
    };
    render(&ConfirmPage {
        action: format!("/sign/withdraw/{id}/{token}{}", carry(ctx.lang, own, '?')),
        back: format!(
            "/petitions/{}{}",
            linked.petition.slug,
            carry(ctx.lang, own, '?')
        ),
        ctx,
        version: linked.version,
        names: linked.names,
        state_key,
        button_key,
        expires_at: None,
    })
}

/// Public, like the confirmation: its own flash and redirect.
#[post("/sign/withdraw/{id}/{token}")]
pub async fn confirm_withdrawal(
    mut ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(i64, String)>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let own = in_link_language(&mut ctx, query.lang.as_deref());
    let (id, token) = path.into_inner();
    let slug = public::withdraw(&state.db, &state.config.secret_key, id, &token).await?;
    let to = format!("/petitions/{slug}{}", carry(ctx.lang, own, '?'));
    Ok(flash::redirect(
        &session,
        Level::Success,
        ctx.t("sign-withdrawn"),
        &to,
    ))
}
