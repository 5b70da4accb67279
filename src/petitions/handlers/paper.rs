//! Paper batches: recording one (staff for any city, a city user for their
//! own) and downloading its scan.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};

use super::staff::DetailPage;
use crate::audit::SignedInAction;
use crate::petitions::error::PetitionError;
use crate::petitions::forms::PaperForm;
use crate::petitions::manage::{self, Recorder};
use crate::web::{AppError, AppState, SignedIn};

#[derive(MultipartForm)]
pub struct PaperUpload {
    signatures: Option<Text<String>>,
    country: Option<Text<String>>,
    collected_from: Option<Text<String>>,
    collected_to: Option<Text<String>>,
    handed_over_on: Option<Text<String>>,
    note: Option<Text<String>>,
    #[multipart(limit = "9MB")]
    scan: Option<Upload>,
}

impl PaperUpload {
    /// The form's text fields, as typed.
    fn form(&self) -> PaperForm {
        let text = |field: &Option<Text<String>>| field.as_ref().map(|t| t.0.clone());
        PaperForm {
            signatures: text(&self.signatures).unwrap_or_default(),
            country: text(&self.country).unwrap_or_default(),
            collected_from: text(&self.collected_from).unwrap_or_default(),
            collected_to: text(&self.collected_to).unwrap_or_default(),
            handed_over_on: text(&self.handed_over_on).unwrap_or_default(),
            note: text(&self.note).unwrap_or_default(),
        }
    }
}

/// Records a paper batch: staff for any city or none, a city user for their own.
#[post("/petitions/{id}/paper")]
pub async fn record_paper_batch(
    action: SignedInAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    upload: MultipartForm<PaperUpload>,
) -> Result<HttpResponse, AppError> {
    let petition_id = id.into_inner();
    let (city_id, back) = if action.user.role.is_staff() {
        (None, format!("/staff/petitions/{petition_id}"))
    } else {
        (
            Some(action.own_city()?),
            format!("/city/petitions/{petition_id}"),
        )
    };
    let form = upload.form();
    let scan = upload.scan.as_ref().map(|file| file.data.as_ref());
    let recorder = Recorder {
        actor: action.actor.clone(),
        city_id,
    };
    match manage::record_paper_batch(&state.db, recorder, petition_id, &form, scan).await {
        Ok(_) => Ok(action.done(action.t("paper-recorded"), &back)),
        Err(PetitionError::Invalid(errors)) => {
            DetailPage::show(action.ctx, &state, petition_id, city_id, form, errors).await
        }
        refused => action.answer(refused, &back, |_| action.t("paper-recorded")),
    }
}

#[get("/petitions/paper/{batch_id}/scan")]
pub async fn paper_scan(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    batch_id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scan = manage::scan(&state.db, &signed_in.user, batch_id.into_inner()).await?;
    let content_type = match scan.name.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        _ => "image/jpeg",
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", scan.name),
        ))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .body(scan.bytes))
}
