//! What staff do after and around the signing: exports and the hand-over
//! report, the view of bursts with its bulk invalidation, the blocklist of
//! email domains, and the anonymisation of personal data after retention.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;

use super::models::{Petition, PetitionStatus, SubmissionStatus};
use super::store::{self, Counts};
use crate::audit;
use crate::db::{DbConn, DbResult};
use crate::membership::countries;
use crate::membership::csv_io::neutralise;
use crate::schema::{
    petition_blocked_domains, petition_paper_batches, petition_signatures, petition_submissions,
    petitions,
};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, Admin, AppError, PageCtx, Staff};

/// A burst: at least this many submissions from one address or domain in the window.
const BURST_THRESHOLD: i64 = 10;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(signatures_csv)
        .service(countries_csv)
        .service(handover_report)
        .service(bursts_page)
        .service(invalidate)
        .service(blocklist_page)
        .service(block_domain)
        .service(unblock_domain);
}

async fn load_petition(state: &AppState, id: i64) -> Result<Petition, AppError> {
    state
        .db
        .run(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)
}

fn csv_download(name: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

fn write_csv(
    header_row: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(header_row)
        .map_err(AppError::internal)?;
    for row in rows {
        writer
            .write_record(row.into_iter().map(neutralise))
            .map_err(AppError::internal)?;
    }
    writer.into_inner().map_err(AppError::internal)
}

/// One verified signature for the export.
type SignatureRow = (
    Option<String>,
    String,
    Option<String>,
    Option<NaiveDateTime>,
    Option<String>,
);

/// Verified signatures: name, country, city, date; email addresses for admins only.
#[get("/staff/petitions/{id}/signatures.csv")]
async fn signatures_csv(
    staff: Staff,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let petition = load_petition(&state, id.into_inner()).await?;
    let with_email = staff.ctx.is_admin();
    let (petition_id, actor, ip) = (
        petition.id,
        staff.user.clone(),
        client_ip(&req, state.config.behind_proxy),
    );
    let rows: Vec<SignatureRow> = state
        .db
        .write(move |conn| {
            let rows = petition_signatures::table
                .inner_join(petition_submissions::table)
                .filter(petition_signatures::petition_id.eq(petition_id))
                .filter(petition_submissions::status.eq(SubmissionStatus::Verified.as_str()))
                .order(petition_signatures::id.asc())
                .select((
                    petition_signatures::name,
                    petition_signatures::country_code,
                    petition_signatures::city,
                    petition_submissions::verified_at,
                    petition_submissions::email,
                ))
                .load::<SignatureRow>(conn)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "petition.export_signatures",
                    entity_type: "petition",
                    entity_id: Some(petition_id.to_string()),
                    summary: format!(
                        "{} signatures exported{}",
                        rows.len(),
                        if with_email {
                            " with email addresses"
                        } else {
                            ""
                        }
                    ),
                    ip,
                },
            )?;
            Ok(rows)
        })
        .await?;
    let mut header_row = vec!["name", "country", "city", "date"];
    if with_email {
        header_row.push("email");
    }
    let body = write_csv(
        &header_row,
        rows.into_iter()
            .map(|(name, country, city, verified_at, email)| {
                let mut row = vec![
                    name.unwrap_or_default(),
                    country,
                    city.unwrap_or_default(),
                    verified_at
                        .map(|t| t.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ];
                if with_email {
                    row.push(email.unwrap_or_default());
                }
                row
            }),
    )?;
    Ok(csv_download(
        &format!("{}-signatures.csv", petition.slug),
        body,
    ))
}

#[get("/staff/petitions/{id}/countries.csv")]
async fn countries_csv(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let petition = load_petition(&state, id.into_inner()).await?;
    let petition_id = petition.id;
    let (counts, countries) = state
        .db
        .run(move |conn| Ok((store::counts(conn, petition_id)?, countries::all(conn)?)))
        .await?;
    let name_of = |code: &str| {
        countries
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name_en.clone())
            .unwrap_or_default()
    };
    let body = write_csv(
        &["country_code", "country", "online", "paper", "total"],
        counts.by_country.iter().map(|(code, online, paper)| {
            vec![
                code.clone(),
                name_of(code),
                online.to_string(),
                paper.to_string(),
                (online + paper).to_string(),
            ]
        }),
    )?;
    Ok(csv_download(
        &format!("{}-countries.csv", petition.slug),
        body,
    ))
}

