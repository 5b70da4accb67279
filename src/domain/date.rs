//! Days typed into forms, with one rule: the form a date input sends
//! (`2026-08-06`, or `2026/08/06` as Japanese spreadsheets write it), and only
//! within the years the association's records can mean. Chrono alone accepts
//! the years 0, -1 and 99999, which no petition, letter, role, payment or
//! exhibition of the association has.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::FieldError;

/// The years a date in the records may fall in: from the bombings of 1945
/// (letters and exhibitions commemorate them) to well past any plan.
pub const YEARS: RangeInclusive<i32> = 1945..=2200;

/// A day in [`YEARS`], written `YYYY-MM-DD` or `YYYY/MM/DD` (one-digit months
/// and days too); the error says what is wrong in words a form can show.
pub fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError("error-required"));
    }
    let invalid = FieldError("error-date-invalid");
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let [year, month, day] = parts[..] else {
        return Err(invalid);
    };
    let number = |part: &str, digits: RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
            .ok_or(invalid)
    };
    let year = i32::try_from(number(year, 4..=4)?).map_err(|_| invalid)?;
    let date =
        NaiveDate::from_ymd_opt(year, number(month, 1..=2)?, number(day, 1..=2)?).ok_or(invalid)?;
    check_date(date)
}

/// A date read some other way (a typed form field) checked against [`YEARS`].
pub fn check_date(date: NaiveDate) -> Result<NaiveDate, FieldError> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(FieldError("error-date-out-of-range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_the_records_years_parse() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_date(" 2026-08-06 "), Ok(day(2026, 8, 6)));
        assert_eq!(parse_date("2026/8/6"), Ok(day(2026, 8, 6)));
        assert_eq!(parse_date("1945-08-06"), Ok(day(1945, 8, 6)));
        assert_eq!(parse_date("2200-12-31"), Ok(day(2200, 12, 31)));
    }

    #[test]
    fn other_years_and_other_shapes_are_refused_with_a_reason() {
        for far in ["0000-01-01", "1944-12-31", "2201-01-01", "9999-12-31"] {
            assert_eq!(
                parse_date(far),
                Err(FieldError("error-date-out-of-range")),
                "{far}"
            );
        }
        for bad in [
            "-0001-01-01",
            "+2026-01-01",
            "99999-01-01",
            "2026-02-30",
            "2026-13-01",
            "2026-01",
            "6/8/2026",
            "2026-08-06T00:00",
            "２０２６-08-06",
        ] {
            assert_eq!(
                parse_date(bad),
                Err(FieldError("error-date-invalid")),
                "{bad}"
            );
        }
        assert_eq!(parse_date("  "), Err(FieldError("error-required")));
    }
}
