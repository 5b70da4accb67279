//! Sorting names as each language sorts them, for lists such as the countries.
//!
//! Code-point order puts "Åland" after "Zambia" and, in Japanese, 日本 and
//! 中国 after every name written in kana. Here a name gets a sort key:
//! - in every language, case and the accents of Latin letters count only to
//!   break ties (`Côte d'Ivoire` sorts with `Cote`);
//! - in Japanese, kana sort in the order of the syllabary (あいうえお…), the
//!   voiced marks only break ties (ガ with カ), small kana as large ones, and the
//!   long-vowel mark as the vowel it lengthens (ジョージア as じょおじあ); names
//!   that begin with kanji sort by their reading (日本 as にほん), from a short
//!   list of the kanji that begin country and region names;
//! - Hangul syllables are already in the order of the Korean alphabet.
//!
//! ICU's Japanese collation would not help with the kanji: it puts every kanji
//! after every kana (in JIS order), so 日本 would still come last. The list of
//! readings is what fixes that, and the rest is small enough to keep here
//! rather than add a collation crate and its data to the build.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use unicode_normalization::UnicodeNormalization;

/// Readings of the kanji that begin the names of countries and regions in
/// Japanese (keshvar's names and the ones admins are likely to add), longest
/// first where one begins another.
const READINGS: &[(&str, &str)] = &[
    (
        "朝鮮民主主義人民共和国",
        "ちょうせんみんしゅしゅぎじんみんきょうわこく",
    ),
    ("中華人民共和国", "ちゅうかじんみんきょうわこく"),
    ("大韓民国", "だいかんみんこく"),
    ("英国", "えいこく"),
    ("英領", "えいりょう"),
    ("米国", "べいこく"),
    ("米領", "べいりょう"),
    ("仏領", "ふつりょう"),
    ("蘭領", "らんりょう"),
    ("中央", "ちゅうおう"),
    ("中国", "ちゅうごく"),
    ("南極", "なんきょく"),
    ("赤道", "せきどう"),
    ("香港", "ほんこん"),
    ("日本", "にほん"),
    ("台湾", "たいわん"),
    ("聖庁", "せいちょう"),
    ("韓国", "かんこく"),
    ("北朝鮮", "きたちょうせん"),
    ("西", "にし"),
    ("東", "ひがし"),
    ("南", "みなみ"),
    ("北", "きた"),
];

/// The sort key of `name` in `language`, remembered: pages sort the same few
/// hundred country names on every request, and computing a key (normalisation,
/// readings) costs far more than looking it up. Sort with
/// `sort_by_cached_key(|item| key(..))`, which asks once per item.
pub fn key(language: &str, name: &str) -> Arc<SortKey> {
    if let Some(known) = remembered(language, name) {
        return known;
    }
    let computed = Arc::new(SortKey {
        letters: sort_key(language, name),
        written: name.to_string(),
    });
    remember(language, name, computed.clone());
    computed
}

/// A name's place in a language's order: its letters without accents, case or
/// voiced marks, then the name as written to break ties.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    letters: (String, String),
    written: String,
}

/// Keys kept per language; past this many names (a list of cities, say) the
/// memory is given back and filled again.
const REMEMBERED_PER_LANGUAGE: usize = 20_000;

type Memo = HashMap<String, HashMap<String, Arc<SortKey>>>;

fn memo() -> &'static Mutex<Memo> {
    static MEMO: OnceLock<Mutex<Memo>> = OnceLock::new();
    MEMO.get_or_init(Mutex::default)
}

fn remembered(language: &str, name: &str) -> Option<Arc<SortKey>> {
    let memo = memo().lock().ok()?;
    memo.get(language)?.get(name).cloned()
}

fn remember(language: &str, name: &str, key: Arc<SortKey>) {
    let Ok(mut memo) = memo().lock() else {
        return;
    };
    let names = memo.entry(language.to_string()).or_default();
    if names.len() >= REMEMBERED_PER_LANGUAGE {
        names.clear();
    }
    names.insert(name.to_string(), key);
}

