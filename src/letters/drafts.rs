//! Staff's operations on drafts: the list, the form's choices, creating and
//! saving (a new version whenever the text changes), and what the draft,
//! print, history and public pages show. Each runs in one transaction and
//! answers with a [`LetterError`] when it cannot do what was asked.

use super::diff::{self, Change};
use super::error::LetterError;
use super::forms::LetterForm;
use super::models::{Letter, LetterKind, LetterStatus, LetterVersion, Review};
use super::render::LetterView;
use super::review::{self, Seat, Standing};
use super::sending::SEND_REFERENCE;
use super::store::{self, LetterFields, Saved};
use super::translations::{self, Translation};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::today;
use crate::domain::FieldError;
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, OutboxMessage, Reference};
use crate::membership::countries;
use crate::membership::join::country_options;
use crate::membership::models::MemberCity;
use crate::web::form::FormErrors;

/// Countries for a select: code and name in the reader's language.
pub type Choices = Vec<(String, String)>;

/// Every letter, newest first (the staff list).
pub async fn list(db: &Db) -> Result<Vec<Letter>, LetterError> {
    db.read(|conn| Ok(store::all(conn)?)).await
}

/// The addressee states the form offers, in `lang`.
pub async fn country_choices(db: &Db, lang: Lang) -> Result<Choices, LetterError> {
    db.read(move |conn| Ok(country_options(&countries::all(conn)?, &lang)))
        .await
}

/// The form of a new letter, the current officers signing by default, the
/// states it offers, and the officer cities left out of the signatories
/// because their records have no mayor's name.
pub async fn blank_form(
    db: &Db,
    lang: Lang,
) -> Result<(LetterForm, Choices, Vec<String>), LetterError> {
    db.read(move |conn| {
        let (signatories, unnamed) = default_signatories(conn, lang)?;
        let form = LetterForm::blank(signatories);
        Ok((
            form,
            country_options(&countries::all(conn)?, &lang),
            unnamed,
        ))
    })
    .await
}

/// The form of a draft to edit; a final or sent letter cannot change.
pub async fn edit_form(db: &Db, id: i64, lang: Lang) -> Result<(LetterForm, Choices), LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        if !letter.is_editable() {
            return Err(LetterError::NotEditable);
        }
        Ok((
            LetterForm::of(&letter),
            country_options(&countries::all(conn)?, &lang),
        ))
    })
    .await
}

/// Creates a draft (version 1); returns its id.
pub async fn create(db: &Db, actor: &Actor, fields: LetterFields) -> Result<i64, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        check_state(conn, &fields)?;
        let id = store::insert(conn, &fields, actor.user_id.unwrap_or_default())?;
        let summary = format!("{} ({}), version 1", fields.subject, fields.kind.as_str());
        audit::record(conn, &actor, Action::LetterCreate, id, summary)?;
        Ok(id)
    })
    .await
}

/// Saves an edit of a draft: a new version when its text changed, the same
/// one when only its settings did.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: i64,
    fields: LetterFields,
) -> Result<Saved, LetterError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        check_state(conn, &fields)?;
        let letter = find(conn, id)?;
        let saved = store::update(conn, &letter, &fields, actor.user_id.unwrap_or_default())?;
        let (Saved::NewVersion(_) | Saved::SameVersion(_)) = saved else {
            return Err(LetterError::NotEditable);
        };
        let summary = format!(
            "{}: {}",
            fields.subject,
            what_changed(&letter, &fields, saved)
        );
        audit::record(conn, &actor, Action::LetterUpdate, id, summary)?;
        Ok(saved)
    })
    .await
}

