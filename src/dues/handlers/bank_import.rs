//! Bank statements: the upload page with recent statements, the review of
//! one statement's matches, and posting the ticked rows.

use actix_multipart::form::{bytes::Bytes as Upload, MultipartForm};
use actix_web::{get, post, web, HttpResponse};
use askama::Template;

use crate::audit::StaffAction;
use crate::dues::bank_import::{self, chosen_rows, ImportLine, RowView};
use crate::dues::counted;
use crate::dues::models::BankImport;
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[derive(Template)]
#[template(path = "dues/import.html")]
struct ImportPage {
    ctx: PageCtx,
    imports: Vec<ImportLine>,
}

#[get("/staff/dues/import")]
pub async fn import_page(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let imports = bank_import::recent(&state.db).await?;
    render(&ImportPage {
        ctx: staff.ctx,
        imports,
    })
}

#[derive(MultipartForm)]
struct StatementUpload {
    #[multipart(limit = "2MB")]
    statement: Option<Upload>,
}

#[post("/staff/dues/import")]
pub async fn upload_statement(
    action: StaffAction,
    state: web::Data<AppState>,
    upload: MultipartForm<StatementUpload>,
) -> Result<HttpResponse, AppError> {
    let Some(file) = upload.into_inner().statement else {
        return Ok(action.refused(action.t("dues-import-no-file"), "/staff/dues/import"));
    };
    let file_name = file.file_name.as_deref();
    let stored = bank_import::upload(&state.db, &action.actor, file_name, &file.data).await;
    let to = match &stored {
        Ok(stored) => format!("/staff/dues/import/{}", stored.import_id),
        Err(_) => "/staff/dues/import".to_string(),
    };
    action.answer(stored, &to, |stored| {
        let rows = i64::try_from(stored.rows).unwrap_or(i64::MAX);
        counted(&action.ctx.lang, "dues-import-stored", rows)
    })
}

#[derive(Template)]
#[template(path = "dues/import_review.html")]
struct ReviewPage {
    ctx: PageCtx,
    import: BankImport,
    rows: Vec<RowView>,
}

#[get("/staff/dues/import/{id}")]
pub async fn review_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (import, rows) = bank_import::review(&state.db, id.into_inner(), staff.ctx.lang).await?;
    render(&ReviewPage {
        ctx: staff.ctx,
        import,
        rows,
    })
}

/// Posts the ticked rows; says how many became payments, and why each line
/// that could not be posted was left.
#[post("/staff/dues/import/{id}/post")]
pub async fn post_rows(
    action: StaffAction,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let import_id = id.into_inner();
    let choices = chosen_rows(&form);
    let posted = bank_import::post_rows(&state.db, &action.actor, import_id, choices).await?;
    let to = format!("/staff/dues/import/{import_id}");
    let ctx = &action.ctx;
    let mut answer = None;
    if !posted.receipts.is_empty() {
        let count = i64::try_from(posted.receipts.len()).unwrap_or(i64::MAX);
        answer = Some(action.done(counted(&ctx.lang, "dues-import-posted", count), &to));
    }
    for (line, reason) in posted.refused {
        let message = ctx.t2(
            "dues-import-line-refused",
            "line",
            line,
            "reason",
            ctx.t(reason),
        );
        answer = Some(action.refused(message, &to));
    }
    Ok(answer.unwrap_or_else(|| action.inform(ctx.t("dues-import-nothing-posted"), &to)))
}
