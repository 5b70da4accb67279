//! The member list as a CSV file: the staff directory's export and the import
//! of an existing membership list (dry run, then all or nothing).

use std::collections::HashSet;

use actix_multipart::form::{bytes::Bytes as Upload, text::Text, MultipartForm};
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::domain::{FieldError, PlainLine};
use crate::membership::cities::DirectoryFilter;
use crate::membership::csv_io::import::{self, Mode, Outcome, Purpose, MAX_IMPORT_BYTES, MAX_LINE};
use crate::membership::csv_io::update::RowChanges;
use crate::membership::csv_io::{export, Column, Problem, Refusal};
use crate::membership::error::MembershipError;
use crate::web::AppState;
use crate::web::{render_with_status, AppError, PageCtx, Staff};

/// Every city the directory's filter matches (all pages), as a download.
#[get("/staff/members/export.csv")]
pub async fn export_members(
    action: StaffAction,
    state: web::Data<AppState>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse, AppError> {
    let members = export::members(&state.db, &action.actor, filter.into_inner()).await?;
    // Thousands of rows: written off the request threads.
    let body = web::block(move || export::export_csv(&members))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let today = crate::domain::clock::today();
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"members-{today}.csv\""),
        ))
        // Every member's contact details: kept out of shared caches.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Template)]
#[template(path = "membership/import.html")]
struct ImportPage {
    ctx: PageCtx,
    columns: &'static [Column],
    max_mb: usize,
    file_error: Option<&'static str>,
    /// After a dry run that found every row good.
    ready: Option<i64>,
    problems: Vec<Problem>,
    bad_rows: i64,
    good_rows: i64,
    /// The file updates existing cities (by member number) rather than adding new ones.
    update: bool,
    /// After an update's dry run: the rows that change something, field by field.
    changes: Vec<RowChanges>,
    /// After an update's dry run: the rows that change nothing.
    unchanged: i64,
}

impl ImportPage {
    fn new(ctx: PageCtx) -> ImportPage {
        ImportPage {
            ctx,
            columns: &Column::ALL,
            max_mb: MAX_IMPORT_BYTES / (1024 * 1024),
            file_error: None,
            ready: None,
            problems: Vec::new(),
            bad_rows: 0,
            good_rows: 0,
            update: false,
            changes: Vec::new(),
            unchanged: 0,
        }
    }

    fn for_purpose(ctx: PageCtx, purpose: Purpose) -> ImportPage {
        ImportPage {
            update: purpose == Purpose::Update,
            ..ImportPage::new(ctx)
        }
    }

    fn refused(ctx: PageCtx, purpose: Purpose, refusal: Refusal) -> ImportPage {
        let page = ImportPage::for_purpose(ctx, purpose);
        match refusal {
            Refusal::Unreadable(error) => ImportPage {
                file_error: Some(error.0),
                ..page
            },
            Refusal::Problems {
                problems,
                good_rows,
            } => ImportPage {
                bad_rows: to_count(
                    problems
                        .iter()
                        .map(|p| p.line)
                        .collect::<HashSet<_>>()
                        .len(),
                ),
                good_rows: to_count(good_rows),
                problems,
                ..page
            },
        }
    }

    /// An update's dry run: the good rows' changes beside the other rows'
    /// problems (422 when there are any).
    fn of_changes(
        ctx: PageCtx,
        purpose: Purpose,
        rows: Vec<RowChanges>,
        problems: Vec<Problem>,
    ) -> ImportPage {
        let good_rows = rows.len();
        let (changes, unchanged): (Vec<RowChanges>, Vec<RowChanges>) =
            rows.into_iter().partition(|row| !row.changes.is_empty());
        let page = if problems.is_empty() {
            ImportPage::for_purpose(ctx, purpose)
        } else {
            let refusal = Refusal::Problems {
                problems,
                good_rows,
            };
            ImportPage::refused(ctx, purpose, refusal)
        };
        ImportPage {
            changes,
            unchanged: to_count(unchanged.len()),
            ..page
        }
    }

