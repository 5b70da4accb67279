//! A member city's own pages: its exhibitions, registering one, changing it
//! while it is only requested, cancelling it, and the report afterwards with
//! photos. A city user reaches only its own city's exhibitions; what it does
//! here is audited like staff actions.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::form_page::FormPage;
use crate::audit::CityAction;
use crate::exhibitions::error::ExhibitionError;
use crate::exhibitions::forms::ExhibitionForm;
use crate::exhibitions::models::Exhibition;
use crate::exhibitions::registration::{self, ReportInput, MAX_PHOTO_BYTES};
use crate::exhibitions::workflow::Cancellation;
use crate::exhibitions::{views, workflow, zones};
use crate::membership::models::MemberCity;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Refusal, SignedIn};

#[derive(Template)]
#[template(path = "exhibitions/city_list.html")]
struct ListPage {
    ctx: PageCtx,
    city: MemberCity,
    exhibitions: Vec<Exhibition>,
    feed_url: String,
}

#[get("/city/exhibitions")]
pub async fn list_page(
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let list = views::city_list(&state.db, &state.config.secret_key, user.own_city()?).await?;
    let feed = format!("/exhibitions/feeds/{}.ics", list.feed_token);
    render(&ListPage {
        feed_url: state.config.link(&feed),
        ctx: user.ctx,
        city: list.city,
        exhibitions: list.exhibitions,
    })
}

/// A new address for the city's calendar feed; the old one stops working.
#[post("/city/exhibitions/feed/regenerate")]
pub async fn regenerate_feed(
    action: CityAction,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city_id = action.own_city()?;
    let done =
        views::regenerate_feed(&state.db, &state.config.secret_key, &action.actor, city_id).await;
    action.answer(done, "/city/exhibitions", |_| {
        action.t("exh-feed-regenerated")
    })
}

#[get("/city/exhibitions/new")]
pub async fn new_page(
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let city = views::city(&state.db, user.own_city()?).await?;
    let form = ExhibitionForm {
        country: city.country_code.to_string(),
        time_zone: zones::default_zone(&city.country_code).to_string(),
        poster_language: city.language.clone(),
        format: "print".into(),
        publish: "yes".into(),
        ..ExhibitionForm::default()
    };
    let errors = FormErrors::default();
    FormPage::render(
        user.ctx,
        &state,
        form,
        errors,
        "/city/exhibitions",
        Some(&city),
    )
    .await
}

