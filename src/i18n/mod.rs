//! Translations (Fluent files under `locales/`) and the way each language writes
//! dates, numbers and money.
//!
//! Adding a language is adding one folder: `src/i18n/locales/<tag>/`, holding
//! `main.ftl` and the files of areas that keep their messages apart (the loader
//! reads every `.ftl` file of the folder).
//! Everything language-specific, including the date pattern, the digit grouping and
//! how an amount of yen is written, lives in that file, so no Rust code changes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
pub use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::Loader;
use unic_langid::LanguageIdentifier;

pub mod collate;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments show up as stray characters in
        // plain-text emails and in tests; our strings never mix text directions.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(group_whole_numbers));
        },
    };
}

/// Counts in messages ("7,854 cities") with digit grouping, which Fluent's own
/// number formatting leaves out. Every language here groups by thousands with a
/// comma; fractions are left to Fluent.
fn group_whole_numbers<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(group_digits(n.value as i64, ","))
        }
        _ => None,
    }
}

/// Every language with a file under `locales/`, English first, then by tag.
static LANGUAGES: LazyLock<Vec<Lang>> = LazyLock::new(|| {
    let mut langs: Vec<Lang> = LOCALES.locales().map(|id| Lang { id }).collect();
    langs.sort_by_key(|lang| (lang.code() != "en", lang.code()));
    langs
});

/// A language the app has a translation file for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Lang {
    id: &'static LanguageIdentifier,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::english()
    }
}

