//! A campaign's translations: the form for one language, with the default
//! version beside it, saving and removing.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::AdminAction;
use crate::campaigns::error::CampaignError;
use crate::campaigns::models::Campaign;
use crate::campaigns::placeholders;
use crate::campaigns::versions::{self, installed, Version, VersionForm};
use crate::i18n::Lang;
use crate::web::form::FormErrors;
use crate::web::{render_with_status, Admin, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "campaigns/version.html")]
struct VersionPage {
    ctx: PageCtx,
    campaign: Campaign,
    /// The language of this version.
    lang: Lang,
    /// The default version, shown beside the form.
    original: Version,
    /// A version in this language is saved (it can be removed).
    exists: bool,
    form: VersionForm,
    errors: FormErrors,
    placeholders: [&'static str; 4],
}

/// The language in the path: an installed one, else not found.
fn language(path: &(i64, String)) -> Result<Lang, AppError> {
    installed(&path.1).ok_or(AppError::NotFound)
}

async fn show(
    ctx: PageCtx,
    state: &AppState,
    (id, lang): (i64, Lang),
    form: Option<(VersionForm, FormErrors)>,
) -> Result<HttpResponse, AppError> {
    let (campaign, original, own) = versions::editor(&state.db, id, lang).await?;
    let (form, errors) = form.unwrap_or_else(|| {
        (
            own.as_ref().map(VersionForm::of).unwrap_or_default(),
            FormErrors::default(),
        )
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = VersionPage {
        ctx,
        campaign,
        lang,
        original,
        exists: own.is_some(),
        form,
        errors,
        placeholders: placeholders::NAMES,
    };
    render_with_status(&page, status)
}

#[get("/admin/campaigns/{id}/versions/{lang}")]
pub async fn edit(
    admin: Admin,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let lang = language(&path)?;
    show(admin.ctx, &state, (path.0, lang), None).await
}

/// Saves the version; a broken placeholder is kept but said, since sending
/// waits until it is fixed.
#[post("/admin/campaigns/{id}/versions/{lang}")]
pub async fn save(
    action: AdminAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: web::Form<VersionForm>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = (path.0, language(&path)?);
    let form = form.into_inner();
    let to = format!("/admin/campaigns/{id}");
    match versions::save(&state.db, &action.actor, id, lang, &form).await {
        Ok(None) => Ok(action.done(action.t("campaign-version-saved"), &to)),
        Ok(Some(key)) => Ok(action.refused(
            format!("{} {}", action.t("campaign-version-saved"), action.t(key)),
            &to,
        )),
        Err(CampaignError::Invalid(errors)) => {
            show(action.ctx, &state, (id, lang), Some((form, errors))).await
        }
        Err(error) => Err(error.into()),
    }
}

#[post("/admin/campaigns/{id}/versions/{lang}/delete")]
pub async fn remove(
    action: AdminAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, lang) = (path.0, language(&path)?);
    let removed = versions::remove(&state.db, &action.actor, id, lang).await;
    action.answer(removed, &format!("/admin/campaigns/{id}"), |()| {
        action.t("campaign-version-removed")
    })
}
