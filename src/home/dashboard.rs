//! What the home page and the staff dashboard count.

use crate::db::{Db, DbConn, DbError, DbResult};
use crate::i18n::Lang;
use crate::mail::Status;
use crate::membership::models::ApplicationStatus;
use crate::membership::MembershipError;

/// What waits for the secretariat in the other areas.
pub struct WorkCounts {
    pub exhibitions_requested: i64,
    pub exhibitions_on_display: i64,
    pub letters_draft: i64,
    pub letters_final: i64,
    pub campaigns_awaiting_approval: i64,
    pub campaigns_sending: i64,
}

impl WorkCounts {
    fn load(conn: &mut DbConn) -> DbResult<WorkCounts> {
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
            campaigns_sending: campaigns::count_sending(conn)?,
        })
    }
}

/// The staff dashboard's figures.
pub struct Dashboard {
    pub mail_failed: i64,
    pub mail_queued: i64,
    pub applications_open: i64,
    pub applications_approved: i64,
    pub dues: crate::dues::DashboardDues,
    pub work: WorkCounts,
}

pub async fn dashboard(db: &Db, lang: Lang) -> Result<Dashboard, MembershipError> {
    db.read(move |conn| {
        use crate::membership::applications::count_by_status;
        use ApplicationStatus as A;
        let counts = crate::mail::outbox::counts(conn)?;
        let count_of = |wanted: Status| {
            counts
                .iter()
                .find(|(s, _)| *s == wanted)
                .map_or(0, |(_, n)| *n)
        };
        Ok(Dashboard {
            mail_failed: count_of(Status::Failed),
            mail_queued: count_of(Status::Queued) + count_of(Status::Sending),
            applications_open: count_by_status(conn, A::Submitted)?
                + count_by_status(conn, A::InfoRequested)?,
            applications_approved: count_by_status(conn, A::Approved)?,
            dues: crate::dues::dashboard_summary(conn, &lang)?,
            work: WorkCounts::load(conn)?,
        })
    })
    .await
}

/// Whether the database answers (the health check).
pub async fn database_answers(db: &Db) -> Result<(), DbError> {
    use diesel::connection::SimpleConnection;
    db.run(|conn| Ok(conn.batch_execute("SELECT 1")?)).await
}
