//! The emails of the membership area, each in the applicant's or city's language.

use chrono::NaiveDate;

use super::applications::Duplicate;
use super::models::{Application, MemberCity};
use crate::domain::EmailAddress;
use crate::i18n::{FluentArg, Lang};
use crate::mail::{Email, EmailContent};

fn to_applicant(application: &Application, content: &EmailContent) -> Email {
    // The address was parsed when the form was submitted.
    let to = EmailAddress::parse(&application.email).unwrap_or_else(|_| fallback_address());
    Email::new(
        to,
        Some(&application.contact_name),
        application.lang(),
        content,
    )
}

/// Never used in practice: stored addresses were valid when stored.
fn fallback_address() -> EmailAddress {
    EmailAddress::parse("invalid-address@invalid.invalid").expect("a valid constant")
}

fn city_arg(application: &Application) -> (&'static str, FluentArg) {
    ("city", FluentArg::Str(application.name_latin.clone()))
}

pub fn application_received(
    application: &Application,
    status_link: &str,
    duplicate: Option<&Duplicate>,
) -> Email {
    let lang = application.lang();
    let mut paragraphs = vec![
        lang.t_with("mail-application-received-body", &[city_arg(application)]),
        lang.t("mail-application-next-steps"),
    ];
    if let Some(duplicate) = duplicate {
        paragraphs.push(duplicate_notice(&lang, duplicate));
    }
    let content = EmailContent {
        subject: lang.t_with(
            "mail-application-received-subject",
            &[
                city_arg(application),
                ("reference", FluentArg::Raw(application.reference.clone())),
            ],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", application.contact_name.clone().into())],
        ),
        paragraphs,
        action: Some((
            lang.t("mail-application-status-action"),
            status_link.to_string(),
        )),
        after: vec![lang.t_with(
            "mail-application-reference",
            &[("reference", FluentArg::Raw(application.reference.clone()))],
        )],
    };
    to_applicant(application, &content)
}

/// What the applicant is told when the city seems to be known already.
pub fn duplicate_notice(lang: &Lang, duplicate: &Duplicate) -> String {
    match duplicate {
        Duplicate::Member {
            name,
            member_number,
        } => lang.t_with(
            "application-duplicate-member",
            &[
                ("city", name.clone().into()),
                ("number", FluentArg::Raw(format!("{member_number:05}"))),
            ],
        ),
        Duplicate::Application { reference } => lang.t_with(
            "application-duplicate-application",
            &[("reference", FluentArg::Raw(reference.clone()))],
        ),
    }
}

pub fn information_requested(
    application: &Application,
    question: &str,
    status_link: &str,
) -> Email {
    let lang = application.lang();
    let content = EmailContent {
        subject: lang.t_with(
            "mail-application-info-subject",
            &[("reference", FluentArg::Raw(application.reference.clone()))],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", application.contact_name.clone().into())],
        ),
        paragraphs: vec![
            lang.t_with("mail-application-info-body", &[city_arg(application)]),
            question.to_string(),
        ],
        action: Some((
            lang.t("mail-application-reply-action"),
            status_link.to_string(),
        )),
        after: vec![],
    };
    to_applicant(application, &content)
}

pub fn application_approved(
    application: &Application,
    registration_day: u32,
    status_link: &str,
) -> Email {
    let lang = application.lang();
    let content = EmailContent {
        subject: lang.t_with(
            "mail-application-approved-subject",
            &[city_arg(application)],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", application.contact_name.clone().into())],
        ),
        paragraphs: vec![
            lang.t_with("mail-application-approved-body", &[city_arg(application)]),
            lang.t_with(
                "mail-application-approved-when",
                &[("day", FluentArg::Raw(registration_day.to_string()))],
            ),
        ],
        action: Some((
            lang.t("mail-application-status-action"),
            status_link.to_string(),
        )),
        after: vec![],
    };
    to_applicant(application, &content)
}

pub fn application_rejected(application: &Application, reason: &str, status_link: &str) -> Email {
    let lang = application.lang();
    let content = EmailContent {
        subject: lang.t_with(
            "mail-application-rejected-subject",
            &[("reference", FluentArg::Raw(application.reference.clone()))],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", application.contact_name.clone().into())],
        ),
        paragraphs: vec![
            lang.t_with("mail-application-rejected-body", &[city_arg(application)]),
            reason.to_string(),
        ],
        action: Some((
            lang.t("mail-application-status-action"),
            status_link.to_string(),
        )),
        after: vec![],
    };
    to_applicant(application, &content)
}

/// Sent when the registration run makes the city a member.
pub fn welcome(
    city: &MemberCity,
    to: &EmailAddress,
    contact_name: &str,
    certificate_link: &str,
    starts_on: NaiveDate,
) -> Email {
    let lang = city.lang();
    let content = EmailContent {
        subject: lang.t_with(
            "mail-welcome-subject",
            &[("city", city.name_latin.clone().into())],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", contact_name.to_string().into())],
        ),
        paragraphs: vec![
            // Registered before the 1st of next month: the membership is yet to start.
            lang.t_with(
                if starts_on > crate::domain::clock::today() {
                    "mail-welcome-body-future"
                } else {
                    "mail-welcome-body"
                },
                &[
                    ("city", city.name_latin.clone().into()),
                    ("date", FluentArg::Raw(lang.date(starts_on))),
                    ("number", FluentArg::Raw(city.number_label())),
                ],
            ),
            lang.t("mail-welcome-activities"),
            lang.t("home-dues"),
        ],
        action: Some((
            lang.t("mail-welcome-certificate-action"),
            certificate_link.to_string(),
        )),
        after: vec![],
    };
    Email::new(to.clone(), Some(contact_name), lang, &content)
}

/// To a staff member: the applicant answered the question, with or without a
/// file. `None` when the staff member has no valid address.
pub fn applicant_answered(
    application: &Application,
    staff: &crate::auth::User,
    file_name: Option<&str>,
    link: &str,
) -> Option<Email> {
    let to = EmailAddress::parse(&staff.email).ok()?;
    let lang = staff
        .language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let reference = ("reference", FluentArg::Raw(application.reference.clone()));
    let mut paragraphs = vec![lang.t_with(
        "secretariat-mail-answered-body",
        &[city_arg(application), reference.clone()],
    )];
    if let Some(file) = file_name {
        paragraphs.push(lang.t_with(
            "secretariat-mail-answered-file",
            &[("file", FluentArg::Str(file.to_string()))],
        ));
    }
    let content = EmailContent {
        subject: lang.t_with(
            "secretariat-mail-answered-subject",
            &[city_arg(application), reference],
        ),
        greeting: lang.t_with(
            "mail-greeting",
            &[("name", staff.display_name.clone().into())],
        ),
        paragraphs,
        action: Some((lang.t("secretariat-mail-answered-action"), link.to_string())),
        after: vec![],
    };
    Some(Email::new(to, Some(&staff.display_name), lang, &content))
}
