//! Staff's list of letters and the letter form (new and edit).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::db::Db;
use crate::letters::drafts::{self, Choices};
use crate::letters::error::LetterError;
use crate::letters::forms::LetterForm;
use crate::letters::models::{ApprovalRule, Letter, LetterKind};
use crate::letters::store::Saved;
use crate::web::form::FormErrors;
use crate::web::{render, render_with_status, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "letters/staff_list.html")]
struct StaffListPage {
    ctx: PageCtx,
    letters: Vec<Letter>,
}

#[get("/staff/letters")]
pub async fn staff_list(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let letters = drafts::list(&state.db).await?;
    render(&StaffListPage {
        ctx: staff.ctx,
        letters,
    })
}

#[derive(Template)]
#[template(path = "letters/form.html")]
struct FormPage {
    ctx: PageCtx,
    letter_id: Option<i64>,
    form: LetterForm,
    errors: FormErrors,
    countries: Choices,
    kinds: &'static [LetterKind],
    rules: &'static [ApprovalRule],
    /// Officer cities left out of the default signatories: no mayor's name.
    unnamed_officers: Vec<String>,
}

impl FormPage {
    /// The form again with its errors (422), or fresh (200).
    fn answer(
        ctx: PageCtx,
        letter_id: Option<i64>,
        form: LetterForm,
        errors: FormErrors,
        countries: Choices,
    ) -> Result<HttpResponse, AppError> {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = FormPage {
            ctx,
            letter_id,
            form,
            errors,
            countries,
            kinds: LetterKind::ALL,
            rules: ApprovalRule::ALL,
            unnamed_officers: Vec::new(),
        };
        render_with_status(&page, status)
    }

    /// A submitted form the operation refused, with the reasons beside its fields.
    async fn refused(
        ctx: PageCtx,
        db: &Db,
        letter_id: Option<i64>,
        form: LetterForm,
        errors: FormErrors,
    ) -> Result<HttpResponse, AppError> {
        let countries = drafts::country_choices(db, ctx.lang).await?;
        FormPage::answer(ctx, letter_id, form, errors, countries)
    }
}

#[get("/staff/letters/new")]
pub async fn new_form(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (form, countries, unnamed_officers) = drafts::blank_form(&state.db, staff.ctx.lang).await?;
    let page = FormPage {
        ctx: staff.ctx,
        letter_id: None,
        form,
        errors: FormErrors::default(),
        countries,
        kinds: LetterKind::ALL,
        rules: ApprovalRule::ALL,
        unnamed_officers,
    };
    render(&page)
}

#[post("/staff/letters")]
pub async fn create(
    action: StaffAction,
    state: web::Data<AppState>,
    form: web::Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let created = match form.parse() {
        Ok(fields) => drafts::create(&state.db, &action.actor, fields).await,
        Err(errors) => Err(LetterError::Invalid(errors)),
    };
    match created {
        Ok(id) => Ok(action.done(action.t("letter-saved"), &format!("/staff/letters/{id}"))),
        Err(LetterError::Invalid(errors)) => {
            FormPage::refused(action.ctx, &state.db, None, form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[get("/staff/letters/{id}/edit")]
pub async fn edit_form(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (form, countries) = drafts::edit_form(&state.db, id, staff.ctx.lang).await?;
    FormPage::answer(staff.ctx, Some(id), form, FormErrors::default(), countries)
}

#[post("/staff/letters/{id}")]
pub async fn save(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let saved = match form.parse() {
        Ok(fields) => drafts::save(&state.db, &action.actor, id, fields).await,
        Err(errors) => Err(LetterError::Invalid(errors)),
    };
    let message = match saved {
        Ok(Saved::NewVersion(version)) => action.ctx.t1("letter-saved-version", "version", version),
        Ok(_) => action.t("letter-saved"),
        Err(LetterError::Invalid(errors)) => {
            return FormPage::refused(action.ctx, &state.db, Some(id), form, errors).await
        }
        Err(e) => return Err(e.into()),
    };
    Ok(action.done(message, &format!("/staff/letters/{id}")))
}
