//! The pages that gather several areas: the public home page, the staff
//! dashboard and a member city's page; and the health check.

mod city;

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::mail::Status;
use crate::web::AppState;
use crate::web::{render, AppError, PageCtx, Staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home)
        .service(dashboard)
        .service(healthz)
        .service(city::city_page);
}

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    member_cities: i64,
    member_countries: i64,
}

#[get("/")]
async fn home(ctx: PageCtx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let table = state.db.run(crate::membership::statistics::table4).await?;
    render(&HomePage {
        ctx,
        member_cities: table.total_cities,
        member_countries: table.total_countries,
    })
}

#[derive(Template)]
#[template(path = "home/dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    mail_failed: i64,
    mail_queued: i64,
    applications_open: i64,
    applications_approved: i64,
    dues: crate::dues::DashboardDues,
    work: WorkCounts,
}

/// What waits for the secretariat in the other areas.
struct WorkCounts {
    exhibitions_requested: i64,
    exhibitions_on_display: i64,
    letters_draft: i64,
    letters_final: i64,
    campaigns_awaiting_approval: i64,
    campaigns_sending: i64,
}

impl WorkCounts {
    fn load(conn: &mut crate::db::DbConn) -> crate::db::DbResult<WorkCounts> {
        use crate::campaigns::{models::CampaignStatus, store as campaigns};
        use crate::exhibitions::{models::Status as Exhibition, queries as exhibitions};
        use crate::letters::{models::LetterStatus, store as letters};
        Ok(WorkCounts {
            exhibitions_requested: exhibitions::count_in(conn, Exhibition::Requested)?,
            exhibitions_on_display: exhibitions::count_in(conn, Exhibition::OnDisplay)?,
            letters_draft: letters::count_in(conn, LetterStatus::Draft)?,
            letters_final: letters::count_in(conn, LetterStatus::Final)?,
            campaigns_awaiting_approval: campaigns::count_in(
                conn,
                CampaignStatus::AwaitingApproval,
            )?,
            campaigns_sending: campaigns::count_in(conn, CampaignStatus::Sending)?,
        })
    }
}

#[get("/staff")]
async fn dashboard(staff: Staff, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let lang = staff.ctx.lang;
    let (counts, applications_open, applications_approved, dues, work) = state
        .db
        .run(move |conn| {
            use crate::membership::applications::count_by_status;
            use crate::membership::models::ApplicationStatus as A;
            Ok((
                crate::mail::outbox::counts(conn)?,
                count_by_status(conn, A::Submitted)? + count_by_status(conn, A::InfoRequested)?,
                count_by_status(conn, A::Approved)?,
                crate::dues::dashboard_summary(conn, &lang)?,
                WorkCounts::load(conn)?,
            ))
        })
        .await?;
    let count_of = |wanted: Status| {
        counts
            .iter()
            .find(|(s, _)| *s == wanted)
            .map_or(0, |(_, n)| *n)
    };
    render(&DashboardPage {
        mail_failed: count_of(Status::Failed),
        mail_queued: count_of(Status::Queued) + count_of(Status::Sending),
        applications_open,
        applications_approved,
        dues,
        work,
        ctx: staff.ctx,
    })
}

/// 200 when the database answers, 503 when it does not: for load balancers.
#[get("/healthz")]
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    use diesel::connection::SimpleConnection;
    match state
        .db
        .run(|conn| Ok(conn.batch_execute("SELECT 1")?))
        .await
    {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
