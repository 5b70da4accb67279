//! An officer's review page, reached from their personal link, and their answer.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::Actor;
use crate::domain::{FieldError, MultiLine};
use crate::letters::answers::{self, Reply, ReviewDraft};
use crate::letters::error::LetterError;
use crate::letters::models::{Answer, LetterStatus, LetterVersion, Review};
use crate::letters::review;
use crate::letters::translations::Translation;
use crate::web::form::FormErrors;
use crate::web::{render_with_status, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "letters/review.html")]
struct ReviewPage {
    ctx: PageCtx,
    review: Review,
    version: LetterVersion,
    body_html: String,
    /// The letter in the officer's language, shown beside the original.
    translation: Option<Translation>,
    /// The original's language tag.
    letter_language: String,
    /// May this officer still answer this version?
    open: bool,
    superseded: bool,
    comment: String,
    errors: FormErrors,
    action: String,
}

impl ReviewPage {
    /// The review page; with errors (422) it keeps the comment typed.
    fn answer(
        ctx: PageCtx,
        secret_key: &[u8],
        draft: ReviewDraft,
        comment: String,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let ReviewDraft {
            review,
            letter,
            version,
            translation,
        } = draft;
        let superseded = letter.version != review.version || letter.status != LetterStatus::Draft;
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = ReviewPage {
            ctx,
            open: review.answer.is_none() && !superseded,
            superseded,
            body_html: crate::domain::markdown::to_safe_html(&version.body_markdown),
            translation,
            letter_language: letter.language.clone(),
            action: review::review_path(secret_key, &review),
            review,
            version,
            comment,
            errors,
        };
        render_with_status(&page, status)
    }
}

#[get("/letters/review/{id}/{token}")]
pub async fn review_page(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let secret_key = &state.config.secret_key;
    let draft = answers::open(&state.db, secret_key, id, &token).await?;
    ReviewPage::answer(ctx, secret_key, draft, String::new(), FormErrors::default())
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    comment: String,
}

impl AnswerForm {
    /// An answer, and a comment that a request for changes must have.
    fn parse(&self) -> Result<Reply, FormErrors> {
        let mut errors = FormErrors::default();
        let answer = errors.check(
            "answer",
            Answer::parse(&self.answer).ok_or(FieldError("error-choose-option")),
        );
        let comment = match self.comment.trim() {
            "" if answer == Some(Answer::Comment) => {
                errors.add("comment", FieldError("error-required"));
                None
            }
            "" => Some(None),
            text => errors.check(
                "comment",
                MultiLine::parse(text, 5_000).map(|c| Some(c.as_str().to_string())),
            ),
        };
        match (answer, comment, errors.is_empty()) {
            (Some(answer), Some(comment), true) => Ok(Reply { answer, comment }),
            _ => Err(errors),
        }
    }
}

/// An officer has no account: the answer is recorded as a visitor's, with the
/// address it came from (which also limits how fast tokens can be tried).
#[post("/letters/review/{id}/{token}")]
pub async fn submit_answer(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(i64, String)>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let from = Actor::visitor(Actor::address_of(&req));
    let secret_key = &state.config.secret_key;
    let reply = form.parse();
    match answers::submit(&state.db, &from, secret_key, id, &token, reply).await {
        Ok(draft) => {
            ReviewPage::answer(ctx, secret_key, draft, String::new(), FormErrors::default())
        }
        Err(LetterError::InvalidAnswer(draft, errors)) => {
            ReviewPage::answer(ctx, secret_key, *draft, form.into_inner().comment, errors)
        }
        Err(e) => Err(e.into()),
    }
}
