//! A letter's translations: the form beside the original, saving (a new
//! version at each change of the text) and the history of one translation.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use super::letter::{HistoryPage, HistoryQuery};
use crate::audit::StaffAction;
use crate::i18n::Lang;
use crate::letters::forms::TranslationForm;
use crate::letters::models::Letter;
use crate::letters::translations::{self, Draft};
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Staff};

/// A language in a path, or 404.
fn language(tag: &str) -> Result<Lang, AppError> {
    Lang::parse(tag).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "letters/translation.html")]
struct TranslationPage {
    ctx: PageCtx,
    letter: Letter,
    lang: Lang,
    /// The version of the translation saved so far; None for a new one.
    version: Option<i32>,
    form: TranslationForm,
    errors: FormErrors,
}

impl TranslationPage {
    fn answer(
        ctx: PageCtx,
        draft: Draft,
        lang: Lang,
        form: TranslationForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = TranslationPage {
            ctx,
            version: draft.translation.as_ref().map(|t| t.version),
            letter: draft.letter,
            lang,
            form,
            errors,
        };
        render_with_status(&page, status)
    }
}

#[get("/staff/letters/{id}/translations/{lang}")]
pub async fn translation_form(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = path.into_inner();
    let lang = language(&lang)?;
    let draft = translations::draft(&state.db, id, lang).await?;
    let form = TranslationForm::of(&draft.letter, draft.translation.as_ref());
    TranslationPage::answer(staff.ctx, draft, lang, form, FormErrors::default())
}

#[post("/staff/letters/{id}/translations/{lang}")]
pub async fn save_translation(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: web::Form<TranslationForm>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = path.into_inner();
    let (lang, form) = (language(&lang)?, form.into_inner());
    let fields = match form.parse() {
        Ok(fields) => fields,
        Err(errors) => {
            let draft = translations::draft(&state.db, id, lang).await?;
            return TranslationPage::answer(action.ctx, draft, lang, form, errors);
        }
    };
    let version = translations::save(&state.db, &action.actor, id, lang, fields).await?;
    let message = action.ctx.t2(
        "letter-translation-saved",
        "language",
        lang.name(),
        "version",
        version,
    );
    Ok(action.done(message, &format!("/staff/letters/{id}")))
}

#[get("/staff/letters/{id}/translations/{lang}/history")]
pub async fn translation_history(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = path.into_inner();
    let lang = language(&lang)?;
    let history = translations::history(&state.db, id, lang, query.from, query.to).await?;
    render(&HistoryPage::new(staff.ctx, history, Some(lang)))
}
