//! The public archive: what has been sent, filtered, beside the counts by
//! addressee state (the historical tally and the letters sent from here).

use super::error::LetterError;
use super::models::{Letter, Tally};
use super::store::{self, ArchiveFilter, StateCount};
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
}

pub async fn archive(db: &Db, filter: ArchiveFilter, lang: Lang) -> Result<Archive, LetterError> {
    db.read(move |conn| {
        let all = countries::all(conn)?;
        let name = |code: &str| country_name(&all, code, &lang);
        let letters = store::archive(conn, &filter)?
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
        options.sort_by(|a, b| lang.compare(&a.1, &b.1));
        Ok(Archive {
            letters,
            counts,
            tally_source: store::tallies(conn)?.into_iter().next(),
            years: store::archive_years(conn)?,
            countries: options,
        })
    })
    .await
}

fn country_name(all: &[Country], code: &str, lang: &Lang) -> String {
    all.iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}
