//! Name normalisation for search and duplicate detection: case and accents are
//! ignored ("Ypres" = "ypres", "Malakoff" = "MALAKOFF", "Biograd na Moru" =
//! "biograd na moru", "Zürich" = "zurich"), full-width forms fold to ordinary
//! ones, and Japanese, Korean and Chinese names are compared as written.

use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed, compatibility forms folded, spaces collapsed.
///
/// Only the diacritics of Latin, Greek and Cyrillic letters are dropped: the
/// voiced marks of Japanese kana (が = か + ゛) are part of the letter, and Hangul
/// syllables are recomposed after the decomposition.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfkd().filter(|c| !is_accent(*c)).nfc().collect();
    stripped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_accent(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The key two applications or members share when they are the same city:
/// the folded name without "city of" and punctuation.
pub fn duplicate_key(name_latin: &str) -> String {
    let folded = fold(name_latin);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "city" | "of" | "the" | "town" | "municipality" | "ville" | "de"
            )
        })
        .collect();
    words.join(" ")
}

/// What the directory search compares against: both names, folded.
pub fn search_key(name_latin: &str, name_native: Option<&str>) -> String {
    match name_native {
        Some(native) if !native.trim().is_empty() => {
            format!("{} {}", fold(name_latin), fold(native))
        }
        _ => fold(name_latin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_width() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("  MALAKOFF "), "malakoff");
        assert_eq!(fold("Đà Nẵng"), "đa nang");
        assert_eq!(fold("ＨＩＲＯＳＨＩＭＡ"), "hiroshima");
        assert_eq!(fold("広島市"), "広島市");
        assert_eq!(fold("제주시"), "제주시");
        assert_eq!(fold("ながさき"), "ながさき", "kana keep their voiced marks");
    }

    #[test]
    fn duplicate_keys_match_the_same_city_written_differently() {
        assert_eq!(duplicate_key("City of Ypres"), duplicate_key("ypres"));
        assert_eq!(
            duplicate_key("Biograd na Moru"),
            duplicate_key("BIOGRAD NA MORU")
        );
        assert_eq!(duplicate_key("Des Moines"), "des moines");
        assert_ne!(duplicate_key("Hannover"), duplicate_key("Hanover Park"));
    }
}