/// An edit in words for the audit log: which parts of the text changed and
/// the settings with their old and new values.
fn what_changed(letter: &Letter, fields: &LetterFields, saved: Saved) -> String {
    let mut text = Vec::new();
    for (name, changed) in [
        ("subject", letter.subject != fields.subject),
        (
            "addressee",
            letter.addressee_name != fields.addressee_name
                || letter.addressee_title != fields.addressee_title
                || letter.addressee_emails != fields.addressee_emails,
        ),
        ("text", letter.body_markdown != fields.body_markdown),
        ("signatories", letter.signatories != fields.signatories),
    ] {
        if changed {
            text.push(name);
        }
    }
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    let mut settings = Vec::new();
    let mut setting = |name: &str, old: String, new: String| {
        if old != new {
            settings.push(format!("{name} {old} → {new}"));
        }
    };
    setting(
        "kind",
        letter.kind.as_str().into(),
        fields.kind.as_str().into(),
    );
    setting(
        "addressee state",
        letter
            .target_country
            .clone()
            .unwrap_or_else(|| "none".into()),
        fields
            .target_country
            .as_deref()
            .map_or_else(|| "none".into(), str::to_string),
    );
    setting("occasion", letter.occasion.clone(), fields.occasion.clone());
    setting(
        "occasion date",
        date(letter.occasion_on),
        date(fields.occasion_on),
    );
    setting("language", letter.language.clone(), fields.language.clone());
    setting(
        "approval rule",
        letter.approval_rule.as_str().into(),
        fields.approval_rule.as_str().into(),
    );
    setting(
        "review deadline",
        date(letter.review_deadline),
        date(fields.review_deadline),
    );
    let mut parts = Vec::new();
    match saved {
        Saved::NewVersion(version) => parts.push(format!(
            "{} changed, version {} → {version}",
            text.join(", "),
            letter.version
        )),
        _ if settings.is_empty() => parts.push(format!(
            "saved without changes (version {})",
            letter.version
        )),
        _ => {}
    }
    if !settings.is_empty() {
        parts.push(settings.join("; "));
        if !matches!(saved, Saved::NewVersion(_)) {
            parts.push(format!("text unchanged (version {})", letter.version));
        }
    }
    parts.join("; ")
}

/// A state the letter is addressed to must be one the association knows.
fn check_state(conn: &mut DbConn, fields: &LetterFields) -> Result<(), LetterError> {
    let Some(code) = &fields.target_country else {
        return Ok(());
    };
    if countries::find(conn, code)?.is_some() {
        return Ok(());
    }
    let mut errors = FormErrors::default();
    errors.add("target_country", FieldError("error-choose-country"));
    Err(LetterError::Invalid(errors))
}

pub(super) fn find(conn: &mut DbConn, id: i64) -> Result<Letter, LetterError> {
    store::find(conn, id)?.ok_or(LetterError::NotFound)
}

/// The president and vice-presidents by default, one line each (whether or not
/// they have an address for the review). An officer whose city's record has
/// no mayor's name is left out, never printed as ", Mayor of …": the cities
/// are returned apart for the form to say so.
fn default_signatories(conn: &mut DbConn, lang: Lang) -> DbResult<(String, Vec<String>)> {
    use crate::membership::models::RoleKind;
    let mut lines = Vec::new();
    let mut unnamed = Vec::new();
    for (role, city) in crate::membership::cities::current_officers(conn, today())? {
        if !matches!(role.role, RoleKind::President | RoleKind::VicePresident) || !city.is_active()
        {
            continue;
        }
        let Some(mayor) = city.mayor_name.clone().filter(|m| !m.trim().is_empty()) else {
            unnamed.push(city.name_latin.clone());
            continue;
        };
        let line = lang.t_with(
            "letter-signatory-line",
            &[
                ("mayor", FluentArg::Str(mayor.clone())),
                ("city", FluentArg::Str(city.name_latin.clone())),
                ("role", FluentArg::Str(lang.t(role.role.label_key()))),
                (
                    "mayorof",
                    FluentArg::Raw(lang.mayor_of(
                        &city.name_latin,
                        city.name_native.as_deref(),
                        &mayor,
                    )),
                ),
            ],
        );
        lines.push(line.trim().to_string());
    }
    Ok((lines.join("\n"), unnamed))
}

