//! Reading a bank statement: a CSV file (date, amount, currency, then the
//! bank's text), row by row, keeping the rows that cannot be read with the reason.

use chrono::NaiveDate;

use crate::domain::{Currency, Money};

/// A statement of a few thousand transfers is already a large one.
const MAX_ROWS: usize = 5_000;
const MAX_DESCRIPTION_CHARS: usize = 500;

/// One row of the statement, read or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    pub line_number: i32,
    pub description: String,
    pub reading: Result<Transfer, &'static str>,
}

/// A transfer read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub received_on: NaiveDate,
    pub money: Money,
}

/// Why a whole file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRefused(pub &'static str);

fn parse_date(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
}

/// Control characters become spaces; the text is cut to `max_chars`.
pub fn clean_text(text: &str, max_chars: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_row(fields: &[&str]) -> Result<Transfer, &'static str> {
    let [date, amount, currency, ..] = fields else {
        return Err("dues-import-problem-columns");
    };
    let received_on = parse_date(date).ok_or("dues-import-problem-date")?;
    let currency = Currency::parse(currency).map_err(|_| "dues-import-problem-currency")?;
    let money = Money::parse(amount, currency).map_err(|_| "dues-import-problem-amount")?;
    Ok(Transfer { received_on, money })
}

/// Reads a CSV statement (UTF-8, or a bank's Shift_JIS: see
/// `decode_spreadsheet`). A first row whose date cannot be read is taken as a
/// header and skipped; fields after the currency form the description.
pub fn read_statement(bytes: &[u8]) -> Result<Vec<StatementRow>, FileRefused> {
    let text =
        crate::domain::decode_spreadsheet(bytes).ok_or(FileRefused("dues-import-not-text"))?;
    let text = text.as_ref();
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.contains('\t') && !l.contains(','))
    {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| FileRefused("dues-import-unreadable"))?;
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if index == 0 && fields.first().and_then(|f| parse_date(f)).is_none() {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(FileRefused("dues-import-too-many-rows"));
        }
        let description = fields
            .get(3..)
            .map(|rest| rest.join(" "))
            .unwrap_or_default();
        rows.push(StatementRow {
            line_number: i32::try_from(index + 1).unwrap_or(i32::MAX),
            description: clean_text(&description, MAX_DESCRIPTION_CHARS),
            reading: read_row(&fields),
        });
    }
    if rows.is_empty() {
        return Err(FileRefused("dues-import-empty"));
    }
    Ok(rows)
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_keeps_those_it_cannot_read() {
        let csv = "date,amount,currency,description\n\
                   2026-05-10,\"2,000\",JPY,MEMBER 00001 YPRES\n\
                   2026/06/01,15.50,USD,STADT HANNOVER, PEACE\n\
                   yesterday,2000,JPY,???\n\
                   2026-06-02,-500,JPY,FEE\n";
        let rows = read_statement(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 4, "the header is skipped");
        assert_eq!(rows[0].line_number, 2);
        assert_eq!(rows[0].reading.as_ref().unwrap().money, Money::jpy(2000));
        assert_eq!(rows[1].description, "STADT HANNOVER PEACE");
        assert_eq!(rows[1].reading.as_ref().unwrap().money.minor_units, 1550);
        assert_eq!(rows[2].reading, Err("dues-import-problem-date"));
        assert_eq!(rows[3].reading, Err("dues-import-problem-amount"));
        assert_eq!(
            read_statement(b"%PDF-1.7\n\x00\xff\xfe\x81 binary"),
            Err(FileRefused("dues-import-not-text"))
        );
        let (shift_jis, _, _) =
            encoding_rs::SHIFT_JIS.encode("2026-05-10,2000,JPY,ヒロシマシ ヘイワスイシン\n");
        let rows = read_statement(&shift_jis).unwrap();
        assert_eq!(
            rows[0].description, "ヒロシマシ ヘイワスイシン",
            "a Japanese bank's file"
        );
        assert_eq!(
            read_statement(b"date,amount\n"),
            Err(FileRefused("dues-import-empty"))
        );
    }
}