impl Lang {
    pub fn all() -> &'static [Lang] {
        &LANGUAGES
    }

    pub fn english() -> Lang {
        Lang::parse("en").expect("locales/en is the fallback language and must exist")
    }

    /// Parses a language tag (`ja`, `ko-KR`, `en-GB`) to a supported language.
    pub fn parse(tag: &str) -> Option<Lang> {
        let requested: LanguageIdentifier = tag.trim().parse().ok()?;
        LANGUAGES
            .iter()
            .copied()
            .find(|lang| lang.id.language == requested.language)
    }

    /// The best supported language for an Accept-Language header, if any.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let requested = fluent_langneg::parse_accepted_languages(header);
        let available: Vec<&LanguageIdentifier> = LANGUAGES.iter().map(|l| l.id).collect();
        let matched = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        matched.first().and_then(|id| Lang::parse(&id.to_string()))
    }

    /// The tag used in `lang` attributes, cookies and the database.
    pub fn code(&self) -> String {
        self.id.to_string()
    }

    /// The language's name in itself, for the language switcher.
    pub fn name(&self) -> String {
        self.t("language-name")
    }

    /// The translation of `key`. A missing key shows the key itself, which the
    /// tests catch (every key must exist in every language).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id, key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The translation of `key` with named arguments.
    pub fn t_with(&self, key: &str, args: &[(&'static str, FluentArg)]) -> String {
        self.try_t_with(key, args)
            .unwrap_or_else(|| key.to_string())
    }

    fn try_t_with(&self, key: &str, args: &[(&'static str, FluentArg)]) -> Option<String> {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent()))
            .collect();
        LOCALES.try_lookup_with_args(self.id, key, &args)
    }

    /// `1234567` → `1,234,567` in the language's grouping.
    pub fn number(&self, n: i64) -> String {
        group_digits(n, &self.t("format-number-group-separator"))
    }

    /// A date as the language writes it: `25 November 2026`, `2026年11月25日`.
    pub fn date(&self, date: NaiveDate) -> String {
        self.t_with(
            "format-date",
            &[
                ("year", FluentArg::Raw(date.year().to_string())),
                ("month", FluentArg::Raw(date.month().to_string())),
                (
                    "monthname",
                    FluentArg::Str(self.t(&format!("month-{}", date.month()))),
                ),
                ("day", FluentArg::Raw(date.day().to_string())),
            ],
        )
    }

    /// A month of a year, for records that only know the month (`July 2006`, `2006年7月`).
    pub fn month(&self, year: i32, month: u32) -> String {
        self.t_with(
            "format-month",
            &[
                ("year", FluentArg::Raw(year.to_string())),
                ("month", FluentArg::Raw(month.to_string())),
                (
                    "monthname",
                    FluentArg::Str(self.t(&format!("month-{month}"))),
                ),
            ],
        )
    }

    /// A UTC timestamp (as stored) shown in `zone`, to the minute, with the
    /// zone named: `3 December 2026 18:00 JST`, `2026年12月3日 18:00 JST`.
    pub fn datetime(&self, at: NaiveDateTime, zone: Tz) -> String {
        let local = zone.from_utc_datetime(&at);
        format!(
            "{} {} {}",
            self.date(local.date_naive()),
            local.format("%H:%M"),
            zone_abbreviation(&local)
        )
    }

    /// A time of day (`09:00`, UTC, as schedules keep it) in `zone` on `day`,
    /// with the zone named: `18:00 JST`.
    pub fn time_in_zone(&self, day: NaiveDate, utc: chrono::NaiveTime, zone: Tz) -> String {
        let local = zone.from_utc_datetime(&day.and_time(utc));
        format!("{} {}", local.format("%H:%M"), zone_abbreviation(&local))
    }

    /// A mayor with their office, in the language's order: `Kozo Kiyama, Mayor
    /// of Shobara`, `庄原市長 木山 耕三`, `창원시장 홍남표`. In Japanese and Korean
    /// the office is the city's own name with 長/장 when that name ends in
    /// 市, 町, 村, 区 or 시 (庄原市 → 庄原市長), else the name with 市長/시장.
    pub fn mayor_of(&self, city_latin: &str, city_native: Option<&str>, mayor: &str) -> String {
        let native = city_native.map(str::trim).filter(|name| !name.is_empty());
        let municipal = |suffixes: &[char]| native.filter(|name| name.ends_with(suffixes));
        let office = match self.code().as_str() {
            "ja" => municipal(&['市', '町', '村', '区']).map(|name| format!("{name}長")),
            "ko" => municipal(&['시']).map(|name| format!("{name}장")),
            _ => None,
        };
        let office = office.unwrap_or_else(|| {
            self.t_with(
                "format-mayor-office",
                &[("city", FluentArg::Str(city_latin.into()))],
            )
        });
        self.t_with(
            "format-mayor-of",
            &[
                ("office", FluentArg::Raw(office)),
                ("city", FluentArg::Str(city_latin.into())),
                ("mayor", FluentArg::Str(mayor.trim().into())),
            ],
        )
        .trim()
        .to_string()
    }

    /// The key that puts `name` in this language's order ([`collate`]): 日本
    /// among the other countries in Japanese, `Åland` with the A's in English.
    /// For `sort_by_cached_key` (one key per item, remembered across requests).
    pub fn sort_key(&self, name: &str) -> std::sync::Arc<collate::SortKey> {
        collate::key(&self.code(), name)
    }

    /// Money in integer minor units: `¥2,000`, `2,000円`, `2,000엔`, `US$15.00`.
    /// A negative amount carries its sign before the currency: `-¥4,000`,
    /// `-4,000円`, `-4,000엔`, `-USD 0.05` (`format-money-negative`).
    pub fn money(&self, minor_units: i64, currency: &str) -> String {
        let decimals = currency_decimals(currency);
        let separator = self.t("format-number-group-separator");
        let scale = 10i64.pow(decimals);
        let size = minor_units.unsigned_abs();
        let whole = group_digits_unsigned(size / scale as u64, &separator);
        let amount = if decimals == 0 {
            whole
        } else {
            format!(
                "{whole}{}{:0width$}",
                self.t("format-decimal-separator"),
                size % scale as u64,
                width = decimals as usize
            )
        };
        let key = format!("format-money-{}", currency.to_ascii_lowercase());
        let args = [
            ("amount", FluentArg::Raw(amount)),
            ("currency", FluentArg::Raw(currency.to_string())),
        ];
        // A currency with its own format in the language file (¥, 円, 엔), else the ISO code.
        let money = self
            .try_t_with(&key, &args)
            .unwrap_or_else(|| self.t_with("format-money-other", &args));
        if minor_units < 0 {
            self.t_with("format-money-negative", &[("money", FluentArg::Raw(money))])
        } else {
            money
        }
    }
}

/// A value passed into a translation.
#[derive(Clone, Debug)]
pub enum FluentArg {
    /// Text shown as it is.
    Str(String),
    /// Already formatted text that Fluent must not touch.
    Raw(String),
    /// A count, which drives plural forms (`one`, `other`) in the message file.
    Count(i64),
}

impl FluentArg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            FluentArg::Str(s) | FluentArg::Raw(s) => FluentValue::from(s.clone()),
            FluentArg::Count(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for FluentArg {
    fn from(s: &str) -> Self {
        FluentArg::Str(s.to_string())
    }
}

impl From<String> for FluentArg {
    fn from(s: String) -> Self {
        FluentArg::Str(s)
    }
}

impl From<i64> for FluentArg {
    fn from(n: i64) -> Self {
        FluentArg::Count(n)
    }
}

/// Decimal places of an ISO 4217 currency's minor unit.
pub fn currency_decimals(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" | "XAF" | "XOF" | "PYG" | "BIF" | "DJF"
        | "GNF" | "KMF" | "RWF" | "VUV" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// The zone's abbreviation where it has one in letters (`JST`, `KST`, `CET`,
/// `UTC`); else its offset from UTC (`UTC+04`), never a bare number.
fn zone_abbreviation(local: &chrono::DateTime<Tz>) -> String {
    use chrono::Offset;
    use chrono_tz::OffsetName;
    if let Some(abbreviation) = local.offset().abbreviation() {
        return abbreviation.to_string();
    }
    let seconds = local.offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    match minutes % 60 {
        0 => format!("UTC{sign}{:02}", minutes / 60),
        rest => format!("UTC{sign}{:02}:{rest:02}", minutes / 60),
    }
}

/// Every IANA zone name, for the time-zone choices.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}

/// A zone name from a form or the database.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

fn group_digits(n: i64, separator: &str) -> String {
    let grouped = group_digits_unsigned(n.unsigned_abs(), separator);
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn group_digits_unsigned(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len() + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// Every message key of a language file, for the completeness test.
pub fn keys_in(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).unwrap()
    }

    #[test]
    fn english_japanese_and_korean_are_available() {
        let codes: Vec<String> = Lang::all().iter().map(Lang::code).collect();
        assert_eq!(codes, ["en", "ja", "ko"]);
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let read = |tag: &str| messages_of(tag);
        let english = keys_in(&read("en"));
        assert!(
            english.len() > 50,
            "the English file should hold the app's messages"
        );
        for lang in Lang::all() {
            let keys = keys_in(&read(&lang.code()));
            let missing: Vec<&String> = english.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<&String> = keys.iter().filter(|k| !english.contains(k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has keys English lacks: {extra:?}",
                lang.code()
            );
        }
    }

    /// Every key the code and templates ask for exists (in English, and so, by
    /// the test above, in every language).
    #[test]
    fn every_key_used_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let english = keys_in(&messages_of("en"));
        let mut missing = Vec::new();
        for folder in ["src", "templates"] {
            for file in files_under(&root.join(folder)) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for key in keys_used_in(&text) {
                    if !english.contains(&key) {
                        missing.push(format!("{key} ({})", file.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the English files: {missing:#?}"
        );
    }

    /// Every `.ftl` file of one language, one after the other: each area may
    /// keep its messages in a file of its own, as the loader reads them all.
    fn messages_of(tag: &str) -> String {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n/locales")
            .join(tag);
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|file| std::fs::read_to_string(file).unwrap() + "\n")
            .collect()
    }

    fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(files_under(&path));
            } else if path
                .extension()
                .is_some_and(|e| e == "rs" || e == "html" || e == "txt")
            {
                files.push(path);
            }
        }
        files
    }

    /// String literals given to the translation calls, `FieldError`, the error
    /// variants, and the macros' label argument.
    fn keys_used_in(text: &str) -> Vec<String> {
        const CALLS: [&str; 10] = [
            "t(\"",
            "t1(\"",
            "tn(\"",
            "t_with(\"",
            "t_with(\n",
            "FieldError(\"",
            "BadRequest(\"",
            "Gone(\"",
            "=> \"",
            "\", \"field-",
        ];
        let mut keys = Vec::new();
        for call in CALLS {
            for (start, _) in text.match_indices(call) {
                let rest = text[start + call.len()..].trim_start();
                let rest = if call.ends_with("field-") {
                    &text[start + 3..]
                } else {
                    rest.trim_start_matches('"')
                };
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                if key.contains('-') && !key.starts_with('-') && !key.ends_with('-') {
                    keys.push(key);
                }
            }
        }
        keys
    }

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        assert_eq!(
            Lang::from_accept_language("ja,en-US;q=0.8"),
            Some(lang("ja"))
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR,ko;q=0.8,en;q=0.5"),
            Some(lang("ko"))
        );
        assert_eq!(Lang::from_accept_language("fr-FR,de"), None);
    }

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        assert_eq!(lang("en").money(2000, "JPY"), "¥2,000");
        assert_eq!(lang("ja").money(2000, "JPY"), "2,000円");
        assert_eq!(lang("ko").money(2000, "JPY"), "2,000엔");
        assert_eq!(lang("en").money(1550, "USD"), "USD 15.50");
        assert_eq!(lang("en").money(-5, "USD"), "-USD 0.05");
        assert_eq!(lang("en").money(1_234_567, "JPY"), "¥1,234,567");
    }

    #[test]
    fn negative_money_carries_its_sign_before_the_currency() {
        assert_eq!(lang("en").money(-4000, "JPY"), "-¥4,000");
        assert_eq!(lang("ja").money(-4000, "JPY"), "-4,000円");
        assert_eq!(lang("ko").money(-4000, "JPY"), "-4,000엔");
        assert_eq!(lang("en").money(-123_456, "USD"), "-USD 1,234.56");
        assert_eq!(
            lang("en").money(i64::MIN, "JPY"),
            "-¥9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn times_are_shown_in_a_zone_and_name_it() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        let tokyo = parse_zone("Asia/Tokyo").unwrap();
        assert_eq!(lang("en").datetime(at, tokyo), "3 December 2026 18:05 JST");
        assert_eq!(lang("ja").datetime(at, tokyo), "2026年12月3日 18:05 JST");
        let seoul = parse_zone("Asia/Seoul").unwrap();
        assert_eq!(lang("ko").datetime(at, seoul), "2026년 12월 3일 18:05 KST");
        assert_eq!(
            lang("en").datetime(at, parse_zone("UTC").unwrap()),
            "3 December 2026 09:05 UTC"
        );
        let late = at.with_hour(20).unwrap();
        assert_eq!(
            lang("en").datetime(late, tokyo),
            "4 December 2026 05:05 JST",
            "the date is the zone's too"
        );
        assert_eq!(
            lang("en").datetime(at, parse_zone("Asia/Dubai").unwrap()),
            "3 December 2026 13:05 UTC+04"
        );
        assert_eq!(parse_zone("Mars/Olympus"), None);
    }

    #[test]
    fn mayors_are_named_in_the_language_s_order() {
        assert_eq!(
            lang("ja").mayor_of("Shobara", Some("庄原市"), "木山 耕三"),
            "庄原市長 木山 耕三"
        );
        assert_eq!(
            lang("en").mayor_of("Shobara", Some("庄原市"), "Kozo Kiyama"),
            "Kozo Kiyama, Mayor of Shobara"
        );
        assert_eq!(
            lang("ko").mayor_of("Changwon", Some("창원시"), "홍남표"),
            "창원시장 홍남표"
        );
        assert_eq!(
            lang("ja").mayor_of("Ypres", Some("Ieper"), "Emmily Talpe"),
            "Ypres市長 Emmily Talpe"
        );
    }

    #[test]
    fn country_names_sort_as_the_language_sorts_them() {
        let mut names = vec![
            "日本",
            "ジョージア",
            "アメリカ合衆国",
            "大韓民国",
            "ニュージーランド",
        ];
        names.sort_by_cached_key(|name| lang("ja").sort_key(name));
        assert_eq!(
            names,
            [
                "アメリカ合衆国",
                "ジョージア",
                "大韓民国",
                "日本",
                "ニュージーランド"
            ]
        );
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(lang("en").date(date), "25 November 2026");
        assert_eq!(lang("ja").date(date), "2026年11月25日");
        assert_eq!(lang("ko").date(date), "2026년 11월 25일");
        assert_eq!(lang("ja").month(2006, 7), "2006年7月");
    }

    #[test]
    fn counts_in_messages_are_grouped() {
        assert_eq!(
            lang("en").t_with("directory-count", &[("count", 7854.into())]),
            "7,854 cities"
        );
        assert_eq!(
            lang("ja").t_with("directory-count", &[("count", 7854.into())]),
            "7,854都市"
        );
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let en = lang("en");
        assert_eq!(
            en.t_with("login-locked", &[("minutes", 1.into())]),
            "Too many failed attempts. Try again in 1 minute."
        );
        assert_eq!(
            en.t_with("login-locked", &[("minutes", 5.into())]),
            "Too many failed attempts. Try again in 5 minutes."
        );
    }
}