#[post("/city/exhibitions")]
pub async fn create(
    action: CityAction,
    state: web::Data<AppState>,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let city_id = action.own_city()?;
    let form = form.into_inner();
    let base_url = &state.config.base_url;
    let registered =
        registration::register_own(&state.db, &action.actor, city_id, form.clone(), base_url).await;
    match registered {
        Ok(id) => Ok(action.done(
            action.t("exh-registered"),
            &format!("/city/exhibitions/{id}"),
        )),
        Err(ExhibitionError::Invalid(errors)) => {
            let city = views::city(&state.db, city_id).await?;
            let to = "/city/exhibitions";
            FormPage::render(action.ctx, &state, form, errors, to, Some(&city)).await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "exhibitions/city_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    exhibition: Exhibition,
    photos: Vec<i64>,
    set_code: Option<String>,
    report_errors: FormErrors,
    max_photo_mb: usize,
}

impl DetailPage {
    /// The city's exhibition; with the report's `errors`, 422.
    async fn render(
        ctx: PageCtx,
        state: &AppState,
        city_id: i64,
        id: i64,
        report_errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let detail = views::city_detail(&state.db, city_id, id).await?;
        let status = match report_errors.is_empty() {
            true => StatusCode::OK,
            false => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let page = DetailPage {
            ctx,
            exhibition: detail.exhibition,
            photos: detail.photos,
            set_code: detail.set_code,
            report_errors,
            max_photo_mb: MAX_PHOTO_BYTES / (1024 * 1024),
        };
        render_with_status(&page, status)
    }
}

#[get("/city/exhibitions/{id}")]
pub async fn detail_page(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = user.own_city()?;
    DetailPage::render(
        user.ctx,
        &state,
        city_id,
        id.into_inner(),
        FormErrors::default(),
    )
    .await
}

#[get("/city/exhibitions/{id}/edit")]
pub async fn edit_page(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let detail = views::city_detail(&state.db, user.own_city()?, id).await?;
    if !detail.exhibition.city_may_edit() {
        return Err(AppError::BadRequest("exh-error-not-editable"));
    }
    let form = ExhibitionForm::of(&detail.exhibition);
    let (errors, to) = (FormErrors::default(), format!("/city/exhibitions/{id}"));
    FormPage::render(user.ctx, &state, form, errors, &to, Some(&detail.city)).await
}

#[post("/city/exhibitions/{id}")]
pub async fn update(
    action: CityAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ExhibitionForm>,
) -> Result<HttpResponse, AppError> {
    let (city_id, id) = (action.own_city()?, id.into_inner());
    let form = form.into_inner();
    let to = format!("/city/exhibitions/{id}");
    match registration::update_own(&state.db, &action.actor, city_id, id, form.clone()).await {
        Ok(()) => Ok(action.done(action.t("exh-saved"), &to)),
        Err(ExhibitionError::Invalid(errors)) => {
            let city = views::city(&state.db, city_id).await?;
            FormPage::render(action.ctx, &state, form, errors, &to, Some(&city)).await
        }
        // Refused as a whole (the booked set cannot follow the new dates or
        // language): the form again with why, 409, nothing changed.
        Err(error) => match error.refusal(action.lang()) {
            Some(refusal) => {
                let city = views::city(&state.db, city_id).await?;
                let page = Some(&city);
                FormPage::render_refused(action.ctx, &state, form, refusal, &to, page).await
            }
            None => Err(error.into()),
        },
    }
}

#[derive(Deserialize)]
struct CancelForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

impl CancelForm {
    fn cancellation(&self) -> Result<Cancellation, AppError> {
        let reason = match self.reason.trim() {
            "" => None,
            text => Some(
                crate::domain::MultiLine::parse(text, 2_000)
                    .map_err(|e| AppError::BadRequest(e.0))?
                    .as_str()
                    .to_string(),
            ),
        };
        Ok(Cancellation {
            reason,
            confirmed: self.confirm == "cancel",
        })
    }
}

#[post("/city/exhibitions/{id}/cancel")]
pub async fn cancel(
    action: CityAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let (city_id, id) = (action.own_city()?, id.into_inner());
    let (base_url, cancellation) = (&state.config.base_url, form.cancellation()?);
    let (db, actor) = (&state.db, &action.actor);
    let cancelled = workflow::cancel_own(db, actor, city_id, id, cancellation, base_url).await;
    action.answer(cancelled, &format!("/city/exhibitions/{id}"), |_| {
        action.t("exh-cancelled")
    })
}

#[derive(MultipartForm)]
struct ReportUpload {
    visitors: Option<Text<String>>,
    comments: Option<Text<String>>,
    #[multipart(limit = "6MB")]
    photo: Option<Upload>,
}

impl ReportUpload {
    fn input(self) -> ReportInput {
        ReportInput {
            visitors: self.visitors.map(|t| t.0).unwrap_or_default(),
            comments: self.comments.map(|t| t.0).unwrap_or_default(),
            photo: self.photo.map(|file| (file.file_name, file.data.to_vec())),
        }
    }
}

#[post("/city/exhibitions/{id}/report")]
pub async fn report(
    action: CityAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    upload: MultipartForm<ReportUpload>,
) -> Result<HttpResponse, AppError> {
    let (city_id, id) = (action.own_city()?, id.into_inner());
    let input = upload.into_inner().input();
    match registration::report(&state.db, &action.actor, city_id, id, input).await {
        Ok(()) => Ok(action.done(
            action.t("exh-report-saved"),
            &format!("/city/exhibitions/{id}"),
        )),
        Err(ExhibitionError::Invalid(errors)) => {
            DetailPage::render(action.ctx, &state, city_id, id, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

/// A report's photo: for staff, and for the city whose exhibition it is.
#[get("/exhibitions/photos/{id}")]
pub async fn photo_file(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = match user.user.role.is_staff() {
        true => None,
        false => Some(user.own_city()?),
    };
    let (content_type, bytes) = views::photo(&state.db, id.into_inner(), city_id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, content_type))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}
