//! The staff pages of the ledger: the overview of a fiscal year, recording a
//! payment, waiving years, reversing an entry, and the admins' settings.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::fiscal::{parse_years, years_text, FiscalCalendar, FiscalYear};
use super::forms::{parse_payment, PaymentForm, MAX_NOTE_CHARS};
use super::ledger::{self, Recorder, ReversalRefused, YearLedger};
use super::models::{DuesStatus, PaymentMethod};
use super::reports::{self, YearSummary};
use super::settings::{self as dues_settings, DuesSettings};
use super::year_choices;
use crate::audit;
use crate::domain::clock::today;
use crate::domain::{Currency, FieldError, Money, PlainLine};
use crate::membership::{cities, names};
use crate::web::flash::{self, Level};
use crate::web::form::FormErrors;
use crate::web::page::Plain;
use crate::web::AppState;
use crate::web::{
    client_ip, render, render_with_status, see_other, Admin, AppError, PageCtx, Staff,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(overview)
        .service(payment_form)
        .service(record_payment)
        .service(waive_years)
        .service(reverse_entry)
        .service(save_settings);
}

const OVERVIEW_PAGE_SIZE: usize = 50;

// ------------------------------------------------------------ overview

#[derive(Debug, Default, Clone, Deserialize)]
pub struct OverviewFilter {
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    pub page: Option<usize>,
}

impl OverviewFilter {
    fn page(&self) -> usize {
        self.page.unwrap_or(1).max(1)
    }

    fn status(&self) -> Option<DuesStatus> {
        DuesStatus::parse(&self.status)
    }

    fn matches_text(&self, name_key: &str, number_label: &str) -> bool {
        let q = names::fold(&self.q);
        q.is_empty()
            || name_key.contains(&q)
            || number_label.trim_start_matches('0') == q.trim_start_matches('0')
    }
}

/// A city's line in the overview.
struct CityLine {
    id: i64,
    number: String,
    name: String,
    status: DuesStatus,
    paid: String,
}

#[derive(Template)]
#[template(path = "dues/overview.html")]
struct OverviewPage {
    ctx: PageCtx,
    year: FiscalYear,
    year_label: String,
    period: String,
    years: Vec<(FiscalYear, String)>,
    summary: YearSummary,
    lines: Vec<CityLine>,
    matching: usize,
    page: usize,
    pages: usize,
    filter: OverviewFilter,
    statuses: &'static [DuesStatus],
    settings: DuesSettings,
    months: Vec<(u32, String)>,
}

impl OverviewPage {
    fn money(&self, minor_units: impl Plain<i64>, currency: &str) -> String {
        self.ctx.lang.money(minor_units.plain(), currency)
    }

    fn counted(&self, key: &str, count: impl Plain<i64>) -> String {
        super::counted(&self.ctx.lang, key, count)
    }

    fn page_link(&self, page: usize) -> String {
        let query = serde_urlencoded::to_string([
            ("year", self.year.to_string()),
            ("status", self.filter.status.clone()),
            ("q", self.filter.q.clone()),
            ("page", page.to_string()),
        ])
        .unwrap_or_default();
        format!("/staff/dues?{query}")
    }
}

#[get("/staff/dues")]
async fn overview(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<OverviewFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let lang = staff.ctx.lang;
    let query = filter.clone();
    let (settings, year, summary, matching_lines) = state
        .db
        .run(move |conn| {
            let settings = dues_settings::load(conn)?;
            let year = super::YearQuery {
                year: query.year.clone(),
            }
            .year_or_current(&settings, today());
            let ledger = YearLedger::load(conn, year, &settings)?;
            let expected = ledger::expected_cities(conn, year, &settings)?;
            let summary = reports::year_summary(&ledger, &expected);
            let lines: Vec<CityLine> = expected
                .iter()
                .map(|city| (city, ledger.position(city.id)))
                .filter(|(_, p)| query.status().is_none_or(|s| p.status() == s))
                .filter(|(city, _)| {
                    query.matches_text(
                        &names::search_key(&city.name_latin, city.name_native.as_deref()),
                        &city.number_label(),
                    )
                })
                .map(|(city, p)| CityLine {
                    id: city.id,
                    number: city.number_label(),
                    name: city.display_name(),
                    status: p.status(),
                    paid: lang.money(p.paid_jpy, "JPY"),
                })
                .collect();
            Ok((settings, year, summary, lines))
        })
        .await?;
    let matching = matching_lines.len();
    let pages = matching.div_ceil(OVERVIEW_PAGE_SIZE).max(1);
    let page = filter.page().min(pages);
    let lines = matching_lines
        .into_iter()
        .skip((page - 1) * OVERVIEW_PAGE_SIZE)
        .take(OVERVIEW_PAGE_SIZE)
        .collect();
    render(&OverviewPage {
        year_label: year.label(&lang),
        period: settings.calendar.period(year, &lang),
        years: year_choices(&settings, today(), &lang),
        months: (1..=12)
            .map(|m| (m, lang.t(&format!("month-{m}"))))
            .collect(),
        ctx: staff.ctx,
        year,
        summary,
        lines,
        matching,
        page,
        pages,
        filter,
        statuses: DuesStatus::ALL,
        settings,
    })
}

