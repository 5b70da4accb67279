//! Fiscal years. A fiscal year is named after the calendar year it starts in,
//! as Japanese public bodies do: with April as the first month (the default),
//! FY2026 (2026年度) runs from 1 April 2026 to 31 March 2027.

use chrono::{Datelike, NaiveDate};

use crate::domain::FieldError;
use crate::i18n::{FluentArg, Lang};

/// The association was founded in 1982: no contribution is older.
const FIRST_YEAR: i32 = 1982;
const LAST_YEAR: i32 = 2200;
/// One payment covers at most this many years (a decade of arrears is already rare).
const MAX_YEARS_PER_PAYMENT: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(i32);

impl FiscalYear {
    /// A year read from the database, where only parsed years are written.
    pub fn new(year: i32) -> FiscalYear {
        FiscalYear(year)
    }

    pub fn parse(text: &str) -> Result<FiscalYear, FieldError> {
        let digits = text.trim().trim_start_matches(['F', 'Y', 'f', 'y']);
        match digits.parse::<i32>() {
            Ok(year) if (FIRST_YEAR..=LAST_YEAR).contains(&year) => Ok(FiscalYear(year)),
            _ => Err(FieldError("error-fiscal-years-invalid")),
        }
    }

    pub fn number(self) -> i32 {
        self.0
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    /// "FY2026", "2026年度", "2026회계연도".
    pub fn label(self, lang: &Lang) -> String {
        lang.t_with(
            "dues-fiscal-year",
            &[("year", FluentArg::Raw(self.0.to_string()))],
        )
    }
}

impl std::fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The years a payment covers as staff write them: "2026", "2024-2026",
/// "2024, 2025". Sorted, without repeats.
pub fn parse_years(text: &str) -> Result<Vec<FiscalYear>, FieldError> {
    let invalid = FieldError("error-fiscal-years-invalid");
    if text.trim().is_empty() {
        return Err(FieldError("error-required"));
    }
    let mut years = Vec::new();
    for part in text.split([',', ';', ' ', '、']).filter(|p| !p.is_empty()) {
        match part.split_once(['-', '–', '~', '〜']) {
            Some((from, to)) => {
                let (from, to) = (FiscalYear::parse(from)?, FiscalYear::parse(to)?);
                if to < from || (to.0 - from.0) as usize >= MAX_YEARS_PER_PAYMENT {
                    return Err(invalid);
                }
                years.extend((from.0..=to.0).map(FiscalYear));
            }
            None => years.push(FiscalYear::parse(part)?),
        }
    }
    years.sort();
    years.dedup();
    if years.is_empty() || years.len() > MAX_YEARS_PER_PAYMENT {
        return Err(invalid);
    }
    Ok(years)
}

/// "2024-2026" for a run of years, "2023, 2025" otherwise: how a list of years
/// is written back into a form or a summary.
pub fn years_text(years: &[FiscalYear]) -> String {
    let consecutive = years.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if consecutive && years.len() > 2 => format!("{first}-{last}"),
        _ => years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// When fiscal years begin: the month set by the admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalCalendar {
    first_month: u32,
}

impl FiscalCalendar {
    /// `first_month` outside 1-12 falls back to April, the Japanese default.
    pub fn starting_in(first_month: u32) -> FiscalCalendar {
        FiscalCalendar {
            first_month: if (1..=12).contains(&first_month) {
                first_month
            } else {
                4
            },
        }
    }

    pub fn first_month(self) -> u32 {
        self.first_month
    }

    pub fn year_of(self, date: NaiveDate) -> FiscalYear {
        if date.month() >= self.first_month {
            FiscalYear(date.year())
        } else {
            FiscalYear(date.year() - 1)
        }
    }

    pub fn starts_on(self, year: FiscalYear) -> NaiveDate {
        NaiveDate::from_ymd_opt(year.0, self.first_month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn ends_on(self, year: FiscalYear) -> NaiveDate {
        self.starts_on(year.next())
            .pred_opt()
            .unwrap_or(NaiveDate::MAX)
    }

    /// "April 2026 – March 2027", "2026年4月～2027年3月".
    pub fn period(self, year: FiscalYear, lang: &Lang) -> String {
        let (start, end) = (self.starts_on(year), self.ends_on(year));
        lang.t_with(
            "dues-fiscal-year-period",
            &[
                (
                    "start",
                    FluentArg::Raw(lang.month(start.year(), start.month())),
                ),
                ("end", FluentArg::Raw(lang.month(end.year(), end.month()))),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn japanese_fiscal_years_start_in_april() {
        let april = FiscalCalendar::starting_in(4);
        assert_eq!(april.year_of(date(2026, 4, 1)), FiscalYear(2026));
        assert_eq!(april.year_of(date(2027, 3, 31)), FiscalYear(2026));
        assert_eq!(april.year_of(date(2026, 3, 31)), FiscalYear(2025));
        assert_eq!(april.ends_on(FiscalYear(2026)), date(2027, 3, 31));
        let calendar = FiscalCalendar::starting_in(1);
        assert_eq!(calendar.year_of(date(2026, 1, 1)), FiscalYear(2026));
        assert_eq!(calendar.ends_on(FiscalYear(2026)), date(2026, 12, 31));
        assert_eq!(FiscalCalendar::starting_in(13).first_month(), 4);
    }

    #[test]
    fn years_are_read_as_staff_write_them() {
        let years = |s: &str| parse_years(s).map(|ys| ys.iter().map(|y| y.0).collect::<Vec<_>>());
        assert_eq!(years("2026"), Ok(vec![2026]));
        assert_eq!(years("2024-2026"), Ok(vec![2024, 2025, 2026]));
        assert_eq!(years("2026, 2024 2025"), Ok(vec![2024, 2025, 2026]));
        assert_eq!(years("FY2025"), Ok(vec![2025]));
        assert!(years("2026-2024").is_err());
        assert!(years("1900").is_err());
        assert!(years("2000-2030").is_err(), "too many years at once");
        assert!(years("next year").is_err());
        assert_eq!(years(" "), Err(FieldError("error-required")));
    }

    #[test]
    fn years_are_written_back_compactly() {
        let ys = |v: &[i32]| v.iter().map(|y| FiscalYear(*y)).collect::<Vec<_>>();
        assert_eq!(years_text(&ys(&[2024, 2025, 2026])), "2024-2026");
        assert_eq!(years_text(&ys(&[2024, 2026])), "2024, 2026");
        assert_eq!(years_text(&ys(&[2026])), "2026");
    }
}
