//! Staff's list of exhibitions with its month view, and registering an
//! exhibition for a member city.

use std::collections::BTreeMap;

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use chrono::Datelike;
use serde::Deserialize;

use super::form_page::FormPage;
use crate::audit::StaffAction;
use crate::exhibitions::calendar::{self, Item, Week};
use crate::exhibitions::error::ExhibitionError;
use crate::exhibitions::forms::ExhibitionForm;
use crate::exhibitions::models::{Exhibition, Status};
use crate::exhibitions::{registration, views};
use crate::web::form::FormErrors;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    month: String,
    /// "1": the month view also shows when poster sets are away on loan.
    #[serde(default)]
    loans: String,
}

#[derive(Template)]
#[template(path = "exhibitions/staff_list.html")]
struct ListPage {
    ctx: PageCtx,
    exhibitions: Vec<Exhibition>,
    holders: BTreeMap<i64, String>,
    statuses: &'static [Status],
    status: String,
    month_label: String,
    previous_month: String,
    next_month: String,
    /// The month shown, as the query writes it (`2031-08`).
    month: String,
    weeks: Vec<Week>,
    weekdays: Vec<String>,
    /// Whether the month view shows the loans' windows.
    loans: bool,
}

impl ListPage {
    /// Nothing is open in the month (no bar in any week).
    fn calendar_is_empty(&self) -> bool {
        self.weeks.iter().all(|w| w.lanes.is_empty())
    }

    fn holder(&self, id: &i64) -> &str {
        self.holders.get(id).map(String::as_str).unwrap_or("")
    }
}

/// What the month view draws: the exhibitions, and the loans when asked for.
fn calendar_items(ctx: &PageCtx, list: &views::StaffList) -> Vec<Item> {
    let exhibitions = list
        .in_month
        .iter()
        .map(|e| Item::exhibition(e, &list.holders));
    let loans = list.loans.iter().map(|w| Item {
        exhibition_id: w.exhibition_id,
        label: ctx.t2(
            "navphone-calendar-loan",
            "code",
            &w.set_code,
            "title",
            &w.exhibition_title,
        ),
        from: w.ships_on,
        to: w.returns_on,
        loan: true,
    });
    exhibitions.chain(loans).collect()
}

#[get("/staff/exhibitions")]
pub async fn list_page(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let first = calendar::first_of_month(&query.month);
    let last = calendar::last_of_month(first);
    let loans = query.loans == "1";
    let status = Status::parse(&query.status);
    let list = views::staff_list(&state.db, status, first, last, loans).await?;
    let ctx = staff.ctx;
    render(&ListPage {
        month_label: ctx.lang.month(first.year(), first.month()),
        previous_month: calendar::add_months(first, -1).format("%Y-%m").to_string(),
        next_month: calendar::add_months(first, 1).format("%Y-%m").to_string(),
        month: first.format("%Y-%m").to_string(),
        weeks: calendar::month_grid(first, &calendar_items(&ctx, &list)),
        loans,
        weekdays: (1..=7)
            .map(|d| ctx.t(&format!("exh-weekday-{d}")))
            .collect(),
        ctx,
        exhibitions: list.exhibitions,
        holders: list.holders,
        statuses: Status::ALL,
        status: query.status.clone(),
    })
}

#[get("/staff/exhibitions/new")]
pub async fn new_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = ExhibitionForm {
        format: "loan".into(),
        poster_language: staff.ctx.lang.code(),
        ..ExhibitionForm::default()
    };
    let errors = FormErrors::default();
    FormPage::render(staff.ctx, &state, form, errors, "/staff/exhibitions", None).await
}

#[post("/staff/exhibitions")]
pub async fn create(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let base_url = &state.config.base_url;
    match registration::register_by_number(&state.db, &action.actor, form.clone(), base_url).await {
        Ok(id) => Ok(action.done(
            action.t("exh-registered"),
            &format!("/staff/exhibitions/{id}"),
        )),
        Err(ExhibitionError::Invalid(errors)) => {
            FormPage::render(action.ctx, &state, form, errors, "/staff/exhibitions", None).await
        }
        Err(error) => Err(error.into()),
    }
}
