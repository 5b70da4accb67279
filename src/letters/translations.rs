//! A letter's translations: the same letter in other installed languages than
//! its original (a Japanese original with its English and Korean versions).
//! Each has its own versions, kept at every change of its text, and its own
//! history. Officers review the original in their city's language beside it;
//! the public archive lists the letter once with its languages.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::drafts::{compare, find, History};
use super::error::LetterError;
use super::models::{Letter, LetterVersion};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::now;
use crate::i18n::Lang;
use crate::schema::{letter_translation_versions, letter_translations, letters};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_translations)]
pub struct Translation {
    pub id: i64,
    pub letter_id: i64,
    pub language: String,
    pub subject: String,
    pub body_markdown: String,
    pub signatories: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Translation {
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.language).unwrap_or_default()
    }

    pub fn body_html(&self) -> String {
        crate::domain::markdown::to_safe_html(&self.body_markdown)
    }

    pub fn signatory_lines(&self) -> Vec<&str> {
        self.signatories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The letter as it reads in this translation (addressee, dates and
    /// counts stay the letter's).
    pub fn applied_to(&self, letter: &Letter) -> Letter {
        Letter {
            subject: self.subject.clone(),
            body_markdown: self.body_markdown.clone(),
            signatories: self.signatories.clone(),
            language: self.language.clone(),
            ..letter.clone()
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_translation_versions)]
struct TranslationVersion {
    id: i64,
    translation_id: i64,
    version: i32,
    subject: String,
    body_markdown: String,
    signatories: String,
    edited_by: Option<i64>,
    created_at: NaiveDateTime,
}

impl From<TranslationVersion> for LetterVersion {
    fn from(v: TranslationVersion) -> LetterVersion {
        LetterVersion {
            id: v.id,
            letter_id: v.translation_id,
            version: v.version,
            subject: v.subject,
            addressee: String::new(),
            body_markdown: v.body_markdown,
            signatories: v.signatories,
            edited_by: v.edited_by,
            created_at: v.created_at,
        }
    }
}

/// A translation form, parsed.
#[derive(Debug, Clone)]
pub struct TranslationFields {
    pub subject: String,
    pub body_markdown: String,
    pub signatories: String,
}

// ------------------------------------------------------------ queries

/// The letter's translations (never one in its own language), by language.
pub fn of_letter(conn: &mut DbConn, letter: &Letter) -> DbResult<Vec<Translation>> {
    Ok(letter_translations::table
        .filter(letter_translations::letter_id.eq(letter.id))
        .filter(letter_translations::language.ne(&letter.language))
        .order(letter_translations::language.asc())
        .select(Translation::as_select())
        .load(conn)?)
}

pub fn find_in(conn: &mut DbConn, letter: &Letter, lang: Lang) -> DbResult<Option<Translation>> {
    if lang.code() == letter.language {
        return Ok(None);
    }
    Ok(letter_translations::table
        .filter(letter_translations::letter_id.eq(letter.id))
        .filter(letter_translations::language.eq(lang.code()))
        .select(Translation::as_select())
        .first(conn)
        .optional()?)
}

/// The languages of each letter in `ids`: its original first, then its
/// translations.
pub fn languages_of(conn: &mut DbConn, ids: &[i64]) -> DbResult<BTreeMap<i64, Vec<Lang>>> {
    let originals: Vec<(i64, String)> = letters::table
        .filter(letters::id.eq_any(ids))
        .select((letters::id, letters::language))
        .load(conn)?;
    let translated: Vec<(i64, String)> = letter_translations::table
        .filter(letter_translations::letter_id.eq_any(ids))
        .order(letter_translations::language.asc())
        .select((
            letter_translations::letter_id,
            letter_translations::language,
        ))
        .load(conn)?;
    let mut by_letter: BTreeMap<i64, Vec<Lang>> = BTreeMap::new();
    for (id, code) in originals.into_iter().chain(translated) {
        let Some(lang) = Lang::parse(&code) else {
            continue;
        };
        let langs = by_letter.entry(id).or_default();
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    Ok(by_letter)
}

fn versions(conn: &mut DbConn, translation_id: i64) -> DbResult<Vec<LetterVersion>> {
    Ok(letter_translation_versions::table
        .filter(letter_translation_versions::translation_id.eq(translation_id))
        .order(letter_translation_versions::version.asc())
        .select(TranslationVersion::as_select())
        .load(conn)?
        .into_iter()
        .map(LetterVersion::from)
        .collect())
}

fn insert_version(
    conn: &mut DbConn,
    translation_id: i64,
    version: i32,
    fields: &TranslationFields,
    actor_id: Option<i64>,
) -> DbResult<()> {
    diesel::insert_into(letter_translation_versions::table)
        .values((
            letter_translation_versions::translation_id.eq(translation_id),
            letter_translation_versions::version.eq(version),
            letter_translation_versions::subject.eq(&fields.subject),
            letter_translation_versions::body_markdown.eq(&fields.body_markdown),
            letter_translation_versions::signatories.eq(&fields.signatories),
            letter_translation_versions::edited_by.eq(actor_id),
            letter_translation_versions::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Saves a translation: version 1 when new, a new version when its text
/// changed, the same version otherwise. Returns (version, whether it is new).
fn store(
    conn: &mut DbConn,
    letter: &Letter,
    lang: Lang,
    fields: &TranslationFields,
    actor_id: Option<i64>,
) -> DbResult<(i32, bool)> {
    let at = now();
    let Some(current) = find_in(conn, letter, lang)? else {
        let id: i64 = diesel::insert_into(letter_translations::table)
            .values((
                letter_translations::letter_id.eq(letter.id),
                letter_translations::language.eq(lang.code()),
                letter_translations::subject.eq(&fields.subject),
                letter_translations::body_markdown.eq(&fields.body_markdown),
                letter_translations::signatories.eq(&fields.signatories),
                letter_translations::version.eq(1),
                letter_translations::created_at.eq(at),
                letter_translations::updated_at.eq(at),
            ))
            .returning(letter_translations::id)
            .get_result(conn)?;
        insert_version(conn, id, 1, fields, actor_id)?;
        return Ok((1, true));
    };
    let changed = current.subject != fields.subject
        || current.body_markdown != fields.body_markdown
        || current.signatories != fields.signatories;
    if !changed {
        return Ok((current.version, false));
    }
    let version = current.version + 1;
    diesel::update(letter_translations::table.find(current.id))
        .set((
            letter_translations::subject.eq(&fields.subject),
            letter_translations::body_markdown.eq(&fields.body_markdown),
            letter_translations::signatories.eq(&fields.signatories),
            letter_translations::version.eq(version),
            letter_translations::updated_at.eq(at),
        ))
        .execute(conn)?;
    insert_version(conn, current.id, version, fields, actor_id)?;
    Ok((version, true))
}

// ------------------------------------------------------------ operations

/// What the translation form starts from: the original, and the translation
/// in `lang` if there is one yet.
pub struct Draft {
    pub letter: Letter,
    pub translation: Option<Translation>,
}

/// The original and its translation into `lang` (none yet: a new one). A
/// letter has no translation into its own language.
pub async fn draft(db: &Db, id: i64, lang: Lang) -> Result<Draft, LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        if lang.code() == letter.language {
            return Err(LetterError::NotFound);
        }
        let translation = find_in(conn, &letter, lang)?;
        Ok(Draft {
            letter,
            translation,
        })
    })
    .await
}

/// Saves the translation of letter `id` into `lang`; returns its version.
/// A translation may be added or corrected after the letter is sent: it is
/// not what went to the addressees, and each change keeps a version.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: i64,
    lang: Lang,
    fields: TranslationFields,
) -> Result<i32, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let letter = find(conn, id)?;
        if lang.code() == letter.language {
            return Err(LetterError::NotFound);
        }
        let (version, changed) = store(conn, &letter, lang, &fields, actor.user_id)?;
        if changed {
            let summary = format!(
                "{} translation of \"{}\": version {version}",
                lang.code(),
                letter.subject
            );
            audit::record(conn, &actor, Action::LetterTranslationSave, id, summary)?;
        }
        Ok(version)
    })
    .await
}

/// Compares two versions of the translation of letter `id` into `lang`.
pub async fn history(
    db: &Db,
    id: i64,
    lang: Lang,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<History, LetterError> {
    let (letter, versions) = db
        .read(move |conn| {
            let letter = find(conn, id)?;
            let translation = find_in(conn, &letter, lang)?.ok_or(LetterError::NotFound)?;
            Ok::<_, LetterError>((letter, versions(conn, translation.id)?))
        })
        .await?;
    compare(letter, versions, from, to)
}
