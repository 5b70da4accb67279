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

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::Loader;
use unic_langid::LanguageIdentifier;

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

    /// A UTC timestamp with its date and time of day, to the minute, in UTC.
    pub fn datetime(&self, at: NaiveDateTime) -> String {
        format!("{} {} UTC", self.date(at.date()), at.format("%H:%M"))
    }

    /// Money in integer minor units: `¥2,000`, `2,000円`, `2,000엔`, `US$15.00`.
    pub fn money(&self, minor_units: i64, currency: &str) -> String {
        let decimals = currency_decimals(currency);
        let separator = self.t("format-number-group-separator");
        let scale = 10i64.pow(decimals);
        let whole = group_digits(minor_units / scale, &separator);
        let amount = if decimals == 0 {
            whole
        } else {
            let sign = if minor_units < 0 && minor_units / scale == 0 {
                "-"
            } else {
                ""
            };
            format!(
                "{sign}{whole}{}{:0width$}",
                self.t("format-decimal-separator"),
                (minor_units % scale).abs(),
                width = decimals as usize
            )
        };
        let key = format!("format-money-{}", currency.to_ascii_lowercase());
        let args = [
            ("amount", FluentArg::Raw(amount)),
            ("currency", FluentArg::Raw(currency.to_string())),
        ];
        // A currency with its own format in the language file (¥, 円, 엔), else the ISO code.
        self.try_t_with(&key, &args)
            .unwrap_or_else(|| self.t_with("format-money-other", &args))
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

fn group_digits(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len() + 1);
    if n < 0 {
        out.push('-');
    }
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
        assert_eq!(lang("en").money(-5, "USD"), "USD -0.05");
        assert_eq!(lang("en").money(1_234_567, "JPY"), "¥1,234,567");
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
