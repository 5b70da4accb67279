//! A petition in several languages with one counter: the petition's own row is
//! the original (its `language`), and each other installed language may have a
//! translation of its title, summary and text. Signatures, counts, goal and
//! exports belong to the petition, so every version shows the same numbers.
//! A visitor reads the version in their language, else the original.

use diesel::prelude::*;

use super::error::PetitionError;
use super::models::{Petition, Translation, Version};
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::i18n::Lang;
use crate::schema::petition_translations;

/// The translations of a petition (not the original).
pub fn translations(conn: &mut DbConn, petition_id: i64) -> DbResult<Vec<Translation>> {
    Ok(petition_translations::table
        .filter(petition_translations::petition_id.eq(petition_id))
        .order(petition_translations::language.asc())
        .select(Translation::as_select())
        .load(conn)?)
}

/// Every version of a petition: the original first, then its translations in
/// the order of the installed languages.
pub fn versions(conn: &mut DbConn, petition: &Petition) -> DbResult<Vec<Version>> {
    let translated: Vec<Version> = translations(conn, petition.id)?
        .iter()
        .filter_map(Translation::version)
        .collect();
    let mut all = vec![petition.original()];
    for lang in Lang::all() {
        if let Some(version) = translated
            .iter()
            .find(|v| v.lang == *lang && *lang != petition.original_lang())
        {
            all.push(version.clone());
        }
    }
    Ok(all)
}

/// The version for a reader of `lang`: theirs if there is one, else the original.
pub fn pick(versions: &[Version], lang: Lang) -> Version {
    versions
        .iter()
        .find(|v| v.lang == lang)
        .or_else(|| versions.iter().find(|v| v.is_original))
        .or(versions.first())
        .cloned()
        .unwrap_or_else(|| Version {
            lang,
            title: String::new(),
            summary: String::new(),
            body_markdown: String::new(),
            is_original: true,
        })
}

/// The version of `petition` for a reader of `lang`.
pub fn version_in(conn: &mut DbConn, petition: &Petition, lang: Lang) -> DbResult<Version> {
    if lang == petition.original_lang() {
        return Ok(petition.original());
    }
    let translated = petition_translations::table
        .filter(petition_translations::petition_id.eq(petition.id))
        .filter(petition_translations::language.eq(lang.code()))
        .select(Translation::as_select())
        .first(conn)
        .optional()?;
    Ok(translated
        .and_then(|t| t.version())
        .unwrap_or_else(|| petition.original()))
}

/// Installed languages that have no version of the petition yet.
pub fn missing(versions: &[Version]) -> Vec<Lang> {
    Lang::all()
        .iter()
        .copied()
        .filter(|lang| !versions.iter().any(|v| v.lang == *lang))
        .collect()
}

// ------------------------------------------------------------ staff

/// A translation as staff write it, parsed (`forms::TranslationForm`).
pub struct TranslationFields {
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
}

/// The petition and its translation into `lang`, if any, for the form. The
/// original is edited with the petition itself: asking for it is a bad request.
pub async fn editor(
    db: &Db,
    petition_id: i64,
    lang: Lang,
) -> Result<(Petition, Option<Translation>), PetitionError> {
    db.read(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        if lang == petition.original_lang() {
            return Err(PetitionError::BadRequest("petition-version-is-original"));
        }
        let translation = translations(conn, petition_id)?
            .into_iter()
            .find(|t| t.language == lang.code());
        Ok((petition, translation))
    })
    .await
}

/// Adds or replaces the translation of a petition into `lang`, audited.
pub async fn save_translation(
    db: &Db,
    actor: &Actor,
    petition_id: i64,
    lang: Lang,
    fields: TranslationFields,
) -> Result<(), PetitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        if lang == petition.original_lang() {
            return Err(PetitionError::BadRequest("petition-version-is-original"));
        }
        let now = crate::domain::clock::now();
        let of_lang = petition_translations::table
            .filter(petition_translations::petition_id.eq(petition_id))
            .filter(petition_translations::language.eq(lang.code()));
        let updated = diesel::update(of_lang)
            .set((
                petition_translations::title.eq(&fields.title),
                petition_translations::summary.eq(&fields.summary),
                petition_translations::body_markdown.eq(&fields.body_markdown),
                petition_translations::updated_at.eq(now),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(petition_translations::table)
                .values((
                    petition_translations::petition_id.eq(petition_id),
                    petition_translations::language.eq(lang.code()),
                    petition_translations::title.eq(&fields.title),
                    petition_translations::summary.eq(&fields.summary),
                    petition_translations::body_markdown.eq(&fields.body_markdown),
                    petition_translations::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        let summary = format!(
            "{} version of {}: {}",
            lang.code(),
            petition.title,
            fields.title
        );
        audit::record(
            conn,
            &actor,
            Action::PetitionTranslate,
            petition_id,
            summary,
        )?;
        Ok(())
    })
    .await
}

/// Removes the translation of a petition into `lang`, audited; its readers
/// see the original again.
pub async fn remove_translation(
    db: &Db,
    actor: &Actor,
    petition_id: i64,
    lang: Lang,
) -> Result<(), PetitionError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let removed = diesel::delete(
            petition_translations::table
                .filter(petition_translations::petition_id.eq(petition_id))
                .filter(petition_translations::language.eq(lang.code())),
        )
        .execute(conn)?;
        if removed == 0 {
            return Err(PetitionError::NotFound);
        }
        let summary = format!("{} version of {} removed", lang.code(), petition.title);
        audit::record(
            conn,
            &actor,
            Action::PetitionTranslate,
            petition_id,
            summary,
        )?;
        Ok(())
    })
    .await
}

/// Whether `petition_id` has a translation into `lang` (the original cannot
/// move to a language that has one: there would be two versions of it).
pub fn has_translation(conn: &mut DbConn, petition_id: i64, lang: Lang) -> DbResult<bool> {
    let count: i64 = petition_translations::table
        .filter(petition_translations::petition_id.eq(petition_id))
        .filter(petition_translations::language.eq(lang.code()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}
