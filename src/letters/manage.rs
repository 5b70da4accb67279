//! Staff draft letters, see their history and differences, circulate them to
//! the officers, mark them final when the approval rule is met, and send them.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::diff::{self, Change};
use super::models::{ApprovalRule, Letter, LetterKind, LetterStatus, LetterVersion, Review};
use super::render::{self, LetterView};
use super::review::{self, Standing};
use super::store::{self, LetterFields, Saved};
use crate::audit;
use crate::auth::User;
use crate::db::{DbConn, DbResult};
use crate::domain::{EmailAddress, FieldError, MultiLine, PlainLine};
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent, OutboxMessage, Reference};
use crate::membership::countries;
use crate::membership::join::country_options;
use crate::membership::models::MemberCity;
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::AppState;
use crate::web::{client_ip, render, render_with_status, see_other, AppError, PageCtx, Staff};

/// The outbox reference of a letter's sending (its review emails carry `letter`).
pub const SEND_REFERENCE: &str = "letter-send";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(staff_list)
        .service(new_form)
        .service(create)
        .service(edit_form)
        .service(save)
        .service(detail)
        .service(history)
        .service(print)
        .service(circulate)
        .service(finalise)
        .service(send);
}

use crate::domain::clock::today;

#[derive(Template)]
#[template(path = "letters/staff_list.html")]
struct StaffListPage {
    ctx: PageCtx,
    letters: Vec<Letter>,
}

#[get("/staff/letters")]
async fn staff_list(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let letters = state.db.run(store::all).await?;
    render(&StaffListPage {
        ctx: staff.ctx,
        letters,
    })
}

// ------------------------------------------------------------ the form

#[derive(Deserialize, Clone, Default)]
pub struct LetterForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    target_country: String,
    #[serde(default)]
    occasion: String,
    #[serde(default)]
    occasion_on: String,
    #[serde(default)]
    addressee_name: String,
    #[serde(default)]
    addressee_title: String,
    #[serde(default)]
    addressee_emails: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body_markdown: String,
    #[serde(default)]
    signatories: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    approval_rule: String,
    #[serde(default)]
    review_deadline: String,
}

impl LetterForm {
    fn of(letter: &Letter) -> LetterForm {
        LetterForm {
            kind: letter.kind.as_str().into(),
            target_country: letter.target_country.clone().unwrap_or_default(),
            occasion: letter.occasion.clone(),
            occasion_on: letter
                .occasion_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            addressee_name: letter.addressee_name.clone(),
            addressee_title: letter.addressee_title.clone(),
            addressee_emails: letter.addressee_list().join("\n"),
            subject: letter.subject.clone(),
            body_markdown: letter.body_markdown.clone(),
            signatories: letter.signatories.clone(),
            language: letter.language.clone(),
            approval_rule: letter.approval_rule.as_str().into(),
            review_deadline: letter
                .review_deadline
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError("error-date-invalid"))
}

/// Addresses one per line or separated by commas; each must parse.
fn parse_addresses(text: &str) -> Result<Vec<EmailAddress>, FieldError> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(EmailAddress::parse)
        .collect()
}

fn multi_line(text: &str, max: usize) -> Result<String, FieldError> {
    MultiLine::parse(text, max).map(|t| t.as_str().to_string())
}

