//! The printable receipt page (for staff, and for the city that paid) and
//! emailing it to the city.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::dues::receipts::{self, parse_request_id, Receipt};
use crate::web::{render, AppError, AppState, PageCtx, SignedIn, Staff};

#[derive(Template)]
#[template(path = "dues/receipt.html")]
struct ReceiptPage {
    ctx: PageCtx,
    /// In the city's language, whoever reads it.
    receipt: Receipt,
    staff_view: bool,
    /// A fresh token per page view: sending the form twice (a double click)
    /// sends one email, while asking again from a new view sends another.
    request_id: String,
}

impl ReceiptPage {
    fn new(ctx: PageCtx, receipt: Receipt, staff_view: bool) -> ReceiptPage {
        ReceiptPage {
            ctx,
            receipt,
            staff_view,
            request_id: crate::domain::random::random_hex(12),
        }
    }
}

#[get("/staff/dues/receipts/{id}")]
pub async fn staff_receipt(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let receipt = receipts::find(&state.db, id.into_inner(), None).await?;
    render(&ReceiptPage::new(staff.ctx, receipt, true))
}

/// A city sees the receipts of its own payments only.
#[get("/city/dues/receipts/{id}")]
pub async fn city_receipt(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let receipt = receipts::find(&state.db, id.into_inner(), Some(city_id)).await?;
    render(&ReceiptPage::new(signed_in.ctx, receipt, false))
}

#[derive(Deserialize)]
struct EmailForm {
    request_id: String,
}

/// Emails the receipt to the city's contact address, in the city's language.
#[post("/staff/dues/receipts/{id}/email")]
pub async fn email_receipt(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let entry_id = id.into_inner();
    let request_id =
        parse_request_id(&form.request_id).ok_or(AppError::BadRequest("error-bad-form"))?;
    let base_url = &state.config.base_url;
    let sent = receipts::email(&state.db, &action.actor, entry_id, request_id, base_url).await;
    action.answer(sent, &format!("/staff/dues/receipts/{entry_id}"), |to| {
        action.ctx.t1("dues-receipt-emailed", "email", to)
    })
}
