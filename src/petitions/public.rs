//! The public side's operations: the petitions and their counts, signing, and
//! confirming or withdrawing a signature through its emailed link.

use std::sync::Arc;

use super::error::PetitionError;
use super::forms::{self, SignValues};
use super::models::{Petition, Submission, Version};
use super::signing::{self, NewSubmission, Outcome, SigningContext};
use super::store::{self, Counts};
use super::versions;
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::clock::{now, today};
use crate::domain::signed_link::{self, Purpose};
use crate::i18n::Lang;
use crate::membership::countries::{self, Country, KnownCountries};
use crate::web::rate_limit::{self, Limit};

/// Submissions one address may make per hour on one petition: a family or an
/// office shares an address, a script does not stop at this.
const SUBMISSIONS_PER_IP_PER_HOUR: i32 = 20;
/// Submissions per email domain per hour on one petition (large providers
/// included: a burst from one domain is what a bulk of fake addresses looks like).
const SUBMISSIONS_PER_DOMAIN_PER_HOUR: i32 = 2000;

/// The public petitions, each with its total.
pub async fn list(db: &Db) -> Result<Vec<(Petition, i64)>, PetitionError> {
    db.read(|conn| {
        let mut with_totals = Vec::new();
        for petition in store::public_list(conn)? {
            let total = store::counts(conn, petition.id)?.total();
            with_totals.push((petition, total));
        }
        Ok(with_totals)
    })
    .await
}

/// The public petitions in a reader's language (or their original), each
/// with its total.
pub async fn list_in(db: &Db, lang: Lang) -> Result<Vec<(Petition, Version, i64)>, PetitionError> {
    db.read(move |conn| {
        let mut shown = Vec::new();
        for petition in store::public_list(conn)? {
            let total = store::counts(conn, petition.id)?.total();
            let version = versions::version_in(conn, &petition, lang)?;
            shown.push((petition, version, total));
        }
        Ok(shown)
    })
    .await
}

/// What a public petition's page shows.
pub struct Page {
    pub petition: Petition,
    /// The version in the reader's language, else the original.
    pub version: Version,
    /// The languages of the other versions, to link to.
    pub other_languages: Vec<Lang>,
    pub counts: Counts,
    /// The countries to sign from.
    pub countries: Vec<Country>,
}

/// A public petition's page in `lang`: one counter whatever the version.
pub async fn page(db: &Db, slug: String, lang: Lang) -> Result<Page, PetitionError> {
    db.read(move |conn| {
        let petition = store::find_by_slug(conn, &slug)?
            .filter(Petition::is_public)
            .ok_or(PetitionError::NotFound)?;
        let all = versions::versions(conn, &petition)?;
        let version = versions::pick(&all, lang);
        Ok(Page {
            other_languages: all
                .iter()
                .map(|v| v.lang)
                .filter(|l| *l != version.lang)
                .collect(),
            version,
            counts: store::counts(conn, petition.id)?,
            countries: countries::all(conn)?,
            petition,
        })
    })
    .await
}

/// Any petition by its slug, in `lang` (the page after signing).
pub async fn by_slug(db: &Db, slug: String, lang: Lang) -> Result<Version, PetitionError> {
    db.read(move |conn| {
        let petition = store::find_by_slug(conn, &slug)?.ok_or(PetitionError::NotFound)?;
        Ok(versions::version_in(conn, &petition, lang)?)
    })
    .await
}

/// Who signs and from where, besides the form.
pub struct Visitor {
    pub ip: Option<String>,
    pub lang: Lang,
    /// The hidden field only scripts fill in.
    pub honeypot_filled: bool,
}

