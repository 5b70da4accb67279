//! Joining requests: what a submitted form becomes, duplicate detection, the
//! applicant's private status link, and the reviewer's decisions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::emails;
use super::models::{Application, ApplicationMessage, ApplicationStatus, MemberCity};
use super::names;
use crate::db::{DbConn, DbResult};
use crate::domain::random::hash_token;
use crate::domain::signed_link::{self, Purpose};
use crate::domain::{CountryCode, EmailAddress, MultiLine, PhoneNumber, PlainLine, WebAddress};
use crate::i18n::Lang;
use crate::mail;
use crate::schema::{application_files, application_messages, applications, member_cities};

/// A letter of intent as uploaded: checked to be a PDF of bounded size.
pub struct Letter {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub const MAX_LETTER_BYTES: usize = 5 * 1024 * 1024;

impl Letter {
    pub fn parse(
        file_name: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<Option<Letter>, crate::domain::FieldError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        if bytes.len() > MAX_LETTER_BYTES {
            return Err(crate::domain::FieldError("error-letter-too-large"));
        }
        // The file's own signature, not its name or the browser's claim.
        if !bytes.starts_with(b"%PDF-") {
            return Err(crate::domain::FieldError("error-letter-not-pdf"));
        }
        let name: String = file_name
            .unwrap_or("letter.pdf")
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
            .take(100)
            .collect();
        let file_name = if name.trim().is_empty() {
            "letter.pdf".to_string()
        } else {
            name
        };
        Ok(Some(Letter { file_name, bytes }))
    }
}

/// A file an applicant attaches to an answer (the signed letter staff asked
/// for, a scan): a PDF, PNG or JPEG by its own first bytes, of bounded size.
pub struct Attachment {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Attachment {
    pub fn parse(
        file_name: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<Option<Attachment>, crate::domain::FieldError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        if bytes.len() > MAX_LETTER_BYTES {
            return Err(crate::domain::FieldError("error-letter-too-large"));
        }
        let (content_type, extension) = if bytes.starts_with(b"%PDF-") {
            ("application/pdf", "pdf")
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ("image/png", "png")
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ("image/jpeg", "jpg")
        } else {
            return Err(crate::domain::FieldError("secretariat-attachment-type"));
        };
        Ok(Some(Attachment {
            file_name: safe_file_name(file_name, extension),
            content_type,
            bytes,
        }))
    }
}

/// A file name fit for a Content-Disposition header: letters, digits and
/// `.-_ ` only, at most 100 characters, ending in the type's extension.
pub fn safe_file_name(file_name: Option<&str>, extension: &str) -> String {
    let name: String = file_name
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(100)
        .collect();
    let name = name.trim().trim_start_matches('.').to_string();
    let suffix = format!(".{extension}");
    match name.is_empty() {
        true => format!("attachment{suffix}"),
        false if name.to_lowercase().ends_with(&suffix) => name,
        false => format!("{name}{suffix}"),
    }
}

/// A file attached to a message of the thread, without its bytes.
#[derive(Debug, Clone, Queryable)]
pub struct MessageFile {
    pub id: i64,
    pub message_id: i64,
    pub file_name: String,
    pub size: i64,
}

/// A joining request parsed from the public form.
pub struct NewApplication {
    pub name_latin: PlainLine,
    pub name_native: Option<PlainLine>,
    pub country_code: CountryCode,
    pub province: Option<PlainLine>,
    pub mayor_name: PlainLine,
    pub mayor_title: PlainLine,
    pub contact_name: PlainLine,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
    pub postal_address: MultiLine,
    pub website: Option<WebAddress>,
    pub population: Option<i64>,
    pub message: Option<MultiLine>,
    pub language: Lang,
    pub invitation_id: Option<i64>,
    pub letter: Option<Letter>,
}

/// The same city already in the records.
#[derive(Debug, Clone)]
pub enum Duplicate {
    Member { name: String, member_number: i32 },
    Application { reference: String },
}

pub struct Submitted {
    pub id: i64,
    pub reference: String,
    pub status_token: String,
    pub duplicate: Option<Duplicate>,
}

/// The private link's token: signed for the application's id under the app's
/// secret key ([`signed_link`], `application-status:{id}` as before, so links
/// already sent keep working), so it can be put in every email again without
/// being stored, and can neither be guessed nor forged.
pub fn status_token(secret_key: &[u8], application_id: i64) -> String {
    signed_link::token(secret_key, Purpose::ApplicationStatus, &[application_id])
}

pub fn status_path(secret_key: &[u8], application_id: i64) -> String {
    format!("/join/status/{}", status_token(secret_key, application_id))
}

/// A member or open application for the same city (same normalised name and country).
pub fn find_duplicate(
    conn: &mut DbConn,
    name_latin: &str,
    country_code: &str,
) -> DbResult<(Option<MemberCity>, Option<Application>)> {
    let key = names::duplicate_key(name_latin);
    let member = member_cities::table
        .filter(member_cities::duplicate_key.eq(&key))
        .filter(member_cities::country_code.eq(country_code))
        .select(MemberCity::as_select())
        .first(conn)
        .optional()?;
    let open: Vec<&str> = ApplicationStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    let application = applications::table
        .filter(applications::duplicate_key.eq(&key))
        .filter(applications::country_code.eq(country_code))
        .filter(applications::status.eq_any(open))
        .order(applications::id.asc())
        .select(Application::as_select())
        .first(conn)
        .optional()?;
    Ok((member, application))
}

/// Stores the request, its letter and the applicant's confirmation email, in the
/// caller's transaction.
pub fn submit(
    conn: &mut DbConn,
    new: NewApplication,
    secret_key: &[u8],
    base_url: &str,
) -> DbResult<Submitted> {
    let now = crate::domain::clock::now();
    let (member, open_application) =
        find_duplicate(conn, new.name_latin.as_str(), &new.country_code)?;
    // Placeholders until the id is known: both columns are unique.
    let placeholder = crate::domain::random::random_token();
    let id: i64 = diesel::insert_into(applications::table)
        .values((
            applications::reference.eq(&placeholder),
            applications::status_token_hash.eq(&placeholder),
            applications::status.eq(ApplicationStatus::Submitted.as_str()),
            applications::name_latin.eq(new.name_latin.as_str()),
            applications::name_native.eq(new.name_native.as_ref().map(PlainLine::as_str)),
            applications::duplicate_key.eq(names::duplicate_key(new.name_latin.as_str())),
            applications::country_code.eq(new.country_code.as_str()),
            applications::province.eq(new.province.as_ref().map(PlainLine::as_str)),
            applications::mayor_name.eq(new.mayor_name.as_str()),
            applications::mayor_title.eq(new.mayor_title.as_str()),
            applications::contact_name.eq(new.contact_name.as_str()),
            applications::email.eq(new.email.as_str()),
            applications::phone.eq(new.phone.as_ref().map(PhoneNumber::as_str)),
            applications::postal_address.eq(new.postal_address.as_str()),
            applications::website.eq(new.website.as_ref().map(WebAddress::as_str)),
            applications::population.eq(new.population),
            applications::message.eq(new.message.as_ref().map(MultiLine::as_str)),
            applications::language.eq(new.language.code()),
            applications::duplicate_city_id.eq(member.as_ref().map(|m| m.id)),
            applications::duplicate_application_id.eq(open_application.as_ref().map(|a| a.id)),
            applications::invitation_id.eq(new.invitation_id),
            applications::created_at.eq(now),
            applications::updated_at.eq(now),
        ))
        .returning(applications::id)
        .get_result(conn)?;
    let reference = format!("J{}-{:05}", now.format("%Y"), id);
    let status_token = status_token(secret_key, id);
    diesel::update(applications::table.find(id))
        .set((
            applications::reference.eq(&reference),
            applications::status_token_hash.eq(hash_token(&status_token)),
        ))
        .execute(conn)?;
    if let Some(letter) = &new.letter {
        diesel::insert_into(application_files::table)
            .values((
                application_files::application_id.eq(id),
                application_files::file_name.eq(&letter.file_name),
                application_files::content_type.eq("application/pdf"),
                application_files::bytes.eq(&letter.bytes),
                application_files::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    let duplicate = match (member, open_application) {
        (Some(city), _) => Some(Duplicate::Member {
            name: city.display_name(),
            member_number: city.member_number,
        }),
        (None, Some(application)) => Some(Duplicate::Application {
            reference: application.reference,
        }),
        (None, None) => None,
    };
    let application = find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    let link = format!("{base_url}/join/status/{status_token}");
    let email = emails::application_received(&application, &link, duplicate.as_ref());
    mail::enqueue(
        conn,
        &format!("application-{id}-received"),
        &email,
        Some(mail::Reference::new("application", id)),
    )?;
    Ok(Submitted {
        id,
        reference,
        status_token,
        duplicate,
    })
}

pub fn find(conn: &mut DbConn, id: i64) -> DbResult<Option<Application>> {
    Ok(applications::table
        .find(id)
        .select(Application::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_status_token(conn: &mut DbConn, token: &str) -> DbResult<Option<Application>> {
    Ok(applications::table
        .filter(applications::status_token_hash.eq(hash_token(token)))
        .select(Application::as_select())
        .first(conn)
        .optional()?)
}

pub fn messages(conn: &mut DbConn, application_id: i64) -> DbResult<Vec<ApplicationMessage>> {
    Ok(application_messages::table
        .filter(application_messages::application_id.eq(application_id))
        .order(application_messages::id.asc())
        .select(ApplicationMessage::as_select())
        .load(conn)?)
}

/// The letter of intent: file name and bytes.
pub fn letter(conn: &mut DbConn, application_id: i64) -> DbResult<Option<(String, Vec<u8>)>> {
    Ok(application_files::table
        .filter(application_files::application_id.eq(application_id))
        .filter(application_files::message_id.is_null())
        .select((application_files::file_name, application_files::bytes))
        .first(conn)
        .optional()?)
}

pub fn has_letter(conn: &mut DbConn, application_id: i64) -> DbResult<bool> {
    let count: i64 = application_files::table
        .filter(application_files::application_id.eq(application_id))
        .filter(application_files::message_id.is_null())
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct QueueFilter {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub duplicates: String,
}

/// The review queue: open requests first (oldest first), or those of one status.
pub fn queue(conn: &mut DbConn, filter: &QueueFilter) -> DbResult<Vec<Application>> {
    let mut query = applications::table.into_boxed();
    match ApplicationStatus::parse(filter.status.trim()) {
        Some(status) => query = query.filter(applications::status.eq(status.as_str())),
        None if filter.status.trim() == "all" => {}
        None => {
            query = query.filter(applications::status.eq_any([
                ApplicationStatus::Submitted.as_str(),
                ApplicationStatus::InfoRequested.as_str(),
            ]))
        }
    }
    if let Some(code) = super::cities::country_filter(&filter.country) {
        query = query.filter(applications::country_code.eq(code));
    }
    if !filter.q.trim().is_empty() {
        let pattern = format!(
            "%{}%",
            crate::audit::escape_like(&names::duplicate_key(&filter.q))
        );
        query = query.filter(applications::duplicate_key.like(pattern).escape('\\'));
    }
    if filter.duplicates == "yes" {
        query = query.filter(
            applications::duplicate_city_id
                .is_not_null()
                .or(applications::duplicate_application_id.is_not_null()),
        );
    }
    Ok(query
        .order(applications::id.asc())
        .limit(500)
        .select(Application::as_select())
        .load(conn)?)
}

pub fn count_by_status(conn: &mut DbConn, status: ApplicationStatus) -> DbResult<i64> {
    Ok(applications::table
        .filter(applications::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}

/// Adds a message to the thread; returns its id.
pub fn add_message(
    conn: &mut DbConn,
    application_id: i64,
    from_applicant: bool,
    author_id: Option<i64>,
    body: &str,
    now: NaiveDateTime,
) -> DbResult<i64> {
    Ok(diesel::insert_into(application_messages::table)
        .values((
            application_messages::application_id.eq(application_id),
            application_messages::from_applicant.eq(from_applicant),
            application_messages::author_id.eq(author_id),
            application_messages::body.eq(body),
            application_messages::created_at.eq(now),
        ))
        .returning(application_messages::id)
        .get_result(conn)?)
}

/// Keeps an answer's attachment with the request, tied to its message.
pub fn attach(
    conn: &mut DbConn,
    application_id: i64,
    message_id: i64,
    file: &Attachment,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::insert_into(application_files::table)
        .values((
            application_files::application_id.eq(application_id),
            application_files::message_id.eq(Some(message_id)),
            application_files::file_name.eq(&file.file_name),
            application_files::content_type.eq(file.content_type),
            application_files::bytes.eq(&file.bytes),
            application_files::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The files attached to the thread's messages (not the letter of intent).
pub fn message_files(conn: &mut DbConn, application_id: i64) -> DbResult<Vec<MessageFile>> {
    let rows: Vec<(i64, Option<i64>, String, i64)> = application_files::table
        .filter(application_files::application_id.eq(application_id))
        .filter(application_files::message_id.is_not_null())
        .order(application_files::id.asc())
        .select((
            application_files::id,
            application_files::message_id,
            application_files::file_name,
            diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(LENGTH(bytes) AS BIGINT)"),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, message_id, file_name, size)| {
            Some(MessageFile {
                id,
                message_id: message_id?,
                file_name,
                size,
            })
        })
        .collect())
}

/// One attached file of the request: name, type and bytes.
pub fn message_file(
    conn: &mut DbConn,
    application_id: i64,
    file_id: i64,
) -> DbResult<Option<(String, String, Vec<u8>)>> {
    Ok(application_files::table
        .filter(application_files::id.eq(file_id))
        .filter(application_files::application_id.eq(application_id))
        .filter(application_files::message_id.is_not_null())
        .select((
            application_files::file_name,
            application_files::content_type,
            application_files::bytes,
        ))
        .first(conn)
        .optional()?)
}

/// Of `ids`, the requests whose latest message is the applicant's: they
/// answered, and the queue says so.
pub fn answered(conn: &mut DbConn, ids: &[i64]) -> DbResult<std::collections::HashSet<i64>> {
    let rows: Vec<(i64, bool)> = application_messages::table
        .filter(application_messages::application_id.eq_any(ids))
        .order((
            application_messages::application_id.asc(),
            application_messages::id.asc(),
        ))
        .select((
            application_messages::application_id,
            application_messages::from_applicant,
        ))
        .load(conn)?;
    let mut latest = std::collections::HashMap::new();
    for (id, from_applicant) in rows {
        latest.insert(id, from_applicant);
    }
    Ok(latest
        .into_iter()
        .filter_map(|(id, from_applicant)| from_applicant.then_some(id))
        .collect())
}

/// Moves the request from `from` (any of) to `to`; false if it was no longer in
/// one of those states (another reviewer acted first).
pub fn transition(
    conn: &mut DbConn,
    id: i64,
    from: &[ApplicationStatus],
    to: ApplicationStatus,
    reason: Option<&str>,
    decided_by: Option<i64>,
) -> DbResult<bool> {
    let now = crate::domain::clock::now();
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let updated = diesel::update(
        applications::table
            .find(id)
            .filter(applications::status.eq_any(from)),
    )
    .set((
        applications::status.eq(to.as_str()),
        applications::decision_reason.eq(reason),
        applications::decided_at.eq(decided_by.map(|_| now)),
        applications::decided_by.eq(decided_by),
        applications::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Approved requests waiting for the registration run, oldest decision first.
pub fn approved_waiting(conn: &mut DbConn) -> DbResult<Vec<Application>> {
    Ok(applications::table
        .filter(applications::status.eq(ApplicationStatus::Approved.as_str()))
        .order((applications::decided_at.asc(), applications::id.asc()))
        .select(Application::as_select())
        .load(conn)?)
}

pub fn mark_registered(conn: &mut DbConn, id: i64, city_id: i64) -> DbResult<()> {
    diesel::update(applications::table.find(id))
        .set((
            applications::status.eq(ApplicationStatus::Registered.as_str()),
            applications::city_id.eq(city_id),
            applications::updated_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_tokens_depend_on_the_key_and_the_id() {
        let key = b"0123456789abcdef0123456789abcdef";
        assert_eq!(status_token(key, 1), status_token(key, 1));
        assert_ne!(status_token(key, 1), status_token(key, 2));
        assert_ne!(
            status_token(key, 1),
            status_token(b"another key, another installation", 1)
        );
        assert!(status_token(key, 1).len() >= 43, "256 bits");
    }

    #[test]
    fn status_links_already_sent_keep_working() {
        let key = b"0123456789abcdef0123456789abcdef";
        let before = crate::domain::signed_link::token_of_text(key, "application-status:42");
        assert_eq!(status_token(key, 42), before);
    }

    #[test]
    fn letters_must_be_pdfs_of_bounded_size() {
        assert!(Letter::parse(Some("a.pdf"), Vec::new()).unwrap().is_none());
        assert!(Letter::parse(Some("a.pdf"), b"%PDF-1.7 ...".to_vec())
            .unwrap()
            .is_some());
        assert_eq!(
            Letter::parse(Some("a.pdf"), b"MZ\x90\x00".to_vec()).err(),
            Some(crate::domain::FieldError("error-letter-not-pdf"))
        );
        let big = [b"%PDF-".as_slice(), &vec![0u8; MAX_LETTER_BYTES]].concat();
        assert_eq!(
            Letter::parse(Some("a.pdf"), big).err(),
            Some(crate::domain::FieldError("error-letter-too-large"))
        );
        let letter = Letter::parse(Some("../../etc/passwd\r\n.pdf"), b"%PDF-1.4".to_vec())
            .unwrap()
            .unwrap();
        assert_eq!(letter.file_name, "....etcpasswd.pdf");
    }
}