// ------------------------------------------------------------ payments
#[derive(Template)]
#[template(path = "dues/payment_form.html")]
struct PaymentPage {
    ctx: PageCtx,
    form: PaymentForm,
    errors: FormErrors,
    city_name: Option<String>,
    currencies: Vec<Currency>,
    methods: &'static [PaymentMethod],
}

impl PaymentPage {
    fn new(ctx: PageCtx, form: PaymentForm, errors: FormErrors, city_name: Option<String>) -> Self {
        let mut currencies: Vec<Currency> = Currency::COMMON.to_vec();
        currencies.extend(Currency::all().filter(|c| !Currency::COMMON.contains(c)));
        PaymentPage {
            ctx,
            form,
            errors,
            city_name,
            currencies,
            methods: PaymentMethod::ALL,
        }
    }
}

#[derive(Deserialize)]
struct NewPaymentQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    city: Option<i64>,
}

#[get("/staff/dues/payments/new")]
async fn payment_form(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<NewPaymentQuery>,
) -> Result<HttpResponse, AppError> {
    let city_id = query.city;
    let (city, settings) = state
        .db
        .run(move |conn| {
            let city = match city_id {
                Some(id) => cities::find(conn, id)?,
                None => None,
            };
            Ok((city, dues_settings::load(conn)?))
        })
        .await?;
    let today = today();
    let form = PaymentForm {
        member_number: city.as_ref().map(|c| c.number_label()).unwrap_or_default(),
        received_on: today.to_string(),
        currency: Currency::JPY.code().into(),
        method: PaymentMethod::BankTransfer.as_str().into(),
        years: settings.calendar.year_of(today).to_string(),
        ..PaymentForm::default()
    };
    let city_name = city.map(|c| c.display_name());
    render(&PaymentPage::new(
        staff.ctx,
        form,
        FormErrors::default(),
        city_name,
    ))
}

#[post("/staff/dues/payments")]
async fn record_payment(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<PaymentForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let parsed = match parse_payment(&form, today()) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page = PaymentPage::new(staff.ctx, form, errors, None);
            return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let recorded = state
        .db
        .write(move |conn| {
            let Some(city) = cities::find_by_number(conn, parsed.member_number)? else {
                return Ok(None);
            };
            let settings = dues_settings::load(conn)?;
            let by = Recorder { actor: &actor, ip };
            let payment = parsed.for_city(city.id);
            Ok(Some(ledger::record_payment(
                conn, &payment, &settings, &by,
            )?))
        })
        .await?;
    let Some(recorded) = recorded else {
        let mut errors = FormErrors::default();
        errors.add("member_number", FieldError("error-member-number-unknown"));
        let page = PaymentPage::new(staff.ctx, form, errors, None);
        return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    };
    flash::push(
        &session,
        Level::Success,
        staff
            .ctx
            .t1("dues-payment-recorded", "number", recorded.receipt_number),
    );
    Ok(see_other(&format!(
        "/staff/dues/receipts/{}",
        recorded.entry_id
    )))
}

// ------------------------------------------------------------ waivers and reversals

#[derive(Deserialize)]
struct WaiverForm {
    #[serde(default)]
    years: String,
    #[serde(default)]
    reason: String,
}

