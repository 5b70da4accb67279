//! The poster library: the digital poster data (PDF or ZIP files per
//! language) that staff upload and member cities download, once signed in, to
//! print their own exhibition. Every download is counted for the city.

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_session::Session;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use diesel::prelude::*;

use super::models::{PosterFile, POSTER_LANGUAGES};
use crate::audit;
use crate::db::{DbConn, DbResult};
use crate::domain::PlainLine;
use crate::schema::{member_cities, poster_downloads, poster_files};
use crate::web::flash::{self, Level};
use crate::web::AppState;
use crate::web::{client_ip, render, see_other, AppError, PageCtx, SignedIn, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(staff_page)
        .service(upload)
        .service(city_page)
        .service(download);
}

pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

pub fn files(conn: &mut DbConn) -> DbResult<Vec<PosterFile>> {
    Ok(poster_files::table
        .order((poster_files::language.asc(), poster_files::title.asc()))
        .select(PosterFile::as_select())
        .load(conn)?)
}

/// Downloads per file and city: (file id, city name, count).
pub fn download_counts(conn: &mut DbConn) -> DbResult<Vec<(i64, String, i64)>> {
    let counts: Vec<(i64, i64, i64)> = poster_downloads::table
        .group_by((poster_downloads::file_id, poster_downloads::city_id))
        .select((
            poster_downloads::file_id,
            poster_downloads::city_id,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let ids: Vec<i64> = counts.iter().map(|(_, city, _)| *city).collect();
    let names: std::collections::HashMap<i64, String> = member_cities::table
        .filter(member_cities::id.eq_any(&ids))
        .select((member_cities::id, member_cities::name_latin))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let mut named: Vec<(i64, String, i64)> = counts
        .into_iter()
        .map(|(file, city, n)| (file, names.get(&city).cloned().unwrap_or_default(), n))
        .collect();
    named.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(named)
}

/// The file's kind from its first bytes: PDF, or a ZIP of print files.
fn file_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("application/zip")
    } else {
        None
    }
}

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
async fn staff_page(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (files, counts) = state
        .db
        .run(|conn| Ok((files(conn)?, download_counts(conn)?)))
        .await?;
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
async fn upload(
    staff: Staff,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    form: MultipartForm<FileUpload>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let title = PlainLine::parse(form.title.as_ref().map(|t| t.0.as_str()).unwrap_or(""), 200)
        .map_err(|e| AppError::BadRequest(e.0))?;
    let language = form
        .language
        .as_ref()
        .map(|t| t.0.clone())
        .unwrap_or_default();
    if !POSTER_LANGUAGES.iter().any(|(c, _)| *c == language) {
        return Err(AppError::BadRequest("error-choose-option"));
    }
    let file = form
        .file
        .ok_or(AppError::BadRequest("exh-error-file-type"))?;
    if file.data.len() > MAX_FILE_BYTES {
        return Err(AppError::BadRequest("exh-error-file-size"));
    }
    let content_type = file_type(&file.data).ok_or(AppError::BadRequest("exh-error-file-type"))?;
    let file_name: String = file
        .file_name
        .clone()
        .unwrap_or_else(|| "posters".into())
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let bytes = file.data.to_vec();
    let actor = staff.user.clone();
    let ip = client_ip(&req, state.config.behind_proxy);
    state
        .db
        .write(move |conn| {
            let id: i64 = diesel::insert_into(poster_files::table)
                .values((
                    poster_files::language.eq(&language),
                    poster_files::title.eq(title.as_str()),
                    poster_files::file_name.eq(&file_name),
                    poster_files::content_type.eq(content_type),
                    poster_files::size_bytes.eq(bytes.len() as i64),
                    poster_files::bytes.eq(&bytes),
                    poster_files::uploaded_by.eq(Some(actor.id)),
                    poster_files::created_at.eq(crate::domain::clock::now()),
                ))
                .returning(poster_files::id)
                .get_result(conn)?;
            audit::record_entry(
                conn,
                audit::Entry {
                    actor: Some(&actor),
                    action: "poster_file.upload",
                    entity_type: "poster_file",
                    entity_id: Some(id.to_string()),
                    summary: format!("{} ({language}, {file_name})", title.as_str()),
                    ip,
                },
            )
        })
        .await?;
    flash::push(&session, Level::Success, staff.ctx.t("exh-file-uploaded"));
    Ok(see_other("/staff/posters"))
}

#[derive(Template)]
#[template(path = "exhibitions/library_city.html")]
struct CityPage {
    ctx: PageCtx,
    files: Vec<PosterFile>,
}

#[get("/city/posters")]
async fn city_page(user: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    user.own_city()?;
    let files = state.db.run(files).await?;
    render(&CityPage {
        ctx: user.ctx,
        files,
    })
}

#[get("/city/posters/{id}/download")]
async fn download(
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    // Staff may open what they uploaded; only cities' downloads are counted.
    let counted_city = if user.ctx.is_staff() {
        None
    } else {
        Some(user.own_city()?)
    };
    let id = id.into_inner();
    let user_id = user.user.id;
    let (name, content_type, bytes) = state
        .db
        .write(move |conn| {
            let file: Option<(String, String, Vec<u8>)> = poster_files::table
                .find(id)
                .select((
                    poster_files::file_name,
                    poster_files::content_type,
                    poster_files::bytes,
                ))
                .first(conn)
                .optional()?;
            if let (Some(_), Some(city_id)) = (&file, counted_city) {
                diesel::insert_into(poster_downloads::table)
                    .values((
                        poster_downloads::file_id.eq(id),
                        poster_downloads::city_id.eq(city_id),
                        poster_downloads::user_id.eq(Some(user_id)),
                        poster_downloads::downloaded_at.eq(crate::domain::clock::now()),
                    ))
                    .execute(conn)?;
            }
            Ok(file)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, content_type))
        .insert_header(attachment(&name))
        .body(bytes))
}

/// `attachment` with the file's name: an ASCII stand-in in `filename` and the
/// exact name in `filename*` (RFC 6266), because raw UTF-8 in `filename` is
/// read as Latin-1 by some browsers, and Japanese file names are common here.
fn attachment(name: &str) -> ContentDisposition {
    let stand_in: String = name
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let mut parameters = vec![DispositionParam::Filename(stand_in)];
    if !name.is_ascii() {
        parameters.push(DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: name.as_bytes().to_vec(),
        }));
    }
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters,
    }
}
