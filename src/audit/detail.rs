//! What an audit entry says about the change, in the reader's language.
//!
//! An entry's summary is either plain text (as older entries and most areas
//! write it) or a [`Detail`]: a message of the `audit-detail-*` family with its
//! values, kept as a small JSON object (`{"t":"audit-detail-…","before":"…"}`)
//! and written out in the language of whoever reads the log. The values are
//! data (names, zones, numbers); the words around them come from the
//! translation files, so a Japanese reader reads Japanese.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::i18n::{FluentArg, Lang};

/// The key of the message in a stored detail.
const KEY: &str = "t";

/// A summary made of a message key and its values.
#[derive(Debug, Clone)]
pub struct Detail {
    key: &'static str,
    args: BTreeMap<&'static str, Value>,
}

impl Detail {
    /// `key` is a message of the `audit-detail-*` family.
    pub fn new(key: &'static str) -> Detail {
        Detail {
            key,
            args: BTreeMap::new(),
        }
    }

    /// A value shown as it is (a name, a zone, a date).
    pub fn text(mut self, name: &'static str, value: impl ToString) -> Detail {
        self.args.insert(name, Value::String(value.to_string()));
        self
    }

    /// A value that is itself a message (a continent, a status), by its key.
    pub fn label(mut self, name: &'static str, key: &'static str) -> Detail {
        self.args
            .insert(name, Value::String(format!("{LABEL}{key}")));
        self
    }
}

/// Marks a value that is a message key, translated when the entry is read.
const LABEL: &str = "\u{1F}";

impl From<Detail> for String {
    fn from(detail: Detail) -> String {
        let mut object = serde_json::Map::new();
        object.insert(KEY.into(), Value::String(detail.key.into()));
        for (name, value) in detail.args {
            object.insert(name.into(), value);
        }
        Value::Object(object).to_string()
    }
}

/// A stored summary in `lang`: a detail in the reader's words, plain text as it is.
pub fn render(summary: &str, lang: &Lang) -> String {
    let Some((key, args)) = parse(summary) else {
        return summary.to_string();
    };
    let args: Vec<(&'static str, FluentArg)> = args
        .into_iter()
        .map(|(name, arg)| {
            let arg = match arg {
                Arg::Count(n) => FluentArg::Count(n),
                Arg::Text(text) => FluentArg::Str(text),
                Arg::Label(key) => FluentArg::Str(lang.t(&key)),
            };
            (name, arg)
        })
        .collect();
    lang.t_with(&key, &args)
}

/// A stored value.
enum Arg {
    Count(i64),
    Text(String),
    Label(String),
}

fn parse(summary: &str) -> Option<(String, Vec<(&'static str, Arg)>)> {
    if !summary.starts_with("{\"") {
        return None;
    }
    let Value::Object(object) = serde_json::from_str(summary).ok()? else {
        return None;
    };
    let key = object.get(KEY)?.as_str()?;
    if !key.starts_with("audit-detail-") {
        return None;
    }
    let mut args = Vec::new();
    for (name, value) in &object {
        if name == KEY {
            continue;
        }
        let arg = match value {
            Value::Number(n) => Arg::Count(n.as_i64()?),
            Value::String(s) => match s.strip_prefix(LABEL) {
                Some(label) => Arg::Label(label.to_string()),
                None => Arg::Text(s.clone()),
            },
            _ => return None,
        };
        args.push((known_name(name)?, arg));
    }
    Some((key.to_string(), args))
}

/// Argument names are `&'static str` in translations: the stored ones are
/// matched against the names details use.
fn known_name(name: &str) -> Option<&'static str> {
    const NAMES: [&str; 5] = ["before", "after", "name", "continent", "run"];
    NAMES.iter().copied().find(|known| *known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_reads_in_the_reader_s_language_and_plain_text_as_it_is() {
        let stored: String = Detail::new("audit-detail-country-add-region")
            .text("name", "Somaliland")
            .label("continent", "continent-africa")
            .into();
        let en = Lang::parse("en").unwrap();
        let ja = Lang::parse("ja").unwrap();
        assert_eq!(render(&stored, &en), "Somaliland in Africa");
        assert_eq!(render(&stored, &ja), "Somaliland（アフリカ）");
        let run: String = Detail::new("audit-detail-job-run-now")
            .text("run", 12)
            .into();
        assert_eq!(render(&run, &en), "run 12 started by hand");
        assert_eq!(render(&run, &ja), "実行 12 を手動で開始しました");
        assert_eq!(render("Ypres → Ieper", &ja), "Ypres → Ieper");
        assert_eq!(render("{\"x\": 1}", &ja), "{\"x\": 1}");
    }
}