/// Parses the form; the target country is checked against the table by the caller.
fn parse_letter(form: &LetterForm, country_known: bool) -> Result<LetterFields, FormErrors> {
    let mut errors = FormErrors::default();
    let kind = errors.check(
        "kind",
        LetterKind::parse(&form.kind).ok_or(FieldError("error-choose-option")),
    );
    let target = form.target_country.trim();
    // A letter of protest needs its addressee state; any state given must exist.
    let missing = kind == Some(LetterKind::Letter) && target.is_empty();
    if missing || (!target.is_empty() && !country_known) {
        errors.add("target_country", FieldError("error-choose-country"));
    }
    let occasion = errors.check(
        "occasion",
        crate::domain::optional(&form.occasion, |t| PlainLine::parse(t, 300)),
    );
    let occasion_on = errors.check(
        "occasion_on",
        crate::domain::optional(&form.occasion_on, parse_date),
    );
    let addressee_name = errors.check(
        "addressee_name",
        PlainLine::parse(&form.addressee_name, 200),
    );
    let addressee_title = errors.check(
        "addressee_title",
        crate::domain::optional(&form.addressee_title, |t| PlainLine::parse(t, 200)),
    );
    let addresses = errors.check("addressee_emails", parse_addresses(&form.addressee_emails));
    let subject = errors.check("subject", PlainLine::parse(&form.subject, 200));
    let body = errors.check("body_markdown", multi_line(&form.body_markdown, 50_000));
    let signatories = errors.check("signatories", multi_line(&form.signatories, 5_000));
    let language = errors.check(
        "language",
        Lang::parse(form.language.trim())
            .map(|l| l.code())
            .ok_or(FieldError("error-language-unknown")),
    );
    let rule = errors.check(
        "approval_rule",
        ApprovalRule::parse(&form.approval_rule).ok_or(FieldError("error-choose-option")),
    );
    let deadline = errors.check(
        "review_deadline",
        crate::domain::optional(&form.review_deadline, parse_date),
    );
    if rule == Some(ApprovalRule::Deadline) && deadline == Some(None) {
        errors.add("review_deadline", FieldError("error-required"));
    }
    match (
        kind,
        occasion,
        occasion_on,
        addressee_name,
        addressee_title,
        addresses,
        subject,
        body,
        signatories,
        language,
        rule,
        deadline,
        errors.is_empty(),
    ) {
        (
            Some(kind),
            Some(occasion),
            Some(occasion_on),
            Some(addressee_name),
            Some(addressee_title),
            Some(addresses),
            Some(subject),
            Some(body_markdown),
            Some(signatories),
            Some(language),
            Some(approval_rule),
            Some(review_deadline),
            true,
        ) => Ok(LetterFields {
            kind,
            target_country: (!target.is_empty()).then(|| target.to_string()),
            occasion: occasion.map(PlainLine::into_string).unwrap_or_default(),
            occasion_on,
            addressee_name: addressee_name.into_string(),
            addressee_title: addressee_title
                .map(PlainLine::into_string)
                .unwrap_or_default(),
            addressee_emails: addresses
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(","),
            subject: subject.into_string(),
            body_markdown,
            signatories,
            language,
            approval_rule,
            review_deadline,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "letters/form.html")]
struct FormPage {
    ctx: PageCtx,
    letter_id: Option<i64>,
    form: LetterForm,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    kinds: &'static [LetterKind],
    rules: &'static [ApprovalRule],
}

async fn form_page(
    ctx: PageCtx,
    state: &AppState,
    letter_id: Option<i64>,
    form: LetterForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let countries = state
        .db
        .run(move |conn| Ok(country_options(&countries::all(conn)?, &lang)))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(
        &FormPage {
            ctx,
            letter_id,
            form,
            errors,
            countries,
            kinds: LetterKind::ALL,
            rules: ApprovalRule::ALL,
        },
        status,
    )
}

/// The president and vice-presidents by default, one line each (whether or not
/// they have an address for the review).
fn default_signatories(conn: &mut DbConn, lang: Lang) -> DbResult<String> {
    use crate::membership::models::RoleKind;
    Ok(crate::membership::cities::current_officers(conn, today())?
        .into_iter()
        .filter(|(role, city)| {
            matches!(role.role, RoleKind::President | RoleKind::VicePresident) && city.is_active()
        })
        .map(|(role, city)| {
            lang.t_with(
                "letter-signatory-line",
                &[
                    (
                        "mayor",
                        FluentArg::Str(city.mayor_name.clone().unwrap_or_default()),
                    ),
                    ("city", FluentArg::Str(city.name_latin.clone())),
                    ("role", FluentArg::Str(lang.t(role.role.label_key()))),
                ],
            )
            .trim()
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

#[get("/staff/letters/new")]
async fn new_form(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let lang = staff.ctx.lang;
    let signatories = state
        .db
        .run(move |conn| default_signatories(conn, lang))
        .await?;
    let form = LetterForm {
        kind: LetterKind::Letter.as_str().into(),
        language: "en".into(),
        approval_rule: ApprovalRule::PresidentAndMajority.as_str().into(),
        signatories,
        ..LetterForm::default()
    };
    form_page(staff.ctx, &state, None, form, FormErrors::default()).await
}

async fn parse_with_country(
    state: &AppState,
    form: &LetterForm,
) -> Result<Result<LetterFields, FormErrors>, AppError> {
    let code = form.target_country.trim().to_string();
    let known = code.is_empty()
        || state
            .db
            .run(move |conn| countries::find(conn, &code))
            .await?
            .is_some();
    Ok(parse_letter(form, known))
}

#[post("/staff/letters")]
async fn create(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let fields = match parse_with_country(&state, &form).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(staff.ctx, &state, None, form, errors).await,
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let id = state
        .db
        .write(move |conn| {
            let id = store::insert(conn, &fields, actor.id)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "letter.create",
                    entity_type: "letter",
                    entity_id: Some(id.to_string()),
                    summary: format!("{} ({}), version 1", fields.subject, fields.kind.as_str()),
                    ip,
                },
            )?;
            Ok(id)
        })
        .await?;
    flash::push(&session, Level::Success, staff.ctx.t("letter-saved"));
    Ok(see_other(&format!("/staff/letters/{id}")))
}

async fn load(state: &AppState, id: i64) -> Result<Letter, AppError> {
    state
        .db
        .run(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)
}

#[get("/staff/letters/{id}/edit")]
async fn edit_form(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let letter = load(&state, id.into_inner()).await?;
    if !letter.is_editable() {
        return Err(AppError::BadRequest("letter-not-editable"));
    }
    form_page(
        staff.ctx,
        &state,
        Some(letter.id),
        LetterForm::of(&letter),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/letters/{id}")]
async fn save(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let fields = match parse_with_country(&state, &form).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(staff.ctx, &state, Some(id), form, errors).await,
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let saved = state
        .db
        .write(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            let saved = store::update(conn, &letter, &fields, actor.id)?;
            if let Saved::NewVersion(version) | Saved::SameVersion(version) = saved {
                audit::record_entry(
                    conn,
                    audit::Entry {
                        actor: Some(&actor),
                        action: "letter.update",
                        entity_type: "letter",
                        entity_id: Some(id.to_string()),
                        summary: format!(
                            "{}: version {} → {version}",
                            fields.subject, letter.version
                        ),
                        ip,
                    },
                )?;
            }
            Ok(Some(saved))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let message = match saved {
        Saved::Locked => return Err(AppError::BadRequest("letter-not-editable")),
        Saved::NewVersion(version) => staff.ctx.t1("letter-saved-version", "version", version),
        Saved::SameVersion(_) => staff.ctx.t("letter-saved"),
    };
    flash::push(&session, Level::Success, message);
    Ok(see_other(&format!("/staff/letters/{id}")))
}

// ------------------------------------------------------------ the draft page

/// A letter with what every page about it needs: its heading's state name and count.
pub fn view_of(conn: &mut DbConn, letter: Letter) -> DbResult<LetterView> {
    let lang = letter.lang();
    let state_name = match &letter.target_country {
        Some(code) => countries::find(conn, code)?.map(|c| c.name(&lang).to_string()),
        None => None,
    };
    let count = match (&letter.target_country, letter.running_count) {
        (_, Some(count)) => Some(count),
        (Some(code), None) if letter.kind == LetterKind::Letter => {
            Some(store::next_count(conn, code)?)
        }
        _ => None,
    };
    Ok(LetterView::new(letter, state_name, count, today()))
}

#[derive(Template)]
#[template(path = "letters/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    view: LetterView,
    reviews: Vec<(Review, MemberCity)>,
    earlier_answers: Vec<(Review, MemberCity)>,
    standing: Standing,
    officers_without_email: Vec<MemberCity>,
    deliveries: Vec<OutboxMessage>,
}

#[get("/staff/letters/{id}")]
async fn detail(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let page = state
        .db
        .run(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            let reviews = review::of_version(conn, id, letter.version)?;
            let earlier_answers = review::answered(conn, id)?
                .into_iter()
                .filter(|(r, _)| r.version != letter.version)
                .collect();
            let only: Vec<Review> = reviews.iter().map(|(r, _)| r.clone()).collect();
            let standing =
                review::standing(letter.approval_rule, letter.review_deadline, &only, today());
            let (_, officers_without_email) = review::current_officers(conn, today())?;
            let deliveries = mail::outbox::of(conn, &Reference::new(SEND_REFERENCE, id))?;
            Ok(Some((
                view_of(conn, letter)?,
                reviews,
                earlier_answers,
                standing,
                officers_without_email,
                deliveries,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let (view, reviews, earlier_answers, standing, officers_without_email, deliveries) = page;
    render(&DetailPage {
        ctx: staff.ctx,
        view,
        reviews,
        earlier_answers,
        standing,
        officers_without_email,
        deliveries,
    })
}

#[derive(Template)]
#[template(path = "letters/print.html")]
pub struct PrintPage {
    pub view: LetterView,
}

/// The letter alone on a page, to print or save as PDF (drafts included, for staff).
#[get("/staff/letters/{id}/print")]
async fn print(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| match store::find(conn, id)? {
            Some(letter) => view_of(conn, letter).map(Some),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound)?;
    render(&PrintPage { view })
}

// ------------------------------------------------------------ history

#[derive(Deserialize)]
struct HistoryQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    from: Option<i32>,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    to: Option<i32>,
}

#[derive(Template)]
#[template(path = "letters/history.html")]
struct HistoryPage {
    ctx: PageCtx,
    letter: Letter,
    versions: Vec<LetterVersion>,
    from: i32,
    to: i32,
    changes: Vec<Change>,
}

#[get("/staff/letters/{id}/history")]
async fn history(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (letter, versions) = state
        .db
        .run(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            Ok(Some((letter, store::versions(conn, id)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let last = versions.last().map_or(1, |v| v.version);
    let to = query.to.unwrap_or(last);
    let from = query.from.unwrap_or((to - 1).max(1));
    let text_of = |n: i32| {
        versions
            .iter()
            .find(|v| v.version == n)
            .map(LetterVersion::full_text)
    };
    let (Some(old), Some(new)) = (text_of(from), text_of(to)) else {
        return Err(AppError::NotFound);
    };
    let changes = diff::words(&old, &new);
    render(&HistoryPage {
        ctx: staff.ctx,
        letter,
        versions,
        from,
        to,
        changes,
    })
}

// ------------------------------------------------------------ review, final, send

fn audit_entry<'a>(
    actor: &'a User,
    action: &'a str,
    id: i64,
    summary: String,
    ip: Option<String>,
) -> audit::Entry<'a> {
    audit::Entry {
        actor: Some(actor),
        action,
        entity_type: "letter",
        entity_id: Some(id.to_string()),
        summary,
        ip,
    }
}

#[post("/staff/letters/{id}/circulate")]
async fn circulate(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let config = state.config.clone();
    let asked = state
        .db
        .write(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            if letter.status != LetterStatus::Draft {
                return Ok(Some(None));
            }
            let (officers, _) = review::current_officers(conn, today())?;
            let asked = review::circulate(
                conn,
                &letter,
                &officers,
                &config.secret_key,
                &config.base_url,
            )?;
            audit::record_entry(
                conn,
                audit_entry(
                    &actor,
                    "letter.circulate",
                    id,
                    format!(
                        "version {} sent to {asked} officers for review",
                        letter.version
                    ),
                    ip,
                ),
            )?;
            Ok(Some(Some(asked)))
        })
        .await?
        .ok_or(AppError::NotFound)?
        .ok_or(AppError::BadRequest("letter-not-editable"))?;
    let message = if asked == 0 {
        staff.ctx.t("letter-circulated-none")
    } else {
        staff.ctx.t1("letter-circulated", "count", asked)
    };
    flash::push(&session, Level::Success, message);
    Ok(see_other(&format!("/staff/letters/{id}")))
}

#[post("/staff/letters/{id}/final")]
async fn finalise(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let outcome = state
        .db
        .write(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            let reviews: Vec<Review> = review::of_version(conn, id, letter.version)?
                .into_iter()
                .map(|(r, _)| r)
                .collect();
            let standing = review::standing(
                letter.approval_rule,
                letter.review_deadline,
                &reviews,
                today(),
            );
            if !standing.rule_met || !store::mark_final(conn, id, letter.version)? {
                return Ok(Some(false));
            }
            audit::record_entry(
                conn,
                audit_entry(
                    &actor,
                    "letter.final",
                    id,
                    format!(
                        "version {} final: {} of {} officers approved",
                        letter.version, standing.approvals, standing.asked
                    ),
                    ip,
                ),
            )?;
            Ok(Some(true))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    if !outcome {
        return Err(AppError::BadRequest("letter-rule-not-met"));
    }
    flash::push(&session, Level::Success, staff.ctx.t("letter-finalised"));
    Ok(see_other(&format!("/staff/letters/{id}")))
}

/// One message per addressee, the current officers in copy, each through the outbox.
fn sending_emails(view: &LetterView, cc: &[EmailAddress]) -> Result<Vec<Email>, askama::Error> {
    let (text, html) = render::mail_bodies(view)?;
    let content = EmailContent {
        subject: view.letter.subject.clone(),
        greeting: String::new(),
        paragraphs: Vec::new(),
        action: None,
        after: Vec::new(),
    };
    Ok(view
        .letter
        .addressee_list()
        .into_iter()
        .filter_map(|address| EmailAddress::parse(address).ok())
        .map(|to| {
            Email::new(to, Some(&view.letter.addressee_name), view.lang, &content)
                .with_cc(cc.to_vec())
                .with_bodies(text.clone(), html.clone())
        })
        .collect())
}

#[post("/staff/letters/{id}/send")]
async fn send(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let sent = state
        .db
        .write(move |conn| {
            let Some(letter) = store::find(conn, id)? else {
                return Ok(None);
            };
            if letter.status != LetterStatus::Final {
                return Ok(Some(None));
            }
            let Some(count) = store::mark_sent(conn, &letter, today())? else {
                return Ok(Some(None));
            };
            let Some(sent) = store::find(conn, id)? else {
                return Ok(None);
            };
            let view = view_of(conn, sent)?;
            let (officers, _) = review::current_officers(conn, today())?;
            let cc: Vec<EmailAddress> = officers.into_iter().map(|o| o.email).collect();
            let emails = sending_emails(&view, &cc)
                .map_err(|e| diesel::result::Error::QueryBuilderError(Box::new(e)))?;
            for email in &emails {
                mail::enqueue(
                    conn,
                    &format!("letter-{id}-send-{}", email.to.as_str()),
                    email,
                    Some(Reference::new(SEND_REFERENCE, id)),
                )?;
            }
            audit::record_entry(
                conn,
                audit_entry(
                    &actor,
                    "letter.send",
                    id,
                    format!(
                        "sent to {} addressees with {} officers in copy (no. {count})",
                        emails.len(),
                        cc.len()
                    ),
                    ip,
                ),
            )?;
            Ok(Some(Some(emails.len())))
        })
        .await?
        .ok_or(AppError::NotFound)?
        .ok_or(AppError::BadRequest("letter-not-final"))?;
    flash::push(
        &session,
        Level::Success,
        staff.ctx.t1("letter-sent", "count", sent),
    );
    Ok(see_other(&format!("/staff/letters/{id}")))
}
