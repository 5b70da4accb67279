//! Staff's operations on drafts: the list, the form's choices, creating and
//! saving (a new version whenever the text changes), and what the draft,
//! print, history and public pages show. Each runs in one transaction and
//! answers with a [`LetterError`] when it cannot do what was asked.

use super::diff::{self, Change};
use super::error::LetterError;
use super::forms::LetterForm;
use super::models::{Letter, LetterKind, LetterStatus, LetterVersion, Review};
use super::render::LetterView;
use super::review::{self, Standing};
use super::sending::SEND_REFERENCE;
use super::store::{self, LetterFields, Saved};
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

/// The form of a new letter, the current officers signing by default, and
/// the states it offers.
pub async fn blank_form(db: &Db, lang: Lang) -> Result<(LetterForm, Choices), LetterError> {
    db.read(move |conn| {
        let form = LetterForm::blank(default_signatories(conn, lang)?);
        Ok((form, country_options(&countries::all(conn)?, &lang)))
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
        let (Saved::NewVersion(version) | Saved::SameVersion(version)) = saved else {
            return Err(LetterError::NotEditable);
        };
        let summary = format!("{}: version {} → {version}", fields.subject, letter.version);
        audit::record(conn, &actor, Action::LetterUpdate, id, summary)?;
        Ok(saved)
    })
    .await
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
/// they have an address for the review).
fn default_signatories(conn: &mut DbConn, lang: Lang) -> DbResult<String> {
    use crate::membership::models::RoleKind;
    Ok(crate::membership::cities::current_officers(conn, today())?
        .into_iter()
        .filter(|(role, city)| {
            matches!(role.role, RoleKind::President | RoleKind::VicePresident) && city.is_active()
        })
        .map(|(role, city)| {
            lang.t_with(
                "letter-signatory-line",
                &[
                    (
                        "mayor",
                        FluentArg::Str(city.mayor_name.clone().unwrap_or_default()),
                    ),
                    ("city", FluentArg::Str(city.name_latin.clone())),
                    ("role", FluentArg::Str(lang.t(role.role.label_key()))),
                    (
                        "mayorof",
                        FluentArg::Raw(lang.mayor_of(
                            &city.name_latin,
                            city.name_native.as_deref(),
                            city.mayor_name.as_deref().unwrap_or_default(),
                        )),
                    ),
                ],
            )
            .trim()
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n"))
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
    /// The reviews of the current version, with each officer's city.
    pub reviews: Vec<(Review, MemberCity)>,
    /// Answers given on earlier versions.
    pub earlier_answers: Vec<(Review, MemberCity)>,
    pub standing: Standing,
    pub officers_without_email: Vec<MemberCity>,
    pub deliveries: Vec<OutboxMessage>,
}

pub async fn detail(db: &Db, id: i64) -> Result<Detail, LetterError> {
    db.read(move |conn| {
        let letter = find(conn, id)?;
        let reviews = review::of_version(conn, id, letter.version)?;
        let earlier_answers = review::answered(conn, id)?
            .into_iter()
            .filter(|(r, _)| r.version != letter.version)
            .collect();
        let only: Vec<Review> = reviews.iter().map(|(r, _)| r.clone()).collect();
        let standing =
            review::standing(letter.approval_rule, letter.review_deadline, &only, today());
        let (_, officers_without_email) = review::current_officers(conn, today())?;
        let deliveries = mail::outbox::of(conn, &Reference::new(SEND_REFERENCE, id))?;
        Ok(Detail {
            view: view_of(conn, letter)?,
            reviews,
            earlier_answers,
            standing,
            officers_without_email,
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

/// A sent letter as the public sees it; drafts are not public.
pub async fn published(db: &Db, id: i64) -> Result<LetterView, LetterError> {
    db.read(move |conn| match store::find(conn, id)? {
        Some(letter) if letter.status == LetterStatus::Sent => Ok(view_of(conn, letter)?),
        _ => Err(LetterError::NotFound),
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
