//! The meeting's day: the delegate list as CSV, one A4 sheet of badges, the
//! sign-in sheet, attendance marked from a phone (a search box over the
//! delegates, one button per delegate), and the visa invitation letters.

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::audit::StaffAction;
use crate::i18n::{FluentArg, Lang};
use crate::meetings::manage::{self, VisaLetter};
use crate::meetings::models::Meeting;
use crate::meetings::views::{self, DelegateRow};
use crate::web::{render, AppError, AppState, PageCtx, Staff};

#[get("/staff/meetings/{id:\\d+}/delegates.csv")]
pub async fn delegates_csv(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = views::delegates_csv(&state.db, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"meeting-{id}-delegates.csv\""),
        ))
        .body(body))
}

#[derive(Template)]
#[template(path = "meetings/badges.html")]
struct BadgesPage {
    ctx: PageCtx,
    meeting: Meeting,
    rows: Vec<DelegateRow>,
}

#[get("/staff/meetings/{id:\\d+}/badges")]
pub async fn badges(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (meeting, rows) =
        views::delegates(&state.db, id.into_inner(), staff.ctx.lang, None).await?;
    render(&BadgesPage {
        ctx: staff.ctx,
        meeting,
        rows,
    })
}

#[derive(Template)]
#[template(path = "meetings/sign_in.html")]
struct SignInPage {
    ctx: PageCtx,
    meeting: Meeting,
    rows: Vec<DelegateRow>,
}

#[get("/staff/meetings/{id:\\d+}/sign-in")]
pub async fn sign_in_sheet(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (meeting, rows) =
        views::delegates(&state.db, id.into_inner(), staff.ctx.lang, None).await?;
    render(&SignInPage {
        ctx: staff.ctx,
        meeting,
        rows,
    })
}

#[derive(Template)]
#[template(path = "meetings/attendance.html")]
struct AttendancePage {
    ctx: PageCtx,
    meeting: Meeting,
    rows: Vec<DelegateRow>,
    q: String,
}

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

#[get("/staff/meetings/{id:\\d+}/attendance")]
pub async fn attendance_page(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    search: web::Query<Search>,
) -> Result<HttpResponse, AppError> {
    let q = search.into_inner().q;
    let (meeting, rows) =
        views::delegates(&state.db, id.into_inner(), staff.ctx.lang, Some(q.clone())).await?;
    render(&AttendancePage {
        ctx: staff.ctx,
        meeting,
        rows,
        q,
    })
}

#[derive(Deserialize)]
pub struct Mark {
    #[serde(default)]
    present: String,
    #[serde(default)]
    q: String,
}

#[post("/staff/meetings/{id:\\d+}/attendance/{delegate:\\d+}")]
pub async fn mark_attendance(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<Mark>,
) -> Result<HttpResponse, AppError> {
    let (id, delegate) = path.into_inner();
    let present = form.present == "yes";
    let marked = manage::set_attendance(&state.db, &action.actor, id, delegate, present).await;
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &form.q)
        .finish();
    let to = format!("/staff/meetings/{id}/attendance?{query}");
    let key = if present {
        "meeting-marked-present"
    } else {
        "meeting-marked-absent"
    };
    action.answer(marked, &to, |name| action.ctx.t1(key, "name", name))
}

#[derive(Template)]
#[template(path = "meetings/visa_letter.html")]
struct VisaLetterPage {
    letter: VisaLetter,
    lang: Lang,
    issued: String,
    body: String,
}

/// The letter's paragraph naming the delegate and the meeting, in `lang`.
fn visa_body(letter: &VisaLetter, lang: Lang) -> String {
    let text = |s: &str| FluentArg::Str(s.to_string());
    let meeting = &letter.meeting;
    lang.t_with(
        "meeting-visa-body",
        &[
            ("name", text(&letter.delegate.name)),
            ("title", text(&letter.delegate.title)),
            ("city", text(&letter.city.display_name())),
            ("country", text(&letter.country)),
            ("meeting", text(meeting.title(&lang))),
            ("venue", text(&meeting.venue)),
            ("starts", FluentArg::Raw(lang.date(meeting.starts_on))),
            ("ends", FluentArg::Raw(lang.date(meeting.ends_on))),
        ],
    )
}

/// Issues (records, the first time) and shows the printable letter, in the
/// language of the delegate's city.
#[post("/staff/meetings/{id:\\d+}/visa/{delegate:\\d+}")]
pub async fn visa_letter(
    action: StaffAction,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, delegate) = path.into_inner();
    let letter = manage::issue_visa_letter(&state.db, &action.actor, id, delegate).await?;
    let lang = Lang::parse(&letter.city.language).unwrap_or_default();
    render(&VisaLetterPage {
        issued: lang.date(letter.issued_on),
        body: visa_body(&letter, lang),
        letter,
        lang,
    })
}
