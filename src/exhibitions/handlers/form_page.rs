//! The exhibition form page, shared by staff's registration, a city's own
//! registration and changes, and a non-member's application.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use crate::exhibitions::forms::ExhibitionForm;
use crate::exhibitions::models::POSTER_LANGUAGES;
use crate::exhibitions::{views, zones};
use crate::membership::models::MemberCity;
use crate::web::form::FormErrors;
use crate::web::{render_with_status, AppError, AppState, PageCtx};

#[derive(Template)]
#[template(path = "exhibitions/form.html")]
pub struct FormPage {
    pub ctx: PageCtx,
    pub form: ExhibitionForm,
    pub errors: FormErrors,
    pub action: String,
    pub staff: bool,
    pub public: bool,
    pub city_name: Option<String>,
    pub country_zones: Vec<&'static str>,
    pub countries: Vec<(String, String)>,
    pub all_zones: Vec<&'static str>,
    pub poster_languages: &'static [(&'static str, &'static str)],
    /// Why the change was refused as a whole (a clash of the booked set), 409.
    pub refusal: Option<String>,
}

impl FormPage {
    /// The form for `action` (where it posts to), for `city` when a city
    /// fills it in; with `errors`, shown again with 422.
    pub async fn render(
        ctx: PageCtx,
        state: &AppState,
        form: ExhibitionForm,
        errors: FormErrors,
        action: &str,
        city: Option<&MemberCity>,
    ) -> Result<HttpResponse, AppError> {
        Self::render_with(ctx, state, form, errors, None, action, city).await
    }

    /// The form again with what it asked refused as a whole: 409, the
    /// `refusal` above the fields, the fields as the user typed them.
    pub async fn render_refused(
        ctx: PageCtx,
        state: &AppState,
        form: ExhibitionForm,
        refusal: String,
        action: &str,
        city: Option<&MemberCity>,
    ) -> Result<HttpResponse, AppError> {
        let errors = FormErrors::default();
        Self::render_with(ctx, state, form, errors, Some(refusal), action, city).await
    }

    async fn render_with(
        ctx: PageCtx,
        state: &AppState,
        form: ExhibitionForm,
        errors: FormErrors,
        refusal: Option<String>,
        action: &str,
        city: Option<&MemberCity>,
    ) -> Result<HttpResponse, AppError> {
        let countries = views::country_choices(&state.db, ctx.lang).await?;
        let status = if refusal.is_some() {
            StatusCode::CONFLICT
        } else if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let country = city
            .map(|c| c.country_code.to_string())
            .unwrap_or_else(|| form.country.clone());
        let page = FormPage {
            staff: ctx.is_staff(),
            public: ctx.user.is_none() || action == "/exhibitions/apply",
            ctx,
            form,
            errors,
            action: action.to_string(),
            city_name: city.map(|c| c.display_name()),
            country_zones: zones::zones_of(&country),
            countries,
            all_zones: zones::all().collect(),
            poster_languages: POSTER_LANGUAGES,
            refusal,
        };
        render_with_status(&page, status)
    }
}
