//! The poster library: the digital poster data (PDF or ZIP files per
//! language) that staff upload and member cities download, once signed in, to
//! print their own exhibition. Every download is counted for the city.

use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use diesel::prelude::*;

use super::error::ExhibitionError;
use super::models::{PosterFile, POSTER_LANGUAGES};
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::PlainLine;
use crate::schema::{member_cities, poster_downloads, poster_files};

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

/// `attachment` with the file's name: an ASCII stand-in in `filename` and the
/// exact name in `filename*` (RFC 6266), because raw UTF-8 in `filename` is
/// read as Latin-1 by some browsers, and Japanese file names are common here.
pub fn attachment(name: &str) -> ContentDisposition {
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

/// The files, and (for staff) how often each city downloaded each.
pub async fn list(db: &Db) -> Result<Vec<PosterFile>, ExhibitionError> {
    db.read(|conn| Ok(files(conn)?)).await
}

#[allow(clippy::type_complexity)]
pub async fn list_with_counts(
    db: &Db,
) -> Result<(Vec<PosterFile>, Vec<(i64, String, i64)>), ExhibitionError> {
    db.read(|conn| Ok((files(conn)?, download_counts(conn)?)))
        .await
}

/// A file as the staff's upload form sends it.
pub struct NewFile {
    pub title: String,
    pub language: String,
    /// The file's name as the browser gave it, and its bytes.
    pub file: Option<(Option<String>, Vec<u8>)>,
}

/// Staff upload poster data: a PDF or ZIP of at most 10 MB, audited.
pub async fn upload(db: &Db, actor: &Actor, new: NewFile) -> Result<i64, ExhibitionError> {
    let title = PlainLine::parse(&new.title, 200).map_err(|e| ExhibitionError::Refused(e.0))?;
    let language = new.language;
    if !POSTER_LANGUAGES.iter().any(|(c, _)| *c == language) {
        return Err(ExhibitionError::Refused("error-choose-option"));
    }
    let (name, bytes) = new
        .file
        .ok_or(ExhibitionError::Refused("exh-error-file-type"))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ExhibitionError::Refused("exh-error-file-size"));
    }
    let content_type = file_type(&bytes).ok_or(ExhibitionError::Refused("exh-error-file-type"))?;
    let file_name: String = name
        .unwrap_or_else(|| "posters".into())
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let actor = actor.clone();
    db.transaction(move |conn| {
        let id: i64 = diesel::insert_into(poster_files::table)
            .values((
                poster_files::language.eq(&language),
                poster_files::title.eq(title.as_str()),
                poster_files::file_name.eq(&file_name),
                poster_files::content_type.eq(content_type),
                poster_files::size_bytes.eq(bytes.len() as i64),
                poster_files::bytes.eq(&bytes),
                poster_files::uploaded_by.eq(actor.user_id),
                poster_files::created_at.eq(crate::domain::clock::now()),
            ))
            .returning(poster_files::id)
            .get_result(conn)?;
        let summary = format!("{} ({language}, {file_name})", title.as_str());
        audit::record(conn, &actor, Action::PosterFileUpload, id, summary)?;
        Ok(id)
    })
    .await
}

/// A file's name, content type and bytes; a city's download is counted
/// (`counted`: the city and the user), staff's is not.
pub async fn download(
    db: &Db,
    id: i64,
    counted: Option<(i64, i64)>,
) -> Result<(String, String, Vec<u8>), ExhibitionError> {
    db.transaction(move |conn| {
        let file: (String, String, Vec<u8>) = poster_files::table
            .find(id)
            .select((
                poster_files::file_name,
                poster_files::content_type,
                poster_files::bytes,
            ))
            .first(conn)
            .optional()?
            .ok_or(ExhibitionError::NotFound)?;
        if let Some((city_id, user_id)) = counted {
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
    .await
}