    /// 422 when the file was refused, as for a form with errors.
    fn status(&self) -> StatusCode {
        if self.file_error.is_some() || !self.problems.is_empty() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }

    fn respond(self) -> Result<HttpResponse, AppError> {
        let status = self.status();
        render_with_status(&self, status)
    }
}

fn to_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[get("/staff/members/import")]
pub async fn import_form(staff: Staff) -> Result<HttpResponse, AppError> {
    ImportPage::new(staff.ctx).respond()
}

#[derive(MultipartForm)]
pub struct ImportUpload {
    // Above the cap, so that a file a little too large gets its own message
    // rather than the generic "form could not be read".
    #[multipart(limit = "11MiB")]
    file: Option<Upload>,
    /// Which button was pressed: `import`, or `dry_run`.
    mode: Option<Text<String>>,
    /// `update` to change existing cities by member number; else new cities.
    purpose: Option<Text<String>>,
}

impl ImportUpload {
    /// Anything but the import button is a dry run: the safe reading.
    fn mode(&self) -> Mode {
        match self.mode.as_ref().map(|m| m.0.as_str()) {
            Some("import") => Mode::Import,
            _ => Mode::DryRun,
        }
    }

    fn purpose(&self) -> Purpose {
        match self.purpose.as_ref().map(|p| p.0.as_str()) {
            Some("update") => Purpose::Update,
            _ => Purpose::Add,
        }
    }

    /// The uploaded file's bytes and name, or why there is nothing to read.
    fn into_file(self) -> Result<(web::Bytes, String), FieldError> {
        let file = self
            .file
            .filter(|file| !file.data.is_empty())
            .ok_or(FieldError("import-error-no-file"))?;
        if file.data.len() > MAX_IMPORT_BYTES {
            return Err(FieldError("import-error-too-large"));
        }
        let name = file
            .file_name
            .as_deref()
            .and_then(|name| PlainLine::parse(name, MAX_LINE).ok())
            .map_or_else(|| "an unnamed file".to_string(), PlainLine::into_string);
        Ok((file.data, name))
    }
}

#[post("/staff/members/import")]
pub async fn import_upload(
    action: StaffAction,
    state: web::Data<AppState>,
    upload: MultipartForm<ImportUpload>,
) -> Result<HttpResponse, AppError> {
    let upload = upload.into_inner();
    let (mode, purpose) = (upload.mode(), upload.purpose());
    let (bytes, file_name) = match upload.into_file() {
        Ok(file) => file,
        Err(error) => {
            return ImportPage::refused(action.ctx, purpose, Refusal::Unreadable(error)).respond()
        }
    };
    let outcome = import::import(
        &state.db,
        &action.actor,
        bytes.to_vec(),
        file_name,
        mode,
        purpose,
    )
    .await;
    answer_import(action, purpose, outcome)
}

/// The page, or the redirect with its message, for each outcome of an import
/// or of its dry run.
fn answer_import(
    action: StaffAction,
    purpose: Purpose,
    outcome: Result<Outcome, MembershipError>,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(Outcome::Imported(imported)) => {
            let message = action.ctx.tn("import-done", "count", to_count(imported));
            Ok(action.done(message, "/staff/members?sort=number"))
        }
        Ok(Outcome::Ready(rows)) => ImportPage {
            ready: Some(to_count(rows)),
            ..ImportPage::for_purpose(action.ctx, purpose)
        }
        .respond(),
        Ok(Outcome::Updated { cities, fields }) => {
            let message = action.ctx.tn2(
                "import-updated",
                "fields",
                to_count(fields),
                "cities",
                to_count(cities),
            );
            Ok(action.done(message, "/staff/members?sort=number"))
        }
        Ok(Outcome::Changes { rows, problems }) => {
            ImportPage::of_changes(action.ctx, purpose, rows, problems).respond()
        }
        Err(MembershipError::ImportRefused(refusal)) => {
            ImportPage::refused(action.ctx, purpose, refusal).respond()
        }
        Err(error) => Err(error.into()),
    }
}