#[derive(Template)]
#[template(path = "petitions/report.html")]
struct ReportPage {
    ctx: PageCtx,
    petition: Petition,
    body_html: String,
    counts: Counts,
    country_names: std::collections::HashMap<String, String>,
    today: NaiveDate,
}

impl ReportPage {
    fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_names.get(code).map_or(code, String::as_str)
    }
}

/// A printable hand-over report (for delivery to the UN, a government...).
#[get("/staff/petitions/{id}/report")]
async fn handover_report(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let petition = load_petition(&state, id.into_inner()).await?;
    let (petition_id, lang) = (petition.id, staff.ctx.lang);
    let (counts, country_names) = state
        .db
        .run(move |conn| {
            let names = countries::all(conn)?
                .into_iter()
                .map(|c| (c.code.clone(), c.name(&lang).to_string()))
                .collect();
            Ok((store::counts(conn, petition_id)?, names))
        })
        .await?;
    render(&ReportPage {
        body_html: petition.body_html(),
        ctx: staff.ctx,
        petition,
        counts,
        country_names,
        today: crate::domain::clock::today(),
    })
}

// ------------------------------------------------------------ bursts

#[derive(Deserialize)]
struct WindowQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    minutes: Option<i64>,
}

/// (IP address or domain, live submissions), largest first.
pub type Sources = Vec<(String, i64)>;

/// Many live submissions from one IP address or email domain in the window.
pub fn bursts(
    conn: &mut DbConn,
    petition_id: i64,
    since: NaiveDateTime,
) -> DbResult<(Sources, Sources)> {
    let live = [
        SubmissionStatus::Pending.as_str(),
        SubmissionStatus::Verified.as_str(),
    ];
    let by_ip: Vec<(Option<String>, i64)> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::created_at.ge(since))
        .filter(petition_submissions::status.eq_any(live))
        .group_by(petition_submissions::ip)
        .select((petition_submissions::ip, diesel::dsl::count_star()))
        .load(conn)?;
    let by_domain: Vec<(Option<String>, i64)> = petition_submissions::table
        .filter(petition_submissions::petition_id.eq(petition_id))
        .filter(petition_submissions::created_at.ge(since))
        .filter(petition_submissions::status.eq_any(live))
        .group_by(petition_submissions::email_domain)
        .select((
            petition_submissions::email_domain,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let over = |rows: Vec<(Option<String>, i64)>| {
        let mut rows: Vec<(String, i64)> = rows
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .filter(|(_, n)| *n >= BURST_THRESHOLD)
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        rows
    };
    Ok((over(by_ip), over(by_domain)))
}

#[derive(Template)]
#[template(path = "petitions/bursts.html")]
struct BurstsPage {
    ctx: PageCtx,
    petition: Petition,
    minutes: i64,
    by_ip: Sources,
    by_domain: Sources,
    threshold: i64,
}

impl BurstsPage {
    /// The two lists, each with its heading and what its rows are.
    fn sections(&self) -> [(&'static str, &'static str, &Sources); 2] {
        [
            ("bursts-by-ip", "ip", &self.by_ip),
            ("bursts-by-domain", "domain", &self.by_domain),
        ]
    }
}

#[get("/staff/petitions/{id}/bursts")]
async fn bursts_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<WindowQuery>,
) -> Result<HttpResponse, AppError> {
    let petition = load_petition(&state, id.into_inner()).await?;
    let minutes = query.minutes.unwrap_or(60).clamp(1, 60 * 24 * 30);
    let (petition_id, since) = (
        petition.id,
        crate::domain::clock::now() - Duration::minutes(minutes),
    );
    let (by_ip, by_domain) = state
        .db
        .run(move |conn| bursts(conn, petition_id, since))
        .await?;
    render(&BurstsPage {
        ctx: staff.ctx,
        petition,
        minutes,
        by_ip,
        by_domain,
        threshold: BURST_THRESHOLD,
    })
}