#[post("/staff/dues/cities/{id}/waivers")]
async fn waive_years(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<WaiverForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = id.into_inner();
    let back = format!("/staff/members/{city_id}#dues");
    let (Ok(years), Ok(reason)) = (
        parse_years(&form.years),
        PlainLine::parse(&form.reason, MAX_NOTE_CHARS),
    ) else {
        flash::push(&session, Level::Error, staff.ctx.t("dues-waiver-invalid"));
        return Ok(see_other(&back));
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let waived = years_text(&years);
    state
        .db
        .write(move |conn| {
            if cities::find(conn, city_id)?.is_none() {
                return Ok(None);
            }
            let settings = dues_settings::load(conn)?;
            let by = Recorder { actor: &actor, ip };
            ledger::record_waiver(conn, city_id, &years, &reason, today(), &settings, &by).map(Some)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    flash::push(
        &session,
        Level::Success,
        staff.ctx.t1("dues-waiver-recorded", "years", waived),
    );
    Ok(see_other(&back))
}

#[derive(Deserialize)]
struct ReverseForm {
    #[serde(default)]
    reason: String,
}

#[post("/staff/dues/entries/{id}/reverse")]
async fn reverse_entry(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<ReverseForm>,
) -> Result<HttpResponse, AppError> {
    let entry_id = id.into_inner();
    let city_id = state
        .db
        .run(move |conn| ledger::find_entry(conn, entry_id))
        .await?
        .ok_or(AppError::NotFound)?
        .city_id;
    let back = format!("/staff/members/{city_id}#dues");
    let Ok(reason) = PlainLine::parse(&form.reason, MAX_NOTE_CHARS) else {
        flash::push(
            &session,
            Level::Error,
            staff.ctx.t("dues-reverse-reason-required"),
        );
        return Ok(see_other(&back));
    };
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    let outcome = state
        .db
        .write(move |conn| {
            let by = Recorder { actor: &actor, ip };
            ledger::reverse(conn, entry_id, &reason, today(), &by)
        })
        .await;
    let outcome = match outcome {
        Ok(outcome) => outcome,
        // Two reversals of one entry at the same moment: the unique index refused ours.
        Err(e) if e.is_unique_violation() => Err(ReversalRefused::AlreadyReversed),
        Err(e) => return Err(e.into()),
    };
    match outcome {
        Ok(_) => flash::push(&session, Level::Success, staff.ctx.t("dues-reversed")),
        Err(refused) => flash::push(&session, Level::Error, staff.ctx.t(refused.message_key())),
    }
    Ok(see_other(&back))
}

// ------------------------------------------------------------ settings

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    fee_jpy: String,
    #[serde(default)]
    first_month: String,
    #[serde(default)]
    reminder_interval_days: String,
}

fn parse_settings(form: &SettingsForm) -> Option<DuesSettings> {
    let fee_jpy = Money::parse(&form.fee_jpy, Currency::JPY)
        .ok()
        .map(|m| m.minor_units)
        .filter(|fee| *fee <= dues_settings::MAX_FEE_JPY)?;
    let first_month = form
        .first_month
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let reminder_interval_days = form
        .reminder_interval_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=dues_settings::MAX_REMINDER_INTERVAL_DAYS).contains(d))?;
    Some(DuesSettings {
        fee_jpy,
        calendar: FiscalCalendar::starting_in(first_month),
        reminder_interval_days,
    })
}

/// Admins set the fee (for the current and later years; past years keep
/// theirs), the fiscal year's first month and the reminder interval.
#[post("/admin/dues/settings")]
async fn save_settings(
    admin: Admin,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let Some(new) = parse_settings(&form) else {
        flash::push(&session, Level::Error, admin.ctx.t("dues-settings-invalid"));
        return Ok(see_other("/staff/dues"));
    };
    let actor = admin.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let before = dues_settings::load(conn)?;
            dues_settings::save(conn, &new)?;
            if before.fee_jpy != new.fee_jpy {
                ledger::set_fee_from(conn, new.calendar.year_of(today()), &new)?;
            }
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "settings.dues",
                    entity_type: "setting",
                    entity_id: Some("dues".into()),
                    summary: dues_settings::changes(&before, &new),
                    ip,
                },
            )
        })
        .await?;
    flash::push(&session, Level::Success, admin.ctx.t("dues-settings-saved"));
    Ok(see_other("/staff/dues"))
}
