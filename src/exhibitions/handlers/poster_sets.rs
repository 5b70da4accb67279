//! The poster sets: the inventory, one set with its loans, and the shipping
//! buffers of loans per continent.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::domain::{FieldError, PlainLine};
use crate::exhibitions::error::ExhibitionError;
use crate::exhibitions::loans::SetFields;
use crate::exhibitions::models::{Loan, PosterSet, SetStatus, POSTER_LANGUAGES};
use crate::exhibitions::settings::{self as buffers, Buffer, MAX_BUFFER_DAYS};
use crate::exhibitions::{inventory, workflow};
use crate::membership::countries::Continent;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Staff};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct SetForm {
    code: String,
    language: String,
    size: String,
    panels: String,
    condition: String,
    location: String,
    status: String,
}

impl SetForm {
    fn of(set: &PosterSet) -> SetForm {
        SetForm {
            code: set.code.clone(),
            language: set.language.clone(),
            size: set.size.clone(),
            panels: set.panels.to_string(),
            condition: set.condition.clone(),
            location: set.location.clone(),
            status: set.status.as_str().into(),
        }
    }

    fn parse(&self) -> Result<SetFields, ExhibitionError> {
        let mut errors = FormErrors::default();
        let code = errors.check("code", PlainLine::parse(&self.code, 40));
        let language = errors.check(
            "language",
            POSTER_LANGUAGES
                .iter()
                .find(|(c, _)| *c == self.language)
                .map(|(c, _)| c.to_string())
                .ok_or(FieldError("error-choose-option")),
        );
        let size = errors.check("size", PlainLine::parse(&self.size, 60));
        let panels = errors.check(
            "panels",
            self.panels
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=500).contains(n))
                .ok_or(FieldError("exh-error-panels")),
        );
        let condition = errors.check("condition", PlainLine::parse(&self.condition, 300));
        let location = errors.check("location", PlainLine::parse(&self.location, 200));
        let status = errors.check(
            "status",
            SetStatus::parse(&self.status).ok_or(FieldError("error-choose-option")),
        );
        match (code, language, size, panels, condition, location, status) {
            (
                Some(code),
                Some(language),
                Some(size),
                Some(panels),
                Some(condition),
                Some(location),
                Some(status),
            ) => Ok(SetFields {
                code: code.into_string(),
                language,
                size: size.into_string(),
                panels,
                condition: condition.into_string(),
                location: location.into_string(),
                status,
            }),
            _ => Err(ExhibitionError::Invalid(errors)),
        }
    }
}

#[derive(Template)]
#[template(path = "exhibitions/sets.html")]
struct SetsPage {
    ctx: PageCtx,
    sets: Vec<PosterSet>,
    form: SetForm,
    errors: FormErrors,
    statuses: &'static [SetStatus],
    poster_languages: &'static [(&'static str, &'static str)],
}

impl SetsPage {
    /// The inventory with the form to add a set; with `errors`, 422.
    async fn render(
        ctx: PageCtx,
        state: &AppState,
        form: SetForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let status = match errors.is_empty() {
            true => StatusCode::OK,
            false => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let page = SetsPage {
            ctx,
            sets: inventory::sets(&state.db).await?,
            form,
            errors,
            statuses: SetStatus::ALL,
            poster_languages: POSTER_LANGUAGES,
        };
        render_with_status(&page, status)
    }
}

#[get("/staff/poster-sets")]
pub async fn sets_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let form = SetForm {
        status: SetStatus::InService.as_str().into(),
        location: workflow::HOME_LOCATION.into(),
        ..SetForm::default()
    };
    SetsPage::render(staff.ctx, &state, form, FormErrors::default()).await
}

#[post("/staff/poster-sets")]
pub async fn add_set(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<SetForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let added = match form.parse() {
        Ok(fields) => inventory::add(&state.db, &action.actor, fields).await,
        Err(invalid) => Err(invalid),
    };
    match added {
        Ok(_) => Ok(action.done(action.t("exh-set-added"), "/staff/poster-sets")),
        Err(ExhibitionError::Invalid(errors)) => {
            SetsPage::render(action.ctx, &state, form, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "exhibitions/set.html")]
struct SetPage {
    ctx: PageCtx,
    set: PosterSet,
    loans: Vec<(Loan, String)>,
    form: SetForm,
    errors: FormErrors,
    statuses: &'static [SetStatus],
    poster_languages: &'static [(&'static str, &'static str)],
}

impl SetPage {
    /// The set with its loans and its form (as saved, or as sent with `errors`: 422).
    async fn render(
        ctx: PageCtx,
        state: &AppState,
        id: i64,
        form: Option<SetForm>,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let (set, loans) = inventory::set_with_loans(&state.db, id).await?;
        let status = match errors.is_empty() {
            true => StatusCode::OK,
            false => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let page = SetPage {
            ctx,
            form: form.unwrap_or_else(|| SetForm::of(&set)),
            set,
            loans,
            errors,
            statuses: SetStatus::ALL,
            poster_languages: POSTER_LANGUAGES,
        };
        render_with_status(&page, status)
    }
}

#[get("/staff/poster-sets/{id}")]
pub async fn set_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    SetPage::render(
        staff.ctx,
        &state,
        id.into_inner(),
        None,
        FormErrors::default(),
    )
    .await
}

#[post("/staff/poster-sets/{id}")]
pub async fn update_set(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<SetForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let updated = match form.parse() {
        Ok(fields) => inventory::update(&state.db, &action.actor, id, fields).await,
        Err(invalid) => Err(invalid),
    };
    match updated {
        Ok(()) => Ok(action.done(
            action.t("exh-set-saved"),
            &format!("/staff/poster-sets/{id}"),
        )),
        Err(ExhibitionError::Invalid(errors)) => {
            SetPage::render(action.ctx, &state, id, Some(form), errors).await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "exhibitions/settings.html")]
struct SettingsPage {
    ctx: PageCtx,
    buffers: Vec<(Continent, Buffer)>,
    max_days: i64,
}

#[get("/staff/exhibitions/settings")]
pub async fn settings_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    render(&SettingsPage {
        ctx: staff.ctx,
        buffers: buffers::load(&state.db).await?,
        max_days: MAX_BUFFER_DAYS,
    })
}

#[post("/staff/exhibitions/settings")]
pub async fn save_settings(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let values: BTreeMap<String, String> = form.into_inner().into_iter().collect();
    let new = buffers::parse_form(&values)?;
    buffers::save_all(&state.db, &action.actor, new).await?;
    Ok(action.done(
        action.t("exh-settings-saved"),
        "/staff/exhibitions/settings",
    ))
}