#[derive(Deserialize)]
struct InvalidateForm {
    kind: String,
    value: String,
    minutes: i64,
}

/// Invalidates every live submission from one IP address or domain in the window.
#[post("/staff/petitions/{id}/invalidate")]
async fn invalidate(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<InvalidateForm>,
) -> Result<HttpResponse, AppError> {
    let petition = load_petition(&state, id.into_inner()).await?;
    let form = form.into_inner();
    let minutes = form.minutes.clamp(1, 60 * 24 * 30);
    let since = crate::domain::clock::now() - Duration::minutes(minutes);
    let (petition_id, actor, ip) = (
        petition.id,
        staff.user.clone(),
        client_ip(&req, state.config.behind_proxy),
    );
    let kind = match form.kind.as_str() {
        "ip" | "domain" => form.kind.clone(),
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let count = state
        .db
        .write(move |conn| {
            let live = [SubmissionStatus::Pending.as_str(), SubmissionStatus::Verified.as_str()];
            let scope = petition_submissions::table
                .filter(petition_submissions::petition_id.eq(petition_id))
                .filter(petition_submissions::created_at.ge(since))
                .filter(petition_submissions::status.eq_any(live));
            let now = crate::domain::clock::now();
            let change = (petition_submissions::status.eq(SubmissionStatus::Invalidated.as_str()), petition_submissions::closed_at.eq(now));
            let count = if kind == "ip" {
                diesel::update(scope.filter(petition_submissions::ip.eq(&form.value))).set(change).execute(conn)?
            } else {
                diesel::update(scope.filter(petition_submissions::email_domain.eq(&form.value))).set(change).execute(conn)?
            };
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "petition.invalidate",
                    entity_type: "petition",
                    entity_id: Some(petition_id.to_string()),
                    summary: format!("{count} submissions from {kind} {} in the last {minutes} minutes invalidated", form.value),
                    ip,
                },
            )?;
            Ok(count)
        })
        .await?;
    flash::push(
        &session,
        Level::Success,
        staff.ctx.tn(
            "bursts-invalidated",
            "count",
            i64::try_from(count).unwrap_or(0),
        ),
    );
    Ok(see_other(&format!(
        "/staff/petitions/{petition_id}/bursts?minutes={minutes}"
    )))
}

// ------------------------------------------------------------ blocklist

#[derive(Template)]
#[template(path = "petitions/blocklist.html")]
struct BlocklistPage {
    ctx: PageCtx,
    domains: Vec<(String, Option<String>)>,
}

#[get("/admin/petitions/blocklist")]
async fn blocklist_page(
    admin: Admin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let domains = state
        .db
        .run(|conn| {
            Ok(petition_blocked_domains::table
                .order(petition_blocked_domains::domain.asc())
                .select((
                    petition_blocked_domains::domain,
                    petition_blocked_domains::reason,
                ))
                .load(conn)?)
        })
        .await?;
    render(&BlocklistPage {
        ctx: admin.ctx,
        domains,
    })
}

#[derive(Deserialize)]
struct DomainForm {
    #[serde(default)]
    domain: String,
    #[serde(default)]
    reason: String,
}

fn parse_domain(text: &str) -> Option<String> {
    let domain = text.trim().trim_start_matches('@').to_lowercase();
    let valid = domain.contains('.')
        && domain.len() <= 253
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    valid.then_some(domain)
}

