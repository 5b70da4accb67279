//! The file's format: its columns, the cells a spreadsheet would run as
//! formulas, and join dates as precisely as they are known.

use chrono::NaiveDate;

use crate::domain::FieldError;
use crate::membership::models::{JoinPrecision, MemberCity};

/// Excel takes a file without it for the local code page and garbles Japanese
/// and Korean names.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

// ------------------------------------------------------------ columns

/// The columns of the file, in the order the export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    MemberNumber,
    NameLatin,
    NameNative,
    CountryCode,
    Province,
    MayorName,
    MayorTitle,
    ContactName,
    Email,
    Phone,
    PostalAddress,
    Website,
    Population,
    Language,
    JoinDate,
    JoinPrecision,
    Status,
    WithdrawnOn,
    WithdrawalReason,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::MemberNumber,
        Column::NameLatin,
        Column::NameNative,
        Column::CountryCode,
        Column::Province,
        Column::MayorName,
        Column::MayorTitle,
        Column::ContactName,
        Column::Email,
        Column::Phone,
        Column::PostalAddress,
        Column::Website,
        Column::Population,
        Column::Language,
        Column::JoinDate,
        Column::JoinPrecision,
        Column::Status,
        Column::WithdrawnOn,
        Column::WithdrawalReason,
    ];

    /// The name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Column::MemberNumber => "member_number",
            Column::NameLatin => "name_latin",
            Column::NameNative => "name_native",
            Column::CountryCode => "country_code",
            Column::Province => "province",
            Column::MayorName => "mayor_name",
            Column::MayorTitle => "mayor_title",
            Column::ContactName => "contact_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::PostalAddress => "postal_address",
            Column::Website => "website",
            Column::Population => "population",
            Column::Language => "language",
            Column::JoinDate => "join_date",
            Column::JoinPrecision => "join_precision",
            Column::Status => "status",
            Column::WithdrawnOn => "withdrawn_on",
            Column::WithdrawalReason => "withdrawal_reason",
        }
    }

    pub fn parse(name: &str) -> Option<Column> {
        let name = name.trim().to_ascii_lowercase();
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// A file without these columns is refused; the others may be left out.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Column::NameLatin | Column::CountryCode | Column::JoinDate
        )
    }
}

// ------------------------------------------------------------ formula injection

/// Excel, LibreOffice and Google Sheets run a cell starting with one of these
/// as a formula (some skip a leading tab or carriage return first).
fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether the export writes the cell with a leading `'`: it would start a
/// formula, or it already looks like a neutralised one (`'=1`), which the import
/// would otherwise strip. The prefixes stack, so every cell reads back as it was.
fn needs_quote_prefix(cell: &str) -> bool {
    starts_formula(cell) || cell.strip_prefix('\'').is_some_and(needs_quote_prefix)
}

/// The cell as the export writes it: `=1+2` becomes `'=1+2`, which spreadsheets
/// show as text.
pub fn neutralise(cell: String) -> String {
    if needs_quote_prefix(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The cell as it was before [`neutralise`]: a leading `'` is dropped only where
/// the export would have added it, so `'s-Hertogenbosch` keeps its apostrophe.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

// ------------------------------------------------------------ join dates

/// A join date as precisely as the records know it, written `2019-07-01`,
/// `2019-07` or `2019`: historical lists often give the month or year only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinDate {
    pub date: NaiveDate,
    pub precision: JoinPrecision,
}

impl JoinDate {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `/` may separate too, as Excel
    /// in Japan writes dates (`2019/7/1`).
    pub fn parse(text: &str) -> Result<JoinDate, FieldError> {
        let invalid = FieldError("import-error-join-date");
        let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
        let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
            (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
                .ok_or(invalid)
        };
        let year = number(parts[0], 4..=4)?;
        let (month, day, precision) = match parts[1..] {
            [] => (1, 1, JoinPrecision::Year),
            [month] => (number(month, 1..=2)?, 1, JoinPrecision::Month),
            [month, day] => (
                number(month, 1..=2)?,
                number(day, 1..=2)?,
                JoinPrecision::Day,
            ),
            _ => return Err(invalid),
        };
        let year = i32::try_from(year).map_err(|_| invalid)?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(|date| JoinDate { date, precision })
            .ok_or(invalid)
    }

    pub fn of(city: &MemberCity) -> JoinDate {
        JoinDate {
            date: city.join_date,
            precision: city.join_precision,
        }
    }
}

impl std::fmt::Display for JoinDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pattern = match self.precision {
            JoinPrecision::Day => "%Y-%m-%d",
            JoinPrecision::Month => "%Y-%m",
            JoinPrecision::Year => "%Y",
        };
        write!(f, "{}", self.date.format(pattern))
    }
}

/// A full date, for the withdrawal.
pub fn parse_day(text: &str) -> Result<NaiveDate, FieldError> {
    match JoinDate::parse(text) {
        Ok(JoinDate {
            date,
            precision: JoinPrecision::Day,
        }) => Ok(date),
        _ => Err(FieldError("import-error-date")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+81 82 242 7831", "'+81 82 242 7831"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("'=1", "''=1"),
            ("''+1", "'''+1"),
            ("'s-Hertogenbosch", "'s-Hertogenbosch"),
            ("Hiroshima", "Hiroshima"),
            ("広島市", "広島市"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell.to_string()), written, "{cell:?}");
            assert_eq!(restore(written), cell, "{written:?}");
        }
    }

    #[test]
    fn join_dates_carry_their_precision() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (text, date, precision, written) in [
            (
                "2019-07-01",
                day(2019, 7, 1),
                JoinPrecision::Day,
                "2019-07-01",
            ),
            (
                "2019/7/1",
                day(2019, 7, 1),
                JoinPrecision::Day,
                "2019-07-01",
            ),
            ("2019-07", day(2019, 7, 1), JoinPrecision::Month, "2019-07"),
            ("1982", day(1982, 1, 1), JoinPrecision::Year, "1982"),
        ] {
            let parsed = JoinDate::parse(text).unwrap();
            assert_eq!(parsed, JoinDate { date, precision }, "{text}");
            assert_eq!(parsed.to_string(), written);
        }
        for bad in [
            "",
            "19",
            "2019-13",
            "2019-02-30",
            "July 2019",
            "7/1/2019",
            "2019-07-01-02",
            "+2019",
        ] {
            assert!(JoinDate::parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse_day("2019-07").is_err(), "a withdrawal needs its day");
    }
}
