//! Matching a bank text to a city: by the member number in it, by a
//! reference the city used before, or by the city's name.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::{DbConn, DbResult};
use crate::dues::models::EntryKind;
use crate::membership::names;
use crate::schema::{dues_entries, member_cities};

/// Names shorter than this ("Ur") would match inside ordinary words.
const MIN_NAME_KEY_CHARS: usize = 3;

/// How a row was matched to a city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    MemberNumber,
    Reference,
    Name,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::MemberNumber => "member_number",
            MatchedBy::Reference => "reference",
            MatchedBy::Name => "name",
        }
    }

    pub fn label_key(text: &str) -> &'static str {
        match text {
            "member_number" => "dues-import-matched-number",
            "reference" => "dues-import-matched-reference",
            "name" => "dues-import-matched-name",
            _ => "dues-import-matched-staff",
        }
    }
}

/// Finds the city a bank text speaks of.
pub struct Matcher {
    by_number: HashMap<i32, i64>,
    /// Folded references of earlier payments, when only one city used them.
    by_reference: HashMap<String, Option<i64>>,
    /// City names as word lists, indexed by their first word.
    by_first_word: HashMap<String, Vec<(Vec<String>, i64)>>,
}

fn words(text: &str) -> Vec<String> {
    names::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Matcher {
    pub fn new(cities: &[(i64, i32, String)], references: &[(String, i64)]) -> Matcher {
        let mut by_first_word: HashMap<String, Vec<(Vec<String>, i64)>> = HashMap::new();
        for (id, _, name) in cities {
            let key = names::duplicate_key(name);
            let key_words: Vec<String> = key.split(' ').map(str::to_string).collect();
            if key.chars().count() < MIN_NAME_KEY_CHARS {
                continue;
            }
            if let Some(first) = key_words.first().cloned() {
                by_first_word
                    .entry(first)
                    .or_default()
                    .push((key_words, *id));
            }
        }
        let mut by_reference: HashMap<String, Option<i64>> = HashMap::new();
        for (reference, city_id) in references {
            let key = words(reference).join(" ");
            if key.is_empty() {
                continue;
            }
            let entry = by_reference.entry(key).or_insert(Some(*city_id));
            if *entry != Some(*city_id) {
                *entry = None;
            }
        }
        Matcher {
            by_number: cities
                .iter()
                .map(|(id, number, _)| (*number, *id))
                .collect(),
            by_reference,
            by_first_word,
        }
    }

    pub fn load(conn: &mut DbConn) -> DbResult<Matcher> {
        let cities: Vec<(i64, i32, String)> = member_cities::table
            .select((
                member_cities::id,
                member_cities::member_number,
                member_cities::name_latin,
            ))
            .load(conn)?;
        let references: Vec<(String, i64)> = dues_entries::table
            .filter(dues_entries::kind.eq(EntryKind::Payment.as_str()))
            .filter(dues_entries::reference.is_not_null())
            .select((
                dues_entries::reference.assume_not_null(),
                dues_entries::city_id,
            ))
            .load(conn)?;
        Ok(Matcher::new(&cities, &references))
    }

    /// The city of `text`, when exactly one fits: first a member number as
    /// printed (five digits, "00042"), then a reference the city used before,
    /// then the city's name among the words.
    pub fn find(&self, text: &str) -> Option<(i64, MatchedBy)> {
        self.by_member_number(text)
            .map(|id| (id, MatchedBy::MemberNumber))
            .or_else(|| self.by_reference(text).map(|id| (id, MatchedBy::Reference)))
            .or_else(|| self.by_name(text).map(|id| (id, MatchedBy::Name)))
    }

    fn by_member_number(&self, text: &str) -> Option<i64> {
        let found: HashSet<i64> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|token| token.len() == 5)
            .filter_map(|token| token.parse::<i32>().ok())
            .filter_map(|number| self.by_number.get(&number).copied())
            .collect();
        single(found)
    }

    fn by_reference(&self, text: &str) -> Option<i64> {
        self.by_reference
            .get(&words(text).join(" "))
            .copied()
            .flatten()
    }

    fn by_name(&self, text: &str) -> Option<i64> {
        let text_words = words(text);
        let mut found = HashSet::new();
        for (start, word) in text_words.iter().enumerate() {
            for (key_words, city_id) in self.by_first_word.get(word).into_iter().flatten() {
                if text_words[start..].starts_with(key_words) {
                    found.insert(*city_id);
                }
            }
        }
        single(found)
    }
}

fn single(found: HashSet<i64>) -> Option<i64> {
    let mut ids = found.into_iter();
    match (ids.next(), ids.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        Matcher::new(
            &[
                (1, 1, "Ypres".into()),
                (2, 2, "Hannover".into()),
                (3, 3, "Des Moines".into()),
                (4, 4, "Hanover Park".into()),
            ],
            &[("CITY TREASURY 4471".into(), 2)],
        )
    }

    #[test]
    fn matches_by_member_number_reference_or_name() {
        let m = matcher();
        assert_eq!(
            m.find("DUES 00003 FY2026"),
            Some((3, MatchedBy::MemberNumber))
        );
        assert_eq!(
            m.find("City Treasury 4471"),
            Some((2, MatchedBy::Reference))
        );
        assert_eq!(m.find("STADT HANNOVER FRIEDEN"), Some((2, MatchedBy::Name)));
        assert_eq!(m.find("des moines iowa"), Some((3, MatchedBy::Name)));
        assert_eq!(m.find("Ville d'Ypres"), Some((1, MatchedBy::Name)));
        assert_eq!(m.find("2000 JPY"), None, "an amount is not a member number");
        assert_eq!(m.find("HANOVER PARK AND HANNOVER"), None, "ambiguous");
        assert_eq!(m.find("unknown payer"), None);
    }
}
