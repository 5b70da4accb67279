//! The public archive: what has been sent, filtered, beside the counts by
//! addressee state (the historical tally and the letters sent from here).

use std::collections::BTreeMap;

use super::error::LetterError;
use super::models::{Letter, Tally};
use super::store::{self, ArchiveFilter, StateCount};
use super::translations;
use crate::db::Db;
use crate::i18n::Lang;
use crate::membership::countries::{self, Country};

/// What the archive page shows, state names in the reader's language.
pub struct Archive {
    /// Each letter with its addressee state's name (empty for statements).
    pub letters: Vec<(Letter, String)>,
    pub counts: Vec<(StateCount, String)>,
    /// Where the historical tally comes from.
    pub tally_source: Option<Tally>,
    pub years: Vec<i32>,
    /// The states with a count, for the filter.
    pub countries: Vec<(String, String)>,
    /// The meeting that adopted a letter (its id and title in the reader's
    /// language), by letter id: the `meeting_outcomes` the meetings area keeps.
    pub adopted: std::collections::HashMap<i64, (i64, String)>,
    /// Each letter's languages, its original first (one entry per letter).
    pub languages: BTreeMap<i64, Vec<Lang>>,
}

pub async fn archive(db: &Db, filter: ArchiveFilter, lang: Lang) -> Result<Archive, LetterError> {
    db.read(move |conn| {
        let all = countries::all(conn)?;
        let name = |code: &str| country_name(&all, code, &lang);
        let letters: Vec<(Letter, String)> = store::archive(conn, &filter)?
            .into_iter()
            .map(|l| {
                let state = l.target_country.as_deref().map(name).unwrap_or_default();
                (l, state)
            })
            .collect();
        let counts: Vec<(StateCount, String)> = store::counts_by_state(conn)?
            .into_iter()
            .map(|c| {
                let label = name(&c.code);
                (c, label)
            })
            .collect();
        let mut options: Vec<(String, String)> = counts
            .iter()
            .map(|(c, label)| (c.code.clone(), label.clone()))
            .collect();
        options.sort_by_cached_key(|o| lang.sort_key(&o.1));
        let ids: Vec<i64> = letters.iter().map(|(l, _)| l.id).collect();
        let languages = translations::languages_of(conn, &ids)?;
        Ok(Archive {
            letters,
            languages,
            counts,
            tally_source: store::tallies(conn)?.into_iter().next(),
            years: store::archive_years(conn)?,
            countries: options,
            adopted: adopted_at(conn, &lang)?,
        })
    })
    .await
}

/// Which meeting adopted which letter (read from the meetings' table of
/// outcomes, not through that area, which sits above this one).
fn adopted_at(
    conn: &mut crate::db::DbConn,
    lang: &Lang,
) -> crate::db::DbResult<std::collections::HashMap<i64, (i64, String)>> {
    use crate::schema::{meeting_outcomes, meetings};
    use diesel::prelude::*;
    let rows: Vec<(i64, i64, String, Option<String>, Option<String>)> = meeting_outcomes::table
        .inner_join(meetings::table)
        .select((
            meeting_outcomes::letter_id,
            meetings::id,
            meetings::title_en,
            meetings::title_ja,
            meetings::title_ko,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(letter, meeting, en, ja, ko)| {
            let title = match lang.code().as_str() {
                "ja" => ja,
                "ko" => ko,
                _ => None,
            }
            .filter(|t| !t.is_empty())
            .unwrap_or(en);
            (letter, (meeting, title))
        })
        .collect())
}

fn country_name(all: &[Country], code: &str, lang: &Lang) -> String {
    all.iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}
