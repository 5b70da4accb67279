//! The secretariat's review of joining requests: the queue, a request's page,
//! and the decisions (approve, reject with a reason, ask for more information),
//! each emailed to the applicant and audited.

use super::applications::{self, Duplicate, QueueFilter};
use super::countries;
use super::emails;
use super::error::MembershipError;
use super::join::country_options;
use super::models::{Application, ApplicationMessage, ApplicationStatus};
use crate::audit::{self, Action, Actor};
use crate::config::Config;
use crate::db::{Db, DbConn, DbResult};
use crate::domain::MultiLine;
use crate::i18n::Lang;
use crate::mail::{self, Email};

/// The city an application duplicates, if the reviewer should know.
pub fn duplicate_of(conn: &mut DbConn, application: &Application) -> DbResult<Option<Duplicate>> {
    if let Some(city) = application
        .duplicate_city_id
        .map(|id| super::cities::find(conn, id))
        .transpose()?
        .flatten()
    {
        return Ok(Some(Duplicate::Member {
            name: city.display_name(),
            member_number: city.member_number,
        }));
    }
    if let Some(other) = application
        .duplicate_application_id
        .map(|id| applications::find(conn, id))
        .transpose()?
        .flatten()
    {
        return Ok(Some(Duplicate::Application {
            reference: other.reference,
        }));
    }
    Ok(None)
}

/// The review queue, the requests in it whose applicant answered last, and
/// the countries its filter offers.
pub struct QueueView {
    pub applications: Vec<Application>,
    pub answered: std::collections::HashSet<i64>,
    pub countries: Vec<(String, String)>,
}

pub async fn queue(db: &Db, filter: QueueFilter, lang: Lang) -> Result<QueueView, MembershipError> {
    db.read(move |conn| {
        let applications = applications::queue(conn, &filter)?;
        let ids: Vec<i64> = applications.iter().map(|a| a.id).collect();
        Ok(QueueView {
            answered: applications::answered(conn, &ids)?,
            countries: country_options(&countries::all(conn)?, &lang),
            applications,
        })
    })
    .await
}

/// What a request's page shows.
pub struct ApplicationView {
    pub application: Application,
    /// The country's name in the reader's language.
    pub country: String,
    pub duplicate: Option<Duplicate>,
    pub messages: Vec<ApplicationMessage>,
    /// Files attached to the applicant's answers.
    pub files: Vec<applications::MessageFile>,
    pub has_letter: bool,
    pub registration_day: u32,
}

pub async fn application(db: &Db, id: i64, lang: Lang) -> Result<ApplicationView, MembershipError> {
    db.read(move |conn| {
        let application = applications::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let country = countries::find(conn, &application.country_code)?
            .map(|c| c.name(&lang).to_string())
            .unwrap_or_default();
        Ok(ApplicationView {
            duplicate: duplicate_of(conn, &application)?,
            messages: applications::messages(conn, id)?,
            files: applications::message_files(conn, id)?,
            has_letter: applications::has_letter(conn, id)?,
            registration_day: crate::settings::registration_day(conn)?,
            country,
            application,
        })
    })
    .await
}

/// The letter of intent: file name and bytes.
pub async fn letter(db: &Db, id: i64) -> Result<(String, Vec<u8>), MembershipError> {
    db.read(move |conn| applications::letter(conn, id)?.ok_or(MembershipError::NotFound))
        .await
}

/// A file attached to an answer: name, type and bytes.
pub async fn message_file(
    db: &Db,
    id: i64,
    file_id: i64,
) -> Result<(String, String, Vec<u8>), MembershipError> {
    db.read(move |conn| {
        applications::message_file(conn, id, file_id)?.ok_or(MembershipError::NotFound)
    })
    .await
}

/// A reviewer's decision on a request.
#[derive(Debug, Clone)]
pub enum Decision {
    Approve,
    /// With the reason the applicant reads.
    Reject(MultiLine),
    /// With the question the applicant answers.
    RequestInformation(MultiLine),
}

impl Decision {
    fn action(&self) -> Action {
        match self {
            Decision::Approve => Action::ApplicationApprove,
            Decision::Reject(_) => Action::ApplicationReject,
            Decision::RequestInformation(_) => Action::ApplicationRequestInformation,
        }
    }

    /// The statuses the decision can be taken from.
    fn from(&self) -> &'static [ApplicationStatus] {
        match self {
            Decision::Approve | Decision::RequestInformation(_) => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InfoRequested,
            ],
            Decision::Reject(_) => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InfoRequested,
                ApplicationStatus::Approved,
            ],
        }
    }

    fn to(&self) -> ApplicationStatus {
        match self {
            Decision::Approve => ApplicationStatus::Approved,
            Decision::Reject(_) => ApplicationStatus::Rejected,
            Decision::RequestInformation(_) => ApplicationStatus::InfoRequested,
        }
    }

    fn note(&self) -> Option<&str> {
        match self {
            Decision::Approve => None,
            Decision::Reject(note) | Decision::RequestInformation(note) => Some(note.as_str()),
        }
    }

    /// The message key of the reviewer's confirmation.
    pub fn success_key(&self) -> &'static str {
        match self {
            Decision::Approve => "application-approved",
            Decision::Reject(_) => "application-rejected",
            Decision::RequestInformation(_) => "application-information-requested",
        }
    }

    fn email(&self, application: &Application, registration_day: u32, link: &str) -> Email {
        match self {
            Decision::Approve => emails::application_approved(application, registration_day, link),
            Decision::Reject(reason) => {
                emails::application_rejected(application, reason.as_str(), link)
            }
            Decision::RequestInformation(question) => {
                emails::information_requested(application, question.as_str(), link)
            }
        }
    }
}

/// One decision: the transition, the note in the thread, the applicant's email
/// and the audit entry, in one transaction. A request no longer in a status the
/// decision can be taken from is refused (`application-not-changed`).
pub async fn decide(
    db: &Db,
    actor: &Actor,
    id: i64,
    decision: Decision,
    config: &Config,
) -> Result<(), MembershipError> {
    let actor = actor.clone();
    let config = config.clone();
    db.transaction(move |conn| {
        let application = applications::find(conn, id)?.ok_or(MembershipError::NotFound)?;
        let to = decision.to();
        let note = decision.note();
        if !applications::transition(conn, id, decision.from(), to, note, actor.user_id)? {
            return Err(MembershipError::Refused("application-not-changed"));
        }
        if let Decision::RequestInformation(question) = &decision {
            let now = crate::domain::clock::now();
            applications::add_message(conn, id, false, actor.user_id, question.as_str(), now)?;
        }
        let link = config.link(&applications::status_path(&config.secret_key, id));
        let registration_day = crate::settings::registration_day(conn)?;
        let email = decision.email(&application, registration_day, &link);
        let key = format!(
            "application-{id}-{}-{}",
            decision.action().as_str(),
            crate::domain::clock::now().and_utc().timestamp_micros()
        );
        let reference = mail::Reference::new("application", id);
        mail::enqueue(conn, &key, &email, Some(reference))?;
        let summary = format!(
            "{} ({}): {} → {}{}",
            application.name_latin,
            application.reference,
            application.status.as_str(),
            to.as_str(),
            note.map(|n| format!("; {n}")).unwrap_or_default()
        );
        audit::record(conn, &actor, decision.action(), id, summary)?;
        Ok(())
    })
    .await
}
