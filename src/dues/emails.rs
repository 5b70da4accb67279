//! The emails of the dues area, each in the city's language. They speak of a
//! voluntary contribution, because that is what it is: none of them says or
//! suggests that membership depends on paying.

use super::fiscal::FiscalCalendar;
use super::ledger::YearPosition;
use super::receipts::Receipt;
use super::settings::PaymentContact;
use crate::domain::EmailAddress;
use crate::i18n::{FluentArg, Lang};
use crate::mail::{Email, EmailContent};
use crate::membership::models::MemberCity;

fn raw(text: impl Into<String>) -> FluentArg {
    FluentArg::Raw(text.into())
}

/// The city's contact address, if it has a valid one.
pub fn city_address(city: &MemberCity) -> Option<EmailAddress> {
    EmailAddress::parse(city.email.as_deref()?).ok()
}

fn greeting(city: &MemberCity, lang: &Lang) -> String {
    let name = city
        .contact_name
        .clone()
        .unwrap_or_else(|| city.name_latin.clone());
    lang.t_with("mail-greeting", &[("name", name.into())])
}

fn city_dues_link(base_url: &str) -> String {
    format!("{}/city/dues", base_url.trim_end_matches('/'))
}

/// The receipt itself, as an email; `None` when the city has no address.
/// `receipt` must have been loaded in the city's language.
pub fn receipt(receipt: &Receipt, base_url: &str) -> Option<Email> {
    let city = &receipt.city;
    let to = city_address(city)?;
    let lang = city.lang();
    let mut details = vec![
        lang.t_with(
            "mail-dues-receipt-number",
            &[("number", raw(&receipt.number))],
        ),
        lang.t_with(
            "mail-dues-receipt-from",
            &[
                ("city", city.display_name().into()),
                ("number", raw(city.number_label())),
            ],
        ),
        lang.t_with(
            "mail-dues-receipt-date",
            &[("date", raw(lang.date(receipt.entry.received_on)))],
        ),
        lang.t_with(
            "mail-dues-receipt-amount",
            &[("amount", raw(&receipt.amount))],
        ),
    ];
    if let Some((rate, yen)) = &receipt.conversion {
        details.push(lang.t_with(
            "mail-dues-receipt-conversion",
            &[("rate", raw(rate)), ("yen", raw(yen))],
        ));
    }
    details.extend(
        receipt
            .years
            .iter()
            .map(|year| format!("{} ({}): {}", year.label, year.period, year.amount)),
    );
    let content = EmailContent {
        subject: lang.t_with(
            "mail-dues-receipt-subject",
            &[("number", raw(&receipt.number))],
        ),
        greeting: greeting(city, &lang),
        paragraphs: vec![
            lang.t_with(
                "mail-dues-receipt-body",
                &[("city", city.name_latin.clone().into())],
            ),
            details.join("\n"),
        ],
        action: Some((lang.t("mail-dues-action"), city_dues_link(base_url))),
        after: vec![lang.t("mail-dues-receipt-keep")],
    };
    Some(Email::new(to, city.contact_name.as_deref(), lang, &content))
}

/// A gentle request for the year's voluntary contribution.
pub fn reminder(
    city: &MemberCity,
    to: &EmailAddress,
    position: &YearPosition,
    calendar: FiscalCalendar,
    contact: &PaymentContact,
    base_url: &str,
) -> Email {
    let lang = city.lang();
    let year = position.year.label(&lang);
    let mut paragraphs = vec![
        lang.t_with(
            "mail-dues-reminder-thanks",
            &[("city", city.name_latin.clone().into())],
        ),
        lang.t_with(
            "mail-dues-reminder-invitation",
            &[
                ("fee", raw(lang.money(position.fee_jpy, "JPY"))),
                ("year", raw(&year)),
                ("period", raw(calendar.period(position.year, &lang))),
            ],
        ),
    ];
    if position.paid_jpy > 0 {
        paragraphs.push(lang.t_with(
            "mail-dues-reminder-partly",
            &[
                ("paid", raw(lang.money(position.paid_jpy, "JPY"))),
                ("rest", raw(lang.money(position.outstanding_jpy(), "JPY"))),
            ],
        ));
    }
    paragraphs.push(lang.t("mail-dues-reminder-voluntary"));
    paragraphs.push(lang.t_with(
        "mail-dues-reminder-reference",
        &[("number", raw(city.number_label()))],
    ));
    if let Some(bank) = &contact.bank_details {
        paragraphs.push(format!(
            "{}\n{}",
            lang.t("secretariat-mail-reminder-bank"),
            bank.as_str()
        ));
    }
    let mut after = vec![lang.t("mail-dues-reminder-opt-out")];
    if let Some(address) = &contact.contact {
        after.push(lang.t_with(
            "secretariat-mail-reminder-contact",
            &[("address", raw(address.as_str()))],
        ));
    }
    let content = EmailContent {
        subject: lang.t_with(
            "mail-dues-reminder-subject",
            &[
                ("year", raw(&year)),
                ("city", city.name_latin.clone().into()),
            ],
        ),
        greeting: greeting(city, &lang),
        paragraphs,
        action: Some((lang.t("mail-dues-action"), city_dues_link(base_url))),
        after,
    };
    // The city may answer this one: the footer says so instead of "do not reply".
    Email::inviting_replies(to.clone(), city.contact_name.as_deref(), lang, &content)
}
