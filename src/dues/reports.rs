//! Reports per fiscal year: the share of active cities that contributed, the
//! money received by currency and in yen, the same by continent with a chart
//! drawn on the server, and a CSV file of every city's position.

use std::collections::HashMap;

use diesel::prelude::*;

use super::error::DuesError;
use super::fiscal::FiscalYear;
use super::ledger::{self, YearLedger};
use super::models::{DuesStatus, EntryKind};
use super::settings::{self as dues_settings, DuesSettings};
use super::YearQuery;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::{plain_decimal, Currency};
use crate::i18n::Lang;
use crate::membership::countries::{self, Continent};
use crate::membership::models::MemberCity;
use crate::membership::statistics::CHART_WIDTH;
use crate::schema::dues_entries;

/// How the cities asked for a year stand, and the yen allocated to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearSummary {
    pub expected: i64,
    pub paid: i64,
    pub partly_paid: i64,
    pub waived: i64,
    pub unpaid: i64,
    /// Yen allocated to the year, by every city (withdrawn ones included).
    pub allocated_jpy: i64,
    pub fee_jpy: i64,
}

impl YearSummary {
    /// Whole percent of the cities asked that paid in full.
    pub fn paid_percent(&self) -> i64 {
        percent(self.paid, self.expected)
    }

    pub fn count(&self, status: &DuesStatus) -> i64 {
        match status {
            DuesStatus::Paid => self.paid,
            DuesStatus::PartlyPaid => self.partly_paid,
            DuesStatus::Waived => self.waived,
            DuesStatus::Unpaid => self.unpaid,
        }
    }
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

pub fn year_summary(ledger: &YearLedger, cities: &[MemberCity]) -> YearSummary {
    let mut summary = YearSummary {
        allocated_jpy: ledger.total_jpy(),
        fee_jpy: ledger.fee_jpy,
        ..YearSummary::default()
    };
    for city in cities {
        summary.expected += 1;
        match ledger.position(city.id).status() {
            DuesStatus::Paid => summary.paid += 1,
            DuesStatus::PartlyPaid => summary.partly_paid += 1,
            DuesStatus::Waived => summary.waived += 1,
            DuesStatus::Unpaid => summary.unpaid += 1,
        }
    }
    summary
}

/// Money that arrived during the year in one currency, net of reversals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub currency: Currency,
    pub minor_units: i64,
    pub jpy: i64,
}

/// Payments received between the year's first and last day, by currency (yen first).
pub fn received_by_currency(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
) -> DbResult<Vec<CurrencyTotal>> {
    let rows: Vec<(String, i64, i64)> = dues_entries::table
        .filter(
            dues_entries::kind.eq_any([EntryKind::Payment.as_str(), EntryKind::Reversal.as_str()]),
        )
        .filter(dues_entries::received_on.ge(settings.calendar.starts_on(year)))
        .filter(dues_entries::received_on.le(settings.calendar.ends_on(year)))
        .select((
            dues_entries::currency,
            dues_entries::amount_minor,
            dues_entries::amount_jpy,
        ))
        .load(conn)?;
    let mut totals: HashMap<Currency, (i64, i64)> = HashMap::new();
    for (code, minor, jpy) in rows {
        let currency = Currency::parse(&code).unwrap_or(Currency::JPY);
        let total = totals.entry(currency).or_default();
        total.0 += minor;
        total.1 += jpy;
    }
    let mut totals: Vec<CurrencyTotal> = totals
        .into_iter()
        .map(|(currency, (minor_units, jpy))| CurrencyTotal {
            currency,
            minor_units,
            jpy,
        })
        .collect();
    totals.sort_by_key(|t| (!t.currency.is_yen(), t.currency));
    Ok(totals)
}

/// One continent's line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinentLine {
    pub continent: Continent,
    pub expected: i64,
    pub paid: i64,
    pub allocated_jpy: i64,
}

impl ContinentLine {
    pub fn paid_percent(&self) -> i64 {
        percent(self.paid, self.expected)
    }
}

pub fn by_continent(
    conn: &mut DbConn,
    ledger: &YearLedger,
    cities: &[MemberCity],
) -> DbResult<Vec<ContinentLine>> {
    let continent_of = continent_map(conn)?;
    let mut lines: Vec<ContinentLine> = Continent::ALL
        .into_iter()
        .map(|continent| ContinentLine {
            continent,
            expected: 0,
            paid: 0,
            allocated_jpy: 0,
        })
        .collect();
    for city in cities {
        let Some(line) = continent_of
            .get(city.country_code.as_str())
            .and_then(|c| lines.iter_mut().find(|l| l.continent == *c))
        else {
            continue;
        };
        let position = ledger.position(city.id);
        line.expected += 1;
        line.allocated_jpy += position.paid_jpy;
        if position.status() == DuesStatus::Paid {
            line.paid += 1;
        }
    }
    Ok(lines)
}

fn continent_map(conn: &mut DbConn) -> DbResult<HashMap<String, Continent>> {
    Ok(countries::all(conn)?
        .into_iter()
        .map(|c| (c.code.into_string(), c.continent))
        .collect())
}

/// Everything the report of one year shows.
pub struct YearReport {
    pub year: FiscalYear,
    pub summary: YearSummary,
    pub received: Vec<CurrencyTotal>,
    pub continents: Vec<ContinentLine>,
}

