//! The poster library's pages: staff upload the digital poster data; member
//! cities, signed in, download it (each download counted for the city).

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::exhibitions::library::{self, NewFile, MAX_FILE_BYTES};
use crate::exhibitions::models::{PosterFile, POSTER_LANGUAGES};
use crate::web::{render, AppError, AppState, PageCtx, SignedIn, Staff};

#[derive(Template)]
#[template(path = "exhibitions/library_staff.html")]
struct StaffPage {
    ctx: PageCtx,
    files: Vec<PosterFile>,
    counts: Vec<(i64, String, i64)>,
    poster_languages: &'static [(&'static str, &'static str)],
    max_mb: usize,
}

#[get("/staff/posters")]
pub async fn staff_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (files, counts) = library::list_with_counts(&state.db).await?;
    render(&StaffPage {
        ctx: staff.ctx,
        files,
        counts,
        poster_languages: POSTER_LANGUAGES,
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
    })
}

#[derive(MultipartForm)]
struct FileUpload {
    title: Option<Text<String>>,
    language: Option<Text<String>>,
    #[multipart(limit = "11MB")]
    file: Option<Upload>,
}

#[post("/staff/posters")]
pub async fn upload(
    action: StaffAction,
    state: web::Data<AppState>,
    form: MultipartForm<FileUpload>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let new = NewFile {
        title: form.title.map(|t| t.0).unwrap_or_default(),
        language: form.language.map(|t| t.0).unwrap_or_default(),
        file: form.file.map(|file| (file.file_name, file.data.to_vec())),
    };
    // A refused file is a 400 page saying why, as before.
    library::upload(&state.db, &action.actor, new).await?;
    Ok(action.done(action.t("exh-file-uploaded"), "/staff/posters"))
}

#[derive(Template)]
#[template(path = "exhibitions/library_city.html")]
struct CityPage {
    ctx: PageCtx,
    files: Vec<PosterFile>,
}

#[get("/city/posters")]
pub async fn city_page(
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    user.own_city()?;
    render(&CityPage {
        files: library::list(&state.db).await?,
        ctx: user.ctx,
    })
}

#[get("/city/posters/{id}/download")]
pub async fn download(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    // Staff may open what they uploaded; only cities' downloads are counted.
    let counted = match user.ctx.is_staff() {
        true => None,
        false => Some((user.own_city()?, user.user.id)),
    };
    let (name, content_type, bytes) =
        library::download(&state.db, id.into_inner(), counted).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, content_type))
        .insert_header(library::attachment(&name))
        .body(bytes))
}