/// The key that sorts `name` in `language`: first the letters without
/// accents, case or voiced marks, then the name as written.
pub fn sort_key(language: &str, name: &str) -> (String, String) {
    let name = name.trim();
    let read = if language == "ja" {
        with_reading(name)
    } else {
        name.to_string()
    };
    let mut primary = String::with_capacity(read.len());
    let mut last_vowel = None;
    for c in read.nfkd() {
        if is_mark(c) {
            continue;
        }
        let c = if c == 'ー' {
            match last_vowel {
                Some(vowel) => vowel,
                None => continue,
            }
        } else {
            to_large(to_hiragana(c))
        };
        last_vowel = vowel_of(c);
        if c.is_alphanumeric() || c == ' ' {
            primary.extend(c.to_lowercase());
        }
    }
    (primary, read.nfc().collect())
}

/// The name with the reading of its first kanji, if the list knows them.
fn with_reading(name: &str) -> String {
    READINGS
        .iter()
        .filter(|(kanji, _)| name.starts_with(kanji))
        .max_by_key(|(kanji, _)| kanji.len())
        .map(|(kanji, reading)| format!("{reading}{}", &name[kanji.len()..]))
        .unwrap_or_else(|| name.to_string())
}

/// Accents of Latin, Greek and Cyrillic letters and the kana voiced marks (after
/// decomposition): they only break ties.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{3099}' | '\u{309A}')
}

/// Katakana as hiragana: the two sort together.
fn to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Small kana sort as their large forms (ャ with ヤ, ッ with ツ).
fn to_large(c: char) -> char {
    const SMALL: &str = "ぁぃぅぇぉっゃゅょゎゕゖ";
    const LARGE: &str = "あいうえおつやゆよわかけ";
    SMALL
        .chars()
        .position(|s| s == c)
        .and_then(|i| LARGE.chars().nth(i))
        .unwrap_or(c)
}

/// The vowel a hiragana ends in, for a long-vowel mark after it.
fn vowel_of(c: char) -> Option<char> {
    if !('ぁ'..='ゖ').contains(&c) {
        return None;
    }
    const ROWS: [(char, &str); 5] = [
        ('あ', "あかさたなはまやらわ"),
        ('い', "いきしちにひみり"),
        ('う', "うくすつぬふむゆる"),
        ('え', "えけせてねへめれ"),
        ('お', "おこそとのほもよろを"),
    ];
    ROWS.iter()
        .find(|(_, row)| row.contains(c))
        .map(|(vowel, _)| *vowel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(language: &str, names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        names.sort_by_cached_key(|name| key(language, name));
        names
    }

    #[test]
    fn japanese_sorts_by_reading_with_kanji_among_the_kana() {
        assert_eq!(
            sorted(
                "ja",
                &[
                    "日本",
                    "ナミビア",
                    "ニジェール",
                    "ドイツ",
                    "中国",
                    "アメリカ合衆国"
                ]
            ),
            [
                "アメリカ合衆国",
                "中国",
                "ドイツ",
                "ナミビア",
                "ニジェール",
                "日本"
            ]
        );
        assert_eq!(
            sorted("ja", &["ジョージア", "シリア", "ジャマイカ", "スイス"]),
            ["ジャマイカ", "ジョージア", "シリア", "スイス"],
        );
        assert_eq!(
            sorted(
                "ja",
                &["北マケドニア共和国", "ギリシャ", "キプロス", "北キプロス"]
            ),
            ["北キプロス", "北マケドニア共和国", "キプロス", "ギリシャ"],
        );
    }

    #[test]
    fn accents_and_case_only_break_ties() {
        assert_eq!(
            sorted(
                "en",
                &[
                    "Zambia",
                    "Åland Islands",
                    "Côte d'Ivoire",
                    "Croatia",
                    "Cuba"
                ]
            ),
            [
                "Åland Islands",
                "Côte d'Ivoire",
                "Croatia",
                "Cuba",
                "Zambia"
            ]
        );
        assert_eq!(
            sorted("en", &["Türkiye", "Tuvalu", "Turkmenistan"]),
            ["Türkiye", "Turkmenistan", "Tuvalu"]
        );
    }

    #[test]
    fn korean_follows_the_alphabet() {
        assert_eq!(
            sorted("ko", &["일본", "가나", "대한민국", "튀르키예", "조지아"]),
            ["가나", "대한민국", "일본", "조지아", "튀르키예"]
        );
    }
}