pub fn year_report(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
) -> DbResult<YearReport> {
    let ledger = YearLedger::load(conn, year, settings)?;
    let cities = ledger::expected_cities(conn, year, settings)?;
    Ok(YearReport {
        year,
        summary: year_summary(&ledger, &cities),
        received: received_by_currency(conn, year, settings)?,
        continents: by_continent(conn, &ledger, &cities)?,
    })
}

/// The report of the year asked (the current one by default), with the
/// settings it was drawn with.
pub async fn report_for(
    db: &Db,
    query: YearQuery,
) -> Result<(YearReport, DuesSettings), DuesError> {
    db.read(move |conn| {
        let settings = dues_settings::load(conn)?;
        let year = query.year_or_current(&settings, today());
        Ok((year_report(conn, year, &settings)?, settings))
    })
    .await
}

/// One continent's bar in the share chart, drawn across: its label on the
/// left in a column of its own, so that long names ("Latin America and the
/// Caribbean") never run into each other as they did under upright bars.
pub struct ShareBar {
    pub y: i64,
    pub width: i64,
    pub label: String,
    pub value: i64,
}

/// The share chart's geometry: a row per continent.
pub const SHARE_ROW: i64 = 28;
pub const SHARE_BAR: i64 = 18;
/// Where the bars start: the labels are right-aligned just before.
pub const SHARE_LABEL_WIDTH: i64 = 270;
pub const SHARE_WIDTH: i64 = CHART_WIDTH;
/// Room after the longest bar for its "100%".
const SHARE_VALUE_SPACE: i64 = 50;

/// The chart's height for `rows` continents.
pub fn share_height(rows: usize) -> i64 {
    i64::try_from(rows).unwrap_or(0) * SHARE_ROW + 4
}

/// Bars on a 0-100 % scale, so that a continent where every city paid fills
/// the chart's width whatever the others did.
pub fn percent_bars(values: &[(String, i64)]) -> Vec<ShareBar> {
    let full = SHARE_WIDTH - SHARE_LABEL_WIDTH - SHARE_VALUE_SPACE;
    values
        .iter()
        .enumerate()
        .map(|(i, (label, value))| ShareBar {
            y: i64::try_from(i).unwrap_or(0) * SHARE_ROW + 2,
            width: full * (*value).clamp(0, 100) / 100,
            label: label.clone(),
            value: *value,
        })
        .collect()
}

/// A spreadsheet cell that begins like a formula is shown as text: city names
/// come from the public application form.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Every city asked for the year, with its status and what it paid.
fn report_csv_bytes(
    conn: &mut DbConn,
    year: FiscalYear,
    settings: &DuesSettings,
) -> Result<Vec<u8>, DuesError> {
    let ledger = YearLedger::load(conn, year, settings)?;
    let cities = ledger::expected_cities(conn, year, settings)?;
    let continent_of = continent_map(conn)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "fiscal_year",
            "member_number",
            "city",
            "city_native",
            "country_code",
            "continent",
            "status",
            "fee_jpy",
            "paid_jpy",
        ])
        .map_err(DuesError::internal)?;
    for city in &cities {
        let position = ledger.position(city.id);
        writer
            .write_record([
                year.to_string(),
                city.number_label(),
                spreadsheet_safe(&city.name_latin),
                spreadsheet_safe(city.name_native.as_deref().unwrap_or_default()),
                city.country_code.to_string(),
                continent_of
                    .get(city.country_code.as_str())
                    .map_or("", |c| c.as_str())
                    .to_string(),
                position.status().as_str().to_string(),
                plain_decimal(position.fee_jpy, 0),
                plain_decimal(position.paid_jpy, 0),
            ])
            .map_err(DuesError::internal)?;
    }
    writer.into_inner().map_err(DuesError::internal)
}

/// The CSV file of the year asked: its year and its bytes.
pub async fn csv_for(db: &Db, query: YearQuery) -> Result<(FiscalYear, Vec<u8>), DuesError> {
    db.read(move |conn| {
        let settings = dues_settings::load(conn)?;
        let year = query.year_or_current(&settings, today());
        Ok((year, report_csv_bytes(conn, year, &settings)?))
    })
    .await
}

/// The dues card of the staff dashboard: the current fiscal year at a glance.
pub struct DashboardDues {
    pub year_label: String,
    pub summary: YearSummary,
    pub allocated: String,
}

pub fn dashboard_summary(conn: &mut DbConn, lang: &Lang) -> DbResult<DashboardDues> {
    let settings = dues_settings::load(conn)?;
    let year = settings.calendar.year_of(today());
    let ledger = YearLedger::load(conn, year, &settings)?;
    let cities = ledger::expected_cities(conn, year, &settings)?;
    let summary = year_summary(&ledger, &cities);
    Ok(DashboardDues {
        year_label: year.label(lang),
        allocated: lang.money(summary.allocated_jpy, "JPY"),
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_to_whole_numbers() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 5), 100);
    }

    #[test]
    fn cells_that_look_like_formulas_stay_text() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("Ypres"), "Ypres");
    }

    #[test]
    fn percent_bars_use_a_full_scale_one_row_each() {
        let laid = percent_bars(&[("Asia".into(), 50), ("Europe".into(), 100)]);
        assert_eq!(laid.len(), 2);
        assert_eq!(laid[1].width, 2 * laid[0].width);
        assert!(laid
            .iter()
            .all(|b| SHARE_LABEL_WIDTH + b.width <= CHART_WIDTH));
        assert!(
            laid[1].y - laid[0].y >= SHARE_ROW,
            "labels on rows of their own"
        );
    }
}
