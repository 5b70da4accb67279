//! Staff pages of a petition's translations: the form for one language (any
//! installed language but the original's), saving it, removing it.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::i18n::Lang;
use crate::petitions::error::PetitionError;
use crate::petitions::forms::{parse_language, TranslationForm};
use crate::petitions::models::Petition;
use crate::petitions::versions;
use crate::web::form::FormErrors;
use crate::web::{render_with_status, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "petitions/version_form.html")]
struct VersionPage {
    ctx: PageCtx,
    petition: Petition,
    lang: Lang,
    exists: bool,
    form: TranslationForm,
    errors: FormErrors,
}

impl VersionPage {
    fn show(page: VersionPage) -> Result<HttpResponse, AppError> {
        let status = if page.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        render_with_status(&page, status)
    }
}

/// The petition id and an installed language from the path; any other is 404.
fn target(path: web::Path<(i64, String)>) -> Result<(i64, Lang), AppError> {
    let (id, code) = path.into_inner();
    let lang = parse_language(&code).map_err(|_| AppError::NotFound)?;
    Ok((id, lang))
}

#[get("/staff/petitions/{id}/versions/{lang}")]
pub async fn version_form(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = target(path)?;
    let (petition, translation) = versions::editor(&state.db, id, lang).await?;
    VersionPage::show(VersionPage {
        ctx: staff.ctx,
        petition,
        lang,
        exists: translation.is_some(),
        form: translation
            .as_ref()
            .map(TranslationForm::of)
            .unwrap_or_default(),
        errors: FormErrors::default(),
    })
}

#[post("/staff/petitions/{id}/versions/{lang}")]
pub async fn save_version(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: web::Form<TranslationForm>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = target(path)?;
    let form = form.into_inner();
    let to = format!("/staff/petitions/{id}");
    let saved = match form.parse() {
        Ok(fields) => versions::save_translation(&state.db, &action.actor, id, lang, fields).await,
        Err(errors) => Err(PetitionError::Invalid(errors)),
    };
    match saved {
        Ok(()) => Ok(action.done(action.t("petition-version-saved"), &to)),
        Err(PetitionError::Invalid(errors)) => {
            let (petition, translation) = versions::editor(&state.db, id, lang).await?;
            VersionPage::show(VersionPage {
                ctx: action.ctx,
                petition,
                lang,
                exists: translation.is_some(),
                form,
                errors,
            })
        }
        Err(error) => Err(error.into()),
    }
}

#[post("/staff/petitions/{id}/versions/{lang}/remove")]
pub async fn remove_version(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = target(path)?;
    let removed = versions::remove_translation(&state.db, &action.actor, id, lang).await;
    let to = format!("/staff/petitions/{id}");
    action.answer(removed, &to, |_| action.t("petition-version-removed"))
}
