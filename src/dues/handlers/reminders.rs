//! The reminders page and its run, and turning a city's reminders off or on
//! (by staff, or by the city itself).

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::{AdminAction, CityAction, StaffAction};
use crate::domain::clock::today;
use crate::dues::fiscal::FiscalYear;
use crate::dues::reminders::{self, Confirmed, ReminderPlan};
use crate::dues::settings::{self as dues_settings, PaymentContact};
use crate::dues::{counted, year_choices, YearQuery};
use crate::web::page::Plain;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "dues/reminders.html")]
struct RemindersPage {
    ctx: PageCtx,
    plan: ReminderPlan,
    year_label: String,
    years: Vec<(FiscalYear, String)>,
    interval_days: i64,
    contact: PaymentContact,
}

/// Cities listed by name on the reminders page, per group: enough to check,
/// few enough that the page stays light with thousands of members.
const LISTED_CITIES: usize = 100;

impl RemindersPage {
    fn counted(&self, key: &str, count: impl Plain<i64>) -> String {
        counted(&self.ctx.lang, key, count)
    }

    fn listed<'a, T>(&self, cities: &'a [T]) -> &'a [T] {
        &cities[..cities.len().min(LISTED_CITIES)]
    }

    /// "Send 3 reminders in 2 languages for 2026" beside the box staff tick.
    fn confirm_label(&self) -> String {
        let lang = &self.ctx.lang;
        let count = i64::try_from(self.plan.to_remind.len()).unwrap_or(i64::MAX);
        let languages = i64::try_from(self.plan.languages()).unwrap_or(i64::MAX);
        lang.t_with(
            "secretariat-reminders-confirm",
            &[
                ("count", count.into()),
                ("number", crate::i18n::FluentArg::Raw(lang.number(count))),
                ("languages", languages.into()),
                ("year", self.year_label.clone().into()),
            ],
        )
    }

    /// "… and 7,754 more" under a list that was cut.
    fn not_listed(&self, total: usize) -> Option<String> {
        let more = total.checked_sub(LISTED_CITIES).filter(|n| *n > 0)?;
        Some(self.counted(
            "dues-reminders-more",
            i64::try_from(more).unwrap_or(i64::MAX),
        ))
    }
}

#[get("/staff/dues/reminders")]
pub async fn reminders_page(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (plan, settings, contact) = reminders::plan_for(&state.db, query.into_inner()).await?;
    let lang = staff.ctx.lang;
    render(&RemindersPage {
        contact,
        year_label: plan.year.label(&lang),
        years: year_choices(&settings, today(), &lang),
        interval_days: settings.reminder_interval_days,
        ctx: staff.ctx,
        plan,
    })
}

#[derive(Deserialize)]
struct SendForm {
    year: String,
    /// The number of reminders the page announced, ticked by staff; without
    /// it nothing is sent.
    #[serde(default)]
    confirm: String,
}

#[post("/staff/dues/reminders")]
pub async fn send_reminders(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AppError> {
    let year = FiscalYear::parse(&form.year).map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let back = format!("/staff/dues/reminders?year={year}");
    let Ok(reminders) = form.confirm.trim().parse::<usize>() else {
        return Ok(action.refused(action.t("secretariat-confirm-missing"), &back));
    };
    let confirmed = Some(Confirmed { year, reminders });
    let base_url = &state.config.base_url;
    let sent = reminders::run(&state.db, &action.actor, year, confirmed, base_url).await;
    action.answer(sent, &back, |sent| {
        let sent = i64::try_from(*sent).unwrap_or(i64::MAX);
        counted(&action.ctx.lang, "dues-reminders-sent", sent)
    })
}

#[derive(Deserialize)]
struct OptOutForm {
    /// "off" turns reminders off, "on" turns them back on.
    reminders: String,
}

impl OptOutForm {
    fn opt_out(&self) -> Result<bool, AppError> {
        match self.reminders.as_str() {
            "off" => Ok(true),
            "on" => Ok(false),
            _ => Err(AppError::BadRequest("error-bad-form")),
        }
    }

    /// What the next page says, whether or not anything changed.
    fn message_key(&self) -> &'static str {
        match self.opt_out() {
            Ok(true) => "dues-reminders-turned-off",
            _ => "dues-reminders-turned-on",
        }
    }
}

#[post("/staff/dues/cities/{id}/reminders")]
pub async fn staff_set_opt_out(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<OptOutForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = id.into_inner();
    let opt_out = form.opt_out()?;
    let changed = reminders::set_city_opt_out(&state.db, &action.actor, city_id, opt_out).await;
    let back = format!("/staff/members/{city_id}#dues");
    action.answer(changed, &back, |_| action.t(form.message_key()))
}

/// A city turns the reminders off (or on again) itself.
#[post("/city/dues/reminders")]
pub async fn city_set_opt_out(
    action: CityAction,
    state: web::Data<AppState>,
    form: web::Form<OptOutForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = action.own_city()?;
    let opt_out = form.opt_out()?;
    let changed = reminders::set_city_opt_out(&state.db, &action.actor, city_id, opt_out).await;
    action.answer(changed, "/city/dues", |_| action.t(form.message_key()))
}

#[derive(Deserialize)]
struct PaymentContactForm {
    #[serde(default)]
    bank_details: String,
    #[serde(default)]
    contact: String,
}

/// Admins set the bank details and the contact address the reminders print.
#[post("/admin/dues/payment-contact")]
pub async fn save_payment_contact(
    action: AdminAction,
    state: web::Data<AppState>,
    form: web::Form<PaymentContactForm>,
) -> Result<HttpResponse, AppError> {
    let back = "/staff/dues/reminders#payment-contact";
    let bank = dues_settings::MAX_BANK_DETAILS_CHARS;
    let contact = match (
        crate::domain::MultiLine::parse(&form.bank_details, bank),
        crate::domain::EmailAddress::parse(&form.contact),
    ) {
        (Ok(bank_details), Ok(contact)) => PaymentContact {
            bank_details: Some(bank_details),
            contact: Some(contact),
        },
        _ => return Ok(action.refused(action.t("secretariat-payment-contact-invalid"), back)),
    };
    let saved = reminders::save_payment_contact(&state.db, &action.actor, contact).await;
    action.answer(saved, back, |_| {
        action.t("secretariat-payment-contact-saved")
    })
}