/// A letter with what every page about it needs: its heading's state name and count.
pub fn view_of(conn: &mut DbConn, letter: Letter) -> DbResult<LetterView> {
    let lang = letter.lang();
    let state_name = match &letter.target_country {
        Some(code) => countries::find(conn, code)?.map(|c| c.name(&lang).to_string()),
        None => None,
    };
    let count = match (&letter.target_country, letter.running_count) {
        (_, Some(count)) => Some(count),
        (Some(code), None) if letter.kind == LetterKind::Letter => {
            Some(store::next_count(conn, code)?)
        }
        _ => None,
    };
    Ok(LetterView::new(letter, state_name, count, today()))
}

/// What the staff page of a letter shows.
pub struct Detail {
    pub view: LetterView,
    /// Every current officer with their review of the current version.
    pub seats: Vec<Seat>,
    /// Answers given on earlier versions.
    pub earlier_answers: Vec<(Review, MemberCity)>,
    pub standing: Standing,
    pub translations: Vec<Translation>,
    pub deliveries: Vec<OutboxMessage>,
}

pub async fn detail(db: &Db, id: i64) -> Result<Detail, LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        let seats = review::seats(conn, &letter, today())?;
        let earlier_answers = review::answered(conn, id)?
            .into_iter()
            .filter(|(r, _)| r.version != letter.version)
            .collect();
        let standing = review::standing_of(&letter, &seats, today());
        let translations = translations::of_letter(conn, &letter)?;
        let deliveries = mail::outbox::of(conn, &Reference::new(SEND_REFERENCE, id))?;
        Ok(Detail {
            view: view_of(conn, letter)?,
            seats,
            earlier_answers,
            standing,
            translations,
            deliveries,
        })
    })
    .await
}

/// The letter as printed, drafts included (for staff).
pub async fn printable(db: &Db, id: i64) -> Result<LetterView, LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        Ok(view_of(conn, letter)?)
    })
    .await
}

/// A sent letter as the public reads it, in `lang` when it has a translation
/// into it (else in its original), with every language it has.
pub struct Published {
    pub view: LetterView,
    pub languages: Vec<Lang>,
    /// The original's language.
    pub original: Lang,
}

/// A sent letter as the public sees it; drafts are not public.
pub async fn published(db: &Db, id: i64, lang: Option<Lang>) -> Result<Published, LetterError> {
    db.read(move |conn| {
        let letter = match store::find(conn, id)? {
            Some(letter) if letter.status == LetterStatus::Sent => letter,
            _ => return Err(LetterError::NotFound),
        };
        let original = letter.lang();
        let languages = translations::languages_of(conn, &[id])?
            .remove(&id)
            .unwrap_or_default();
        let shown = match lang {
            Some(lang) => translations::find_in(conn, &letter, lang)?
                .map(|t| t.applied_to(&letter))
                .unwrap_or(letter),
            None => letter,
        };
        Ok(Published {
            view: view_of(conn, shown)?,
            languages,
            original,
        })
    })
    .await
}

/// Two versions of a letter compared word by word.
pub struct History {
    pub letter: Letter,
    pub versions: Vec<LetterVersion>,
    pub from: i32,
    pub to: i32,
    pub changes: Vec<Change>,
}

/// Compares version `from` with version `to`; by default the last with the
/// one before it.
pub async fn history(
    db: &Db,
    id: i64,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<History, LetterError> {
    let (letter, versions) = db
        .read(move |conn| {
            let letter = find(conn, id)?;
            Ok::<_, LetterError>((letter, store::versions(conn, id)?))
        })
        .await?;
    compare(letter, versions, from, to)
}

/// Compares version `from` of `versions` with version `to`; by default the
/// last with the one before it.
pub(super) fn compare(
    letter: Letter,
    versions: Vec<LetterVersion>,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<History, LetterError> {
    let last = versions.last().map_or(1, |v| v.version);
    let to = to.unwrap_or(last);
    let from = from.unwrap_or((to - 1).max(1));
    let text_of = |n: i32| {
        versions
            .iter()
            .find(|v| v.version == n)
            .map(LetterVersion::full_text)
    };
    let (Some(old), Some(new)) = (text_of(from), text_of(to)) else {
        return Err(LetterError::NotFound);
    };
    let changes = diff::words(&old, &new);
    Ok(History {
        letter,
        versions,
        from,
        to,
        changes,
    })
}
