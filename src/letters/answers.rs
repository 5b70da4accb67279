//! An officer answering through their personal link: the page it opens and
//! the answer, recorded once per version. Opening changes nothing (mail
//! scanners open links); a forged token and an unknown review look alike.

use super::error::LetterError;
use super::models::{Answer, Letter, LetterVersion, Review};
use super::review;
use super::store;
use super::translations::{self, Translation};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn};
use crate::domain::clock::now;
use crate::domain::signed_link::{self, Purpose};
use crate::web::form::FormErrors;
use crate::web::rate_limit::{self, Limit};

/// Answers from one address per minute: officers answer once per version, so
/// anything more is someone trying tokens.
const ANSWERS_PER_MINUTE: i32 = 20;

/// An officer's review with the letter and the version it is about.
#[derive(Debug)]
pub struct ReviewDraft {
    pub review: Review,
    pub letter: Letter,
    pub version: LetterVersion,
    /// The letter in the officer's city's language, when it is not the
    /// original's and a translation exists: shown beside the original.
    pub translation: Option<Translation>,
}

/// What an officer answered, parsed from their form.
pub struct Reply {
    pub answer: Answer,
    pub comment: Option<String>,
}

/// The review a link opens, if its token is right.
pub async fn open(
    db: &Db,
    secret_key: &[u8],
    review_id: i64,
    token: &str,
) -> Result<ReviewDraft, LetterError> {
    let (secret_key, token) = (secret_key.to_vec(), token.to_string());
    db.read(move |conn| checked(conn, &secret_key, review_id, &token))
        .await
}

/// Records an officer's answer, once per version; `reply` is the parsed form,
/// or its errors to show on the review page. Answers are rate-limited by the
/// address they come from (the count stays whatever the outcome).
pub async fn submit(
    db: &Db,
    from: &Actor,
    secret_key: &[u8],
    review_id: i64,
    token: &str,
    reply: Result<Reply, FormErrors>,
) -> Result<ReviewDraft, LetterError> {
    let bucket = format!("letter-review:{}", from.ip.as_deref().unwrap_or("unknown"));
    let limit = Limit::per_minute(ANSWERS_PER_MINUTE);
    if !db
        .run(move |conn| rate_limit::allow(conn, &bucket, limit, now()))
        .await?
    {
        return Err(LetterError::TooMany);
    }
    let (from, secret_key, token) = (from.clone(), secret_key.to_vec(), token.to_string());
    db.transaction(move |conn| {
        let draft = checked(conn, &secret_key, review_id, &token)?;
        let reply = match reply {
            Ok(reply) => reply,
            Err(errors) => return Err(LetterError::InvalidAnswer(Box::new(draft), errors)),
        };
        let ReviewDraft { review, letter, .. } = &draft;
        review::record_answer(conn, review, letter, reply.answer, reply.comment.as_deref())?;
        let summary = format!(
            "{} ({}) answered {} on version {}",
            review.email,
            review.role,
            reply.answer.as_str(),
            review.version
        );
        audit::record(conn, &from, Action::LetterReviewAnswer, letter.id, summary)?;
        checked(conn, &secret_key, review_id, &token)
    })
    .await
}

fn checked(
    conn: &mut DbConn,
    secret_key: &[u8],
    review_id: i64,
    token: &str,
) -> Result<ReviewDraft, LetterError> {
    let review = review::find(conn, review_id)?
        .filter(|review| review::token_is_valid(secret_key, review, token))
        .filter(|review| {
            signed_link::is_current(
                Purpose::LetterReview,
                review.created_at,
                crate::domain::clock::now(),
            )
        })
        .ok_or(LetterError::NotFound)?;
    let letter = store::find(conn, review.letter_id)?.ok_or(LetterError::NotFound)?;
    let version = store::versions(conn, letter.id)?
        .into_iter()
        .find(|v| v.version == review.version)
        .ok_or(LetterError::NotFound)?;
    let translation = match crate::membership::cities::find(conn, review.city_id)? {
        Some(city) => translations::find_in(conn, &letter, city.lang())?,
        None => None,
    };
    Ok(ReviewDraft {
        review,
        letter,
        version,
        translation,
    })
}
