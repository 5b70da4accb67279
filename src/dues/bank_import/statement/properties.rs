//! Property tests of the bank statement reader: whatever the bytes, no panic,
//! and what it returns is what the matching and the ledger may rely on.
//! `PROPTEST_CASES=…` runs them longer.

use proptest::prelude::*;

use super::*;
use crate::domain::properties::{config, pieces};

const TOKENS: &[&str] = &[
    ",",
    "\t",
    "\"",
    "\n",
    "\r\n",
    "2026-05-10",
    "2026/06/01",
    "2026.06.01",
    "20260601",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "2,000",
    "15.50",
    "-500",
    "0",
    "1e9",
    "99999999999999999999",
    "JPY",
    "usd",
    "EUR",
    "KWD",
    "XXX",
    "MEMBER 00001 YPRES",
    "ヒロシマシ",
    "\u{0}",
    "\u{7}",
    "\u{feff}",
    " ",
    "=1+1",
    "date,amount,currency",
];

fn statement() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => pieces(TOKENS).prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..400),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_statement_is_refused_or_read_into_clean_rows(bytes in statement()) {
        let Ok(rows) = read_statement(&bytes) else { return Ok(()) };
        prop_assert!(!rows.is_empty() && rows.len() <= MAX_ROWS);
        let mut previous = 0;
        for row in &rows {
            prop_assert!(row.line_number > previous, "lines in order");
            previous = row.line_number;
            prop_assert!(row.description.chars().count() <= MAX_DESCRIPTION_CHARS);
            prop_assert!(!row.description.chars().any(char::is_control), "{:?}", row.description);
            prop_assert_eq!(row.description.trim(), row.description.as_str());
            prop_assert!(!row.description.contains("  "));
            if let Ok(transfer) = &row.reading {
                prop_assert!(transfer.money.minor_units > 0, "{transfer:?}");
            }
        }
    }

    #[test]
    fn well_formed_transfers_are_read_as_written(
        transfers in proptest::collection::vec(
            (2000..2100i32, 1..=12u32, 1..=28u32, 1..10_000_000i64, "[A-Z0-9 ]{0,40}"),
            1..30,
        )
    ) {
        let mut file = String::from("date,amount,currency,description\n");
        for (year, month, day, yen, text) in &transfers {
            file.push_str(&format!("{year}-{month:02}-{day:02},{yen},JPY,{text}\n"));
        }
        let rows = read_statement(file.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(rows.len(), transfers.len());
        for (row, (year, month, day, yen, text)) in rows.iter().zip(&transfers) {
            let transfer = row.reading.as_ref().map_err(|e| TestCaseError::fail(*e))?;
            prop_assert_eq!(transfer.money, Money::jpy(*yen));
            prop_assert_eq!(transfer.received_on, NaiveDate::from_ymd_opt(*year, *month, *day).unwrap());
            prop_assert_eq!(&row.description, &clean_text(text, MAX_DESCRIPTION_CHARS));
        }
    }
}
