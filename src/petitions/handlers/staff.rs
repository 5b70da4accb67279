//! Staff pages of petitions: the list, the petition form, and a petition's page
//! with its paper batches (a city user sees their own city's).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::i18n::Lang;
use crate::membership::join::country_options;
use crate::petitions::error::PetitionError;
use crate::petitions::forms::{PaperForm, PetitionForm};
use crate::petitions::manage;
use crate::petitions::models::{Milestone, PaperBatch, Petition, PetitionStatus, Version};
use crate::petitions::store::Counts;
use crate::petitions::supporters::SentUpdate;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, SignedIn, Staff};

#[derive(Template)]
#[template(path = "petitions/staff_list.html")]
struct StaffListPage {
    ctx: PageCtx,
    petitions: Vec<(Petition, Counts)>,
}

#[get("/staff/petitions")]
pub async fn staff_list(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let petitions = manage::staff_list(&state.db).await?;
    render(&StaffListPage {
        ctx: staff.ctx,
        petitions,
    })
}

#[derive(Template)]
#[template(path = "petitions/form.html")]
struct FormPage {
    ctx: PageCtx,
    petition_id: Option<i64>,
    form: PetitionForm,
    errors: FormErrors,
    statuses: [PetitionStatus; 3],
}

impl FormPage {
    fn show(
        ctx: PageCtx,
        petition_id: Option<i64>,
        form: PetitionForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = FormPage {
            ctx,
            petition_id,
            form,
            errors,
            statuses: PetitionStatus::ALL,
        };
        render_with_status(&page, status)
    }

    /// Answers a save: to the petition's page, or the form again with its errors.
    fn answer(
        action: StaffAction,
        petition_id: Option<i64>,
        form: PetitionForm,
        saved: Result<i64, PetitionError>,
    ) -> Result<HttpResponse, AppError> {
        match saved {
            Ok(id) => Ok(action.done(
                action.t("petition-saved"),
                &format!("/staff/petitions/{id}"),
            )),
            Err(PetitionError::Invalid(errors)) => {
                FormPage::show(action.ctx, petition_id, form, errors)
            }
            Err(error) => Err(error.into()),
        }
    }
}

#[get("/staff/petitions/new")]
pub async fn new_form(staff: Staff) -> Result<HttpResponse, AppError> {
    let form = PetitionForm::new_from(crate::domain::clock::today(), staff.ctx.lang);
    FormPage::show(staff.ctx, None, form, FormErrors::default())
}

#[post("/staff/petitions")]
pub async fn create(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<PetitionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let saved = manage::save(&state.db, &action.actor, None, &form).await;
    FormPage::answer(action, None, form, saved)
}

#[get("/staff/petitions/{id}/edit")]
pub async fn edit_form(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let petition = manage::find(&state.db, id.into_inner()).await?;
    let form = PetitionForm::of(&petition);
    FormPage::show(staff.ctx, Some(petition.id), form, FormErrors::default())
}

#[post("/staff/petitions/{id}")]
pub async fn save(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<PetitionForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let saved = manage::save(&state.db, &action.actor, Some(id), &form).await;
    FormPage::answer(action, Some(id), form, saved)
}

#[derive(Template)]
#[template(path = "petitions/detail.html")]
pub(super) struct DetailPage {
    ctx: PageCtx,
    petition: Petition,
    counts: Counts,
    batches: Vec<PaperBatch>,
    countries: Vec<(String, String)>,
    form: PaperForm,
    errors: FormErrors,
    staff_view: bool,
    recorders: Vec<(i64, String)>,
    versions: Vec<Version>,
    missing: Vec<Lang>,
    supporters: i64,
    milestones: Vec<Milestone>,
    updates: Vec<SentUpdate>,
}

impl DetailPage {
    /// The city that recorded a batch; none: the secretariat.
    fn recorder(&self, batch: &PaperBatch) -> Option<&str> {
        let city_id = batch.city_id?;
        self.recorders
            .iter()
            .find(|(id, _)| *id == city_id)
            .map(|(_, name)| name.as_str())
    }

    fn accepts_paper(&self) -> bool {
        self.petition.status == PetitionStatus::Open
    }

    /// The petition's version in `lang`, if it has one.
    fn version_in(&self, lang: &Lang) -> Option<&Version> {
        self.versions.iter().find(|v| v.lang == *lang)
    }
}

impl DetailPage {
    /// A petition's page for staff (`city_id` None) or a city user, with the
    /// paper batch form as typed and its errors (422).
    pub(super) async fn show(
        ctx: PageCtx,
        state: &AppState,
        petition_id: i64,
        city_id: Option<i64>,
        form: PaperForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let shown = manage::detail(&state.db, petition_id, city_id).await?;
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = DetailPage {
            staff_view: city_id.is_none(),
            countries: country_options(&shown.countries, &ctx.lang),
            ctx,
            petition: shown.petition,
            counts: shown.counts,
            batches: shown.batches,
            recorders: shown.recorders,
            versions: shown.versions,
            missing: shown.missing,
            supporters: shown.supporters,
            milestones: shown.milestones,
            updates: shown.updates,
            form,
            errors,
        };
        render_with_status(&page, status)
    }
}

#[get("/staff/petitions/{id}")]
pub async fn detail(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (form, errors) = (PaperForm::default(), FormErrors::default());
    DetailPage::show(staff.ctx, &state, id.into_inner(), None, form, errors).await
}

/// A city user's view: open petitions and their own city's paper batches.
#[get("/city/petitions/{id}")]
pub async fn city_petitions(
    signed_in: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let city_id = signed_in.own_city()?;
    let (form, errors) = (PaperForm::default(), FormErrors::default());
    DetailPage::show(
        signed_in.ctx,
        &state,
        id.into_inner(),
        Some(city_id),
        form,
        errors,
    )
    .await
}
