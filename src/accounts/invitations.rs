//! Invitations: an admin invites staff (membership invites a city's users
//! through [`invite`]); the invitee follows the emailed link, chooses a
//! password and is signed in.

use chrono::Duration;

use super::error::AccountsError;
use crate::audit::{self, Action, Actor};
use crate::auth::queries::{self, Invitation, NewAccount, NewInvitation};
use crate::auth::{password, Role, User};
use crate::db::{self, Db, DbError};
use crate::domain::clock::now;
use crate::domain::{random, EmailAddress, Password, PlainLine};
use crate::i18n::Lang;
use crate::mail;
use crate::web::form::FormErrors;

const INVITATION_VALID_DAYS: i64 = 7;

/// Who to invite, as what, and in which language to write to them.
pub struct InvitationRequest<'a> {
    pub email: &'a EmailAddress,
    pub name: &'a PlainLine,
    pub role: Role,
    /// The member city a city user will act for.
    pub city_id: Option<i64>,
    pub invited_by: Option<&'a User>,
    pub lang: Lang,
    pub base_url: &'a str,
}

/// Creates an invitation and queues its email, inside the caller's transaction.
/// `None` when an account with the address exists already.
pub fn invite(
    conn: &mut db::DbConn,
    request: InvitationRequest<'_>,
) -> Result<Option<i64>, DbError> {
    if queries::find_user_by_email(conn, &request.email.key())?.is_some() {
        return Ok(None);
    }
    let token = random::random_token();
    let now = now();
    let invitation = NewInvitation {
        email_key: &request.email.key(),
        display_name: request.name.as_str(),
        role: request.role,
        token_hash: &random::hash_token(&token),
        invited_by: request.invited_by.map(|u| u.id),
        expires_at: now + Duration::days(INVITATION_VALID_DAYS),
        city_id: request.city_id,
    };
    let id = queries::insert_invitation(conn, invitation, now)?;
    let email = invitation_email(&request, &format!("{}/invite/{token}", request.base_url));
    mail::enqueue(
        conn,
        &format!("invitation-{id}"),
        &email,
        Some(mail::Reference::new("invitation", id)),
    )?;
    Ok(Some(id))
}

/// The invitation email; the invitee has no language setting yet, so the caller
/// chooses (the inviting admin's, or the member city's).
fn invitation_email(request: &InvitationRequest<'_>, link: &str) -> mail::Email {
    let lang = request.lang;
    let inviter = request
        .invited_by
        .map_or_else(|| lang.t("mail-footer-name"), |u| u.display_name.clone());
    let content = mail::EmailContent {
        subject: lang.t("mail-invite-subject"),
        greeting: lang.t_with("mail-greeting", &[("name", request.name.as_str().into())]),
        paragraphs: vec![lang.t_with(
            "mail-invite-body",
            &[
                ("inviter", inviter.into()),
                ("role", lang.t(request.role.label_key()).into()),
            ],
        )],
        action: Some((lang.t("mail-invite-action"), link.to_string())),
        after: vec![lang.t("mail-invite-expiry")],
    };
    mail::Email::new(
        request.email.clone(),
        Some(request.name.as_str()),
        lang,
        &content,
    )
}

/// A member of the secretariat to invite (city users are invited from their
/// city's page).
pub struct StaffInvitation {
    pub email: EmailAddress,
    pub name: PlainLine,
    pub role: Role,
}

/// An admin invites staff or another admin, writing in their own language;
/// refused when the address has an account already.
pub async fn invite_staff(
    db: &Db,
    actor: &Actor,
    inviter: &User,
    invitation: StaffInvitation,
    lang: Lang,
    base_url: &str,
) -> Result<i64, AccountsError> {
    let (actor, inviter, base_url) = (actor.clone(), inviter.clone(), base_url.to_string());
    db.transaction(move |conn| {
        let request = InvitationRequest {
            email: &invitation.email,
            name: &invitation.name,
            role: invitation.role,
            city_id: None,
            invited_by: Some(&inviter),
            lang,
            base_url: &base_url,
        };
        let id = invite(conn, request)?.ok_or(AccountsError::EmailTaken)?;
        let summary = format!(
            "invited {} as {}",
            invitation.email.key(),
            invitation.role.as_str()
        );
        audit::record(conn, &actor, Action::UserInvite, id, summary)?;
        Ok(id)
    })
    .await
}

/// The invitation a link opens, while it can still be accepted.
pub async fn open(db: &Db, token: &str) -> Result<Invitation, AccountsError> {
    let hash = random::hash_token(token);
    db.read(move |conn| {
        queries::find_open_invitation(conn, &hash, now())?.ok_or(AccountsError::InvitationGone)
    })
    .await
}

/// The invitee's choices on accepting.
pub struct Acceptance {
    pub name: PlainLine,
    pub password: Password,
}

/// Accepts an invitation: the account is made with the invited role (and
/// city), in the language of the page. The link is checked before the form.
pub async fn accept(
    db: &Db,
    from: &Actor,
    token: &str,
    lang: Lang,
    acceptance: Result<Acceptance, FormErrors>,
) -> Result<User, AccountsError> {
    let invitation = open(db, token).await?;
    let acceptance = match acceptance {
        Ok(acceptance) => acceptance,
        Err(errors) => {
            return Err(AccountsError::InvalidAcceptance(
                Box::new(invitation),
                errors,
            ))
        }
    };
    let hash = password::hash(acceptance.password.expose().to_string()).await?;
    let ip = from.ip.clone();
    let created = db
        .transaction(move |conn| {
            let now = now();
            // Accepting twice at once: only the first marks it accepted.
            if !queries::mark_invitation_accepted(conn, invitation.id, now)? {
                return Err(AccountsError::InvitationGone);
            }
            let account = NewAccount {
                email_key: &invitation.email,
                display_name: acceptance.name.as_str(),
                password_hash: &hash,
                role: invitation.role,
                language: Some(&lang.code()),
                city_id: invitation.city_id,
            };
            let id = queries::insert_user(conn, account, now)?;
            let user = queries::find_user(conn, id)?.ok_or(AccountsError::NotFound)?;
            let summary = format!(
                "{} joined as {} (invitation {})",
                invitation.email,
                invitation.role.as_str(),
                invitation.id
            );
            let actor = Actor::user(&user, ip);
            audit::record(conn, &actor, Action::UserAcceptInvitation, id, summary)?;
            Ok(user)
        })
        .await;
    match created {
        // Someone made an account with this address after the invitation was sent.
        Err(AccountsError::Database(e)) if e.is_unique_violation() => {
            Err(AccountsError::InvitationGone)
        }
        other => other,
    }
}
