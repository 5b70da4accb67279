//! Recording a payment, waiving years, reversing an entry.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::domain::clock::today;
use crate::domain::{Currency, PlainLine};
use crate::dues::entries;
use crate::dues::error::DuesError;
use crate::dues::fiscal::{parse_years, years_text};
use crate::dues::forms::{parse_payment, PaymentForm, MAX_NOTE_CHARS};
use crate::dues::models::PaymentMethod;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "dues/payment_form.html")]
struct PaymentPage {
    ctx: PageCtx,
    form: PaymentForm,
    errors: FormErrors,
    city_name: Option<String>,
    currencies: Vec<Currency>,
    methods: &'static [PaymentMethod],
    /// The receipt number of the payment this one likely repeats.
    duplicate_of: Option<String>,
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
            duplicate_of: None,
        }
    }

    /// The form again with the warning about a likely duplicate and the box
    /// to record it anyway (409: nothing was recorded).
    fn likely_duplicate(
        ctx: PageCtx,
        form: PaymentForm,
        receipt: String,
    ) -> Result<HttpResponse, AppError> {
        let mut page = PaymentPage::new(ctx, form, FormErrors::default(), None);
        page.duplicate_of = Some(receipt);
        render_with_status(&page, StatusCode::CONFLICT)
    }

    /// The form again with its errors (422).
    fn with_errors(
        ctx: PageCtx,
        form: PaymentForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let page = PaymentPage::new(ctx, form, errors, None);
        render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
    }
}

#[derive(Deserialize)]
struct NewPaymentQuery {
    #[serde(default, deserialize_with = "crate::web::form::empty_as_none")]
    city: Option<i64>,
}

#[get("/staff/dues/payments/new")]
pub async fn payment_form(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<NewPaymentQuery>,
) -> Result<HttpResponse, AppError> {
    let (city, settings) = entries::new_payment(&state.db, query.city).await?;
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
    let page = PaymentPage::new(staff.ctx, form, FormErrors::default(), city_name);
    render(&page)
}

#[post("/staff/dues/payments")]
pub async fn record_payment(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<PaymentForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let parsed = match parse_payment(&form, today()) {
        Ok(parsed) => parsed,
        Err(errors) => return PaymentPage::with_errors(action.ctx, form, errors),
    };
    match entries::record_payment(&state.db, &action.actor, parsed).await {
        Ok(recorded) => {
            let message = action
                .ctx
                .t1("dues-payment-recorded", "number", recorded.receipt_number);
            Ok(action.done(
                message,
                &format!("/staff/dues/receipts/{}", recorded.entry_id),
            ))
        }
        Err(DuesError::Invalid(errors)) => PaymentPage::with_errors(action.ctx, form, errors),
        Err(DuesError::LikelyDuplicate(receipt)) => {
            PaymentPage::likely_duplicate(action.ctx, form, receipt)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct WaiverForm {
    #[serde(default)]
    years: String,
    #[serde(default)]
    reason: String,
}

#[post("/staff/dues/cities/{id}/waivers")]
pub async fn waive_years(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<WaiverForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = id.into_inner();
    let back = format!("/staff/members/{city_id}#dues");
    let (Ok(years), Ok(reason)) = (
        parse_years(&form.years),
        PlainLine::parse(&form.reason, MAX_NOTE_CHARS),
    ) else {
        return Ok(action.refused(action.t("dues-waiver-invalid"), &back));
    };
    let waived = years_text(&years);
    let result = entries::waive(&state.db, &action.actor, city_id, years, reason).await;
    action.answer(result, &back, |_| {
        action.ctx.t1("dues-waiver-recorded", "years", waived)
    })
}

#[derive(Deserialize)]
struct ReverseForm {
    #[serde(default)]
    reason: String,
}

#[post("/staff/dues/entries/{id}/reverse")]
pub async fn reverse_entry(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ReverseForm>,
) -> Result<HttpResponse, AppError> {
    let entry_id = id.into_inner();
    let city_id = entries::city_of_entry(&state.db, entry_id).await?;
    let back = format!("/staff/members/{city_id}#dues");
    let Ok(reason) = PlainLine::parse(&form.reason, MAX_NOTE_CHARS) else {
        return Ok(action.refused(action.t("dues-reverse-reason-required"), &back));
    };
    let reversed = entries::reverse(&state.db, &action.actor, entry_id, reason).await;
    action.answer(reversed, &back, |_| action.t("dues-reversed"))
}
