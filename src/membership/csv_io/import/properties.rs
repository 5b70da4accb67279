//! Property tests of the membership import's reading of a file: whatever the
//! bytes, no panic; every problem names a line of the file; a row that parses
//! is a city every later step accepts. `PROPTEST_CASES=…` runs them longer.

use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::domain::properties::{config, pieces};

const CELL_TOKENS: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "'",
    "=SUM(A1)",
    "+81",
    "-1",
    "@x",
    "JP",
    "be",
    "X-KOSOVO",
    "ZZ",
    "2019",
    "2019-07",
    "2019-07-01",
    "2019/7/1",
    "0000",
    "9999-12-31",
    "active",
    "withdrawn",
    "day",
    "month",
    "year",
    "1",
    "9999999",
    "10000000",
    "a@b.org",
    "Hiroshima",
    "広島市",
    "예시",
    "\u{feff}",
    "\u{0}",
    "en",
    "ja",
    "ko",
    "https://example.org",
    "javascript:x",
];

const HEADERS: &[&str] = &[
    "name_latin,country_code,join_date",
    "member_number,name_latin,country_code,join_date,status,withdrawn_on,withdrawal_reason",
    "name_latin,name_native,country_code,email,phone,website,population,language,join_date,join_precision",
];

fn registry() -> Registry {
    Registry {
        countries: KnownCountries::of(&["JP", "BE", "DE", "X-KOSOVO"]),
        taken: HashSet::from([1, 2, 3]),
        in_file: HashSet::new(),
    }
}

fn file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => (proptest::sample::select(HEADERS), pieces(CELL_TOKENS))
            .prop_map(|(header, body)| format!("{header}\n{body}").into_bytes()),
        1 => pieces(CELL_TOKENS).prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..400),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_file_is_read_or_refused_and_its_rows_parse_or_say_why(bytes in file()) {
        let lines = bytes.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u64 + 1;
        let Ok(sheet) = Sheet::read(&bytes, Purpose::Add) else { return Ok(()) };
        let mut registry = registry();
        let mut previous = 0;
        for problem in &sheet.unreadable {
            prop_assert!((1..=lines).contains(&problem.line), "{problem:?} of {lines}");
        }
        for (line, record) in &sheet.rows {
            prop_assert!(*line > previous && *line <= lines, "line {line} after {previous}");
            previous = *line;
            match parse_row(&sheet, record, &mut registry) {
                Ok(city) => {
                    prop_assert!(["JP", "BE", "DE", "X-KOSOVO"].contains(&city.country_code.as_str()));
                    prop_assert!(!city.name_latin.as_str().is_empty());
                    prop_assert!(!city.name_latin.as_str().contains(['\n', '\r']));
                    if let Some(number) = city.member_number {
                        prop_assert!(MEMBER_NUMBERS.contains(&number));
                        prop_assert!(![1, 2, 3].contains(&number), "a number in use");
                    }
                    prop_assert!(Lang::parse(&city.language).is_some());
                    let written = city.joined.to_string();
                    prop_assert_eq!(JoinDate::parse(&written), Ok(city.joined));
                }
                Err(errors) => prop_assert!(!errors.0.is_empty()),
            }
        }
        let mut free = registry.free_numbers();
        prop_assert!(free.next().is_some_and(|n| n > 3));
    }

    #[test]
    fn well_formed_rows_all_import(
        rows in proptest::collection::vec(
            ("[A-Z][a-z]{1,12}( [A-Z][a-z]{1,8})?", proptest::sample::select(&["jp", "BE", " DE "][..]),
             1946..2100i32, 1..=12u32, 1..=28u32),
            1..20,
        )
    ) {
        let mut file = String::from("name_latin,country_code,join_date\r\n");
        for (name, country, year, month, day) in &rows {
            file.push_str(&format!("\"{name}\",{country},{year}-{month:02}-{day:02}\r\n"));
        }
        let sheet = Sheet::read(file.as_bytes(), Purpose::Add).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(sheet.rows.len(), rows.len());
        let mut registry = registry();
        for ((_, record), (name, _, year, month, day)) in sheet.rows.iter().zip(&rows) {
            let city = parse_row(&sheet, record, &mut registry)
                .map_err(|e| TestCaseError::fail(format!("{:?}", e.0)))?;
            prop_assert_eq!(city.name_latin.as_str(), name.as_str());
            prop_assert_eq!(city.joined.to_string(), format!("{year}-{month:02}-{day:02}"));
        }
    }
}