/// Signs a petition: the form parsed against the known countries, the limits
/// per address and domain, the submission and its verification email written
/// together, in a group commit with the other signatures arriving at the same
/// moment (each in its own savepoint; see `db::group`). The answer comes after
/// the commit. Returns the outcome the page after signing shows (`sent`,
/// `already`, `resent`, `pending`).
pub async fn sign(
    db: &Db,
    config: &Arc<Config>,
    slug: String,
    values: &SignValues,
    visitor: Visitor,
) -> Result<&'static str, PetitionError> {
    let lang = visitor.lang;
    let (petition, title, known) = db
        .read(move |conn| {
            let petition = store::find_by_slug(conn, &slug)?.ok_or(PetitionError::NotFound)?;
            let title = versions::version_in(conn, &petition, lang)?.title;
            Ok::<_, PetitionError>((petition, title, KnownCountries::load(conn)?))
        })
        .await?;
    if !petition.accepts_signatures(today()) {
        return Err(PetitionError::Gone("petition-not-open"));
    }
    if visitor.honeypot_filled {
        tracing::info!(
            petition = petition.id,
            "discarded a signature with the honeypot filled in"
        );
        return Ok("sent");
    }
    let parsed = forms::parse_signing(values, |code| known.contains(code))
        .map_err(PetitionError::Invalid)?;
    let new = NewSubmission {
        email: parsed.email,
        submitter: parsed.submitter,
        others: parsed.others,
        keep_informed: parsed.keep_informed,
        language: visitor.lang,
        ip: visitor.ip,
    };
    let config = config.clone();
    let outcome = db
        .grouped(move |conn| {
            let ip = new.ip.as_deref();
            if !within_limits(conn, petition.id, ip, new.email.domain())? {
                // Nothing written but the limits' counters, which stay.
                return Ok::<_, PetitionError>(None);
            }
            let context = SigningContext {
                petition: &petition,
                title: &title,
                secret_key: &config.secret_key,
                base_url: &config.base_url,
                verification_days: config.petition_verification_days,
            };
            Ok(Some(signing::submit(conn, &new, &context)?))
        })
        .await?
        .ok_or(PetitionError::TooManyRequests)?;
    // One answer whatever the address did before, so the form tells nobody
    // whether an address has signed: its owner learns it by email.
    match outcome {
        Outcome::Created { .. } => {
            crate::metrics::signature_accepted();
            Ok("sent")
        }
        Outcome::AlreadySigned | Outcome::StillPending { .. } => Ok("sent"),
        Outcome::Blocked => Err(PetitionError::BadRequest("sign-blocked-domain")),
    }
}

/// Per-address and per-domain limits, counted in the database.
fn within_limits(
    conn: &mut DbConn,
    petition_id: i64,
    ip: Option<&str>,
    domain: &str,
) -> DbResult<bool> {
    let now = now();
    let ip_ok = rate_limit::allow(
        conn,
        &format!("sign:{petition_id}:ip:{}", ip.unwrap_or("unknown")),
        Limit::per_hour(SUBMISSIONS_PER_IP_PER_HOUR),
        now,
    )?;
    let domain_ok = ip_ok
        && rate_limit::allow(
            conn,
            &format!("sign:{petition_id}:domain:{}", domain.to_lowercase()),
            Limit::per_hour(SUBMISSIONS_PER_DOMAIN_PER_HOUR),
            now,
        )?;
    Ok(ip_ok && domain_ok)
}

/// A submission a link names, with its petition and signers' names; a token
/// that is not the link's own finds nothing.
pub struct Linked {
    pub submission: Submission,
    pub petition: Petition,
    /// The petition in the language the link carries.
    pub version: Version,
    pub names: Vec<String>,
}

/// The submission of a verify (`Purpose::PetitionVerify`) or withdraw link.
pub async fn linked(
    db: &Db,
    secret_key: &[u8],
    purpose: Purpose,
    id: i64,
    token: &str,
    lang: Lang,
) -> Result<Linked, PetitionError> {
    if !signed_link::is_valid(secret_key, purpose, &[id], token) {
        return Err(PetitionError::NotFound);
    }
    db.read(move |conn| {
        let submission = signing::find_submission(conn, id)?.ok_or(PetitionError::NotFound)?;
        let petition = store::find(conn, submission.petition_id)?.ok_or(PetitionError::NotFound)?;
        // A withdrawal link lasts as long as the petition keeps its signers'
        // data: once they are anonymised there is nothing left to withdraw.
        if purpose == Purpose::PetitionWithdraw && !petition.keeps_personal_data(today()) {
            return Err(PetitionError::Gone("sign-withdraw-expired"));
        }
        Ok(Linked {
            version: versions::version_in(conn, &petition, lang)?,
            names: signing::signer_names(conn, id)?,
            submission,
            petition,
        })
    })
    .await
}

/// What confirming did: the petition's slug, and whether a pending, unexpired
/// submission was confirmed (false: nothing to confirm).
pub struct Confirmed {
    pub slug: String,
    pub verified: bool,
}

/// Confirms a submission through its link and queues the thank-you email.
pub async fn confirm(
    db: &Db,
    config: &Arc<Config>,
    id: i64,
    token: &str,
) -> Result<Confirmed, PetitionError> {
    let lang = Lang::default();
    let petition = linked(
        db,
        &config.secret_key,
        Purpose::PetitionVerify,
        id,
        token,
        lang,
    )
    .await?
    .petition;
    let config = config.clone();
    db.transaction(move |conn| {
        let verified = signing::verify(conn, id, &petition, &config.secret_key, &config.base_url)?;
        Ok(Confirmed {
            slug: petition.slug,
            verified,
        })
    })
    .await
}

/// Withdraws a submission through its link; returns the petition's slug.
pub async fn withdraw(
    db: &Db,
    secret_key: &[u8],
    id: i64,
    token: &str,
) -> Result<String, PetitionError> {
    let lang = Lang::default();
    let petition = linked(db, secret_key, Purpose::PetitionWithdraw, id, token, lang)
        .await?
        .petition;
    db.transaction(move |conn| {
        signing::withdraw(conn, id)?;
        Ok(petition.slug)
    })
    .await
}
