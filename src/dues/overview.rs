//! The overview of a fiscal year: every city asked, its status and what it
//! paid, filtered and cut into pages.

use serde::Deserialize;

use super::error::DuesError;
use super::fiscal::FiscalYear;
use super::ledger::{self, YearLedger};
use super::models::DuesStatus;
use super::reports::{self, YearSummary};
use super::settings::{self as dues_settings, DuesSettings};
use super::YearQuery;
use crate::db::Db;
use crate::domain::clock::today;
use crate::i18n::Lang;
use crate::membership::names;

const PAGE_SIZE: usize = 50;

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
pub struct CityLine {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub status: DuesStatus,
    pub paid: String,
}

/// One page of the overview, with the year's summary.
pub struct Overview {
    pub settings: DuesSettings,
    pub year: FiscalYear,
    pub summary: YearSummary,
    pub lines: Vec<CityLine>,
    /// Cities that match the filter, on every page.
    pub matching: usize,
    pub page: usize,
    pub pages: usize,
}

/// The overview of the year the filter asks for (the current one by default).
pub async fn load(db: &Db, filter: &OverviewFilter, lang: Lang) -> Result<Overview, DuesError> {
    let query = filter.clone();
    let (settings, year, summary, matching_lines) = db
        .read(move |conn| {
            let settings = dues_settings::load(conn)?;
            let year = YearQuery {
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
            Ok::<_, DuesError>((settings, year, summary, lines))
        })
        .await?;
    let matching = matching_lines.len();
    let pages = matching.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page().min(pages);
    let lines = matching_lines
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    Ok(Overview {
        settings,
        year,
        summary,
        lines,
        matching,
        page,
        pages,
    })
}
