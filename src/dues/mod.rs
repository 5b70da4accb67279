//! Voluntary dues: the fee per fiscal year, a ledger of payments, waivers and
//! reversals with their allocations per year, receipts, bank-statement imports,
//! gentle reminders and reports.
//!
//! Dues never touch membership: a city that does not pay stays an active
//! member, and nothing here reads or writes its membership status.

pub mod bank_import;
pub mod city;
pub mod emails;
pub mod entries;
pub mod error;
pub mod fiscal;
pub mod forms;
mod handlers;
pub mod ledger;
pub mod models;
pub mod overview;
pub mod receipts;
pub mod reminders;
pub mod reports;
pub mod settings;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::i18n::{FluentArg, Lang};
use crate::web::page::Plain;

use fiscal::FiscalYear;
use settings::DuesSettings;

pub use city::{city_section, CityDues};
pub use error::DuesError;
pub use reports::{dashboard_summary, DashboardDues};

pub use handlers::configure;

/// `?year=2026` on the pages that show one fiscal year.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    pub year: Option<String>,
}

impl YearQuery {
    /// The year asked for, or the current fiscal year.
    pub fn year_or_current(&self, settings: &DuesSettings, today: NaiveDate) -> FiscalYear {
        self.year
            .as_deref()
            .and_then(|y| FiscalYear::parse(y).ok())
            .unwrap_or_else(|| settings.calendar.year_of(today))
    }
}

/// A message about `count` things, its plural form chosen by the count and the
/// number written with the language's digit grouping ("7,854 cities"), which
/// Fluent's own number formatting leaves out.
pub fn counted(lang: &Lang, key: &str, count: impl Plain<i64>) -> String {
    let count = count.plain();
    lang.t_with(
        key,
        &[
            ("count", FluentArg::Count(count)),
            ("number", FluentArg::Raw(lang.number(count))),
        ],
    )
}

/// How many past years the year pickers offer.
const PAST_YEARS_OFFERED: i32 = 10;

/// Years a page offers to switch to, newest first: next year (for advance
/// payments) back to ten years ago, each with its label.
fn year_choices(
    settings: &DuesSettings,
    today: NaiveDate,
    lang: &Lang,
) -> Vec<(FiscalYear, String)> {
    let current = settings.calendar.year_of(today).number();
    (current - PAST_YEARS_OFFERED..=current + 1)
        .rev()
        .map(FiscalYear::new)
        .map(|year| (year, year.label(lang)))
        .collect()
}
