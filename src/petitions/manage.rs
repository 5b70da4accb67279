//! Staff write and publish petitions; staff and city users record paper batches.

use super::error::PetitionError;
use super::forms::{PaperForm, PaperInput, PetitionForm};
use super::milestones;
use super::models::{Milestone, PaperBatch, Petition, PetitionStatus, Version};
use super::store::{self, Counts, NewPaperBatch, PetitionFields};
use super::supporters::{self, SentUpdate};
use super::versions;
use crate::audit::{self, Action, Actor};
use crate::auth::User;
use crate::db::{Db, DbError};
use crate::domain::{CountryCode, FieldError};
use crate::i18n::Lang;
use crate::membership::countries::{self, Country};
use crate::web::form::FormErrors;

/// Every petition with its counts, newest first.
pub async fn staff_list(db: &Db) -> Result<Vec<(Petition, Counts)>, PetitionError> {
    db.read(|conn| {
        let mut list = Vec::new();
        for petition in store::all(conn)? {
            let counts = store::counts(conn, petition.id)?;
            list.push((petition, counts));
        }
        Ok(list)
    })
    .await
}

pub async fn find(db: &Db, id: i64) -> Result<Petition, PetitionError> {
    db.read(move |conn| store::find(conn, id)?.ok_or(PetitionError::NotFound))
        .await
}

/// Creates (`id` None) or updates a petition from its form, audited; returns
/// its id. A form with errors, or a slug another petition has, is `Invalid`.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    form: &PetitionForm,
) -> Result<i64, PetitionError> {
    let fields: PetitionFields = form.parse().map_err(PetitionError::Invalid)?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = match id {
            Some(id) => Some(store::find(conn, id)?.ok_or(PetitionError::NotFound)?),
            None => None,
        };
        if let Some(id) = id {
            // The original cannot take the language of one of its translations.
            if versions::has_translation(conn, id, fields.language)? {
                let mut errors = FormErrors::default();
                errors.add("language", FieldError("petition-language-translated"));
                return Err(PetitionError::Invalid(errors));
            }
        }
        let saved_id = match id {
            Some(id) => store::update(conn, id, &fields)
                .map(|_| id)
                .map_err(slug_taken)?,
            None => store::insert(conn, &fields).map_err(slug_taken)?,
        };
        let (action, summary) = match &before {
            Some(before) => (
                Action::PetitionUpdate,
                format!(
                    "{}: status {} → {}, closes {} → {}",
                    fields.title,
                    before.status.as_str(),
                    fields.status.as_str(),
                    before.closes_on,
                    fields.closes_on
                ),
            ),
            None => (
                Action::PetitionCreate,
                format!(
                    "{} ({}), {}",
                    fields.title,
                    fields.slug,
                    fields.status.as_str()
                ),
            ),
        };
        audit::record(conn, &actor, action, saved_id, summary)?;
        Ok(saved_id)
    })
    .await
}

fn slug_taken(error: DbError) -> PetitionError {
    if error.is_unique_violation() {
        let mut errors = FormErrors::default();
        errors.add("slug", FieldError("error-slug-taken"));
        PetitionError::Invalid(errors)
    } else {
        error.into()
    }
}

/// What a petition's staff page (or a city's view of it) shows.
pub struct Detail {
    pub petition: Petition,
    pub counts: Counts,
    /// Every batch for staff (`city_id` None); a city's own otherwise.
    pub batches: Vec<PaperBatch>,
    pub countries: Vec<Country>,
    /// The names of the cities that recorded the batches: (city id, name).
    pub recorders: Vec<(i64, String)>,
    /// Its versions (the original first) and the installed languages without one.
    pub versions: Vec<Version>,
    pub missing: Vec<Lang>,
    /// Supporters to keep informed, milestones reached, updates sent.
    pub supporters: i64,
    pub milestones: Vec<Milestone>,
    pub updates: Vec<SentUpdate>,
}

pub async fn detail(
    db: &Db,
    petition_id: i64,
    city_id: Option<i64>,
) -> Result<Detail, PetitionError> {
    db.read(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        let batches = store::paper_batches(conn, petition_id, city_id)?;
        let city_ids: Vec<i64> = batches.iter().filter_map(|b| b.city_id).collect();
        let recorders = store::city_names(conn, &city_ids)?;
        let all_versions = versions::versions(conn, &petition)?;
        Ok(Detail {
            missing: versions::missing(&all_versions),
            versions: all_versions,
            supporters: supporters::count(conn, petition_id)?,
            milestones: milestones::reached(conn, petition_id)?,
            updates: supporters::sent(conn, petition_id)?,
            petition,
            counts: store::counts(conn, petition_id)?,
            batches,
            countries: countries::all(conn)?,
            recorders,
        })
    })
    .await
}

/// Who records a paper batch: staff for any city or none, a city user for their own.
pub struct Recorder {
    pub actor: Actor,
    pub city_id: Option<i64>,
}

/// Records a paper batch from its form, audited; returns its id.
pub async fn record_paper_batch(
    db: &Db,
    recorder: Recorder,
    petition_id: i64,
    form: &PaperForm,
    scan: Option<&[u8]>,
) -> Result<i64, PetitionError> {
    let known = match CountryCode::parse(&form.country) {
        Ok(code) => {
            db.read(move |conn| Ok::<_, PetitionError>(countries::find(conn, &code)?.is_some()))
                .await?
        }
        Err(_) => false,
    };
    let input = form
        .parse(scan, |_| known)
        .map_err(PetitionError::Invalid)?;
    db.transaction(move |conn| {
        let petition = store::find(conn, petition_id)?.ok_or(PetitionError::NotFound)?;
        // Paper counts towards a petition that is collecting: not a draft, not
        // one that closed (or was anonymised).
        if petition.status != PetitionStatus::Open {
            return Err(PetitionError::Refused("paper-petition-not-open"));
        }
        let batch_id = store::insert_paper_batch(conn, &new_batch(&recorder, petition_id, &input))?;
        let summary = format!(
            "{} paper signatures from {} for {}",
            input.signatures, input.country_code, petition.title
        );
        audit::record(
            conn,
            &recorder.actor,
            Action::PetitionPaperBatch,
            batch_id,
            summary,
        )?;
        Ok(batch_id)
    })
    .await
}

fn new_batch<'a>(
    recorder: &Recorder,
    petition_id: i64,
    input: &'a PaperInput,
) -> NewPaperBatch<'a> {
    NewPaperBatch {
        petition_id,
        city_id: recorder.city_id,
        recorded_by: recorder.actor.user_id,
        signatures: input.signatures,
        country_code: &input.country_code,
        collected_from: input.collected_from,
        collected_to: input.collected_to,
        handed_over_on: input.handed_over_on,
        note: input.note.as_deref(),
        scan: input.scan.clone(),
    }
}

/// A paper batch's scan, for staff or the batch's own city.
pub async fn scan(db: &Db, user: &User, batch_id: i64) -> Result<store::Scan, PetitionError> {
    let scan = db
        .read(move |conn| store::paper_scan(conn, batch_id)?.ok_or(PetitionError::NotFound))
        .await?;
    let allowed = user.role.is_staff() || (user.city_id.is_some() && user.city_id == scan.city_id);
    if allowed {
        Ok(scan)
    } else {
        Err(PetitionError::Forbidden)
    }
}