async fn change_blocklist(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: DomainForm,
    block: bool,
) -> Result<HttpResponse, AppError> {
    let Some(domain) = parse_domain(&form.domain) else {
        flash::push(&session, Level::Error, admin.ctx.t("blocklist-invalid"));
        return Ok(see_other("/admin/petitions/blocklist"));
    };
    let reason = Some(form.reason.trim().to_string()).filter(|r| !r.is_empty());
    let (actor, ip) = (
        admin.user.clone(),
        client_ip(&req, state.config.behind_proxy),
    );
    let result = state
        .db
        .write(move |conn| {
            if block {
                diesel::insert_into(petition_blocked_domains::table)
                    .values((
                        petition_blocked_domains::domain.eq(&domain),
                        petition_blocked_domains::reason.eq(&reason),
                        petition_blocked_domains::created_at.eq(crate::domain::clock::now()),
                    ))
                    .execute(conn)?;
            } else {
                diesel::delete(petition_blocked_domains::table.find(&domain)).execute(conn)?;
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: if block {
                        "petition.block_domain"
                    } else {
                        "petition.unblock_domain"
                    },
                    entity_type: "email_domain",
                    entity_id: Some(domain.clone()),
                    summary: reason.unwrap_or_default(),
                    ip,
                },
            )?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => flash::push(
            &session,
            Level::Success,
            admin.ctx.t(if block {
                "blocklist-added"
            } else {
                "blocklist-removed"
            }),
        ),
        Err(e) if e.is_unique_violation() => {
            flash::push(&session, Level::Info, admin.ctx.t("blocklist-exists"))
        }
        Err(e) => return Err(e.into()),
    }
    Ok(see_other("/admin/petitions/blocklist"))
}

#[post("/admin/petitions/blocklist")]
async fn block_domain(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    change_blocklist(admin, state, session, req, form.into_inner(), true).await
}

#[post("/admin/petitions/blocklist/remove")]
async fn unblock_domain(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    change_blocklist(admin, state, session, req, form.into_inner(), false).await
}

// ------------------------------------------------------------ privacy

/// Removes names, cities, email and IP addresses (and paper scans) of every
/// petition closed longer ago than its retention period. Countries and dates
/// stay, so every count stays the same. Returns how many petitions it cleared.
pub fn anonymise_due(conn: &mut DbConn, today: NaiveDate) -> DbResult<usize> {
    let candidates: Vec<Petition> = petitions::table
        .filter(petitions::anonymised_at.is_null())
        .filter(petitions::closes_on.lt(today))
        .select(Petition::as_select())
        .load(conn)?;
    let due: Vec<&Petition> = candidates
        .iter()
        .filter(|p| {
            p.status != PetitionStatus::Draft
                && p.closes_on + Duration::days(i64::from(p.retention_days)) < today
        })
        .collect();
    for petition in &due {
        crate::db::write_transaction(conn, |conn| anonymise(conn, petition.id))?;
    }
    Ok(due.len())
}

fn anonymise(conn: &mut DbConn, petition_id: i64) -> DbResult<()> {
    let now = crate::domain::clock::now();
    diesel::update(
        petition_signatures::table.filter(petition_signatures::petition_id.eq(petition_id)),
    )
    .set((
        petition_signatures::name.eq(None::<String>),
        petition_signatures::city.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(
        petition_submissions::table.filter(petition_submissions::petition_id.eq(petition_id)),
    )
    .set((
        petition_submissions::email.eq(None::<String>),
        petition_submissions::email_key.eq(None::<String>),
        petition_submissions::email_domain.eq(None::<String>),
        petition_submissions::ip.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(
        petition_paper_batches::table.filter(petition_paper_batches::petition_id.eq(petition_id)),
    )
    .set((
        petition_paper_batches::scan.eq(None::<Vec<u8>>),
        petition_paper_batches::scan_name.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(petitions::table.find(petition_id))
        .set(petitions::anonymised_at.eq(now))
        .execute(conn)?;
    audit::record_entry(
        conn,
        audit::Entry {
            actor: None,
            action: "petition.anonymise",
            entity_type: "petition",
            entity_id: Some(petition_id.to_string()),
            summary: "names, cities, email and IP addresses and paper scans removed after the retention period".into(),
            ip: None,
        },
    )?;
    Ok(())
}
