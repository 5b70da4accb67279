//! The payment form: what staff type, parsed into a payment or the errors to
//! show beside the fields. The bank-statement review reuses the field parsers.

use chrono::NaiveDate;
use serde::Deserialize;

use super::fiscal::{parse_years, FiscalCalendar, FiscalYear};
use super::ledger::{NewPayment, ReceivedAmount};
use super::models::PaymentMethod;
use super::settings::{self, DuesSettings};
use crate::domain::{Currency, ExchangeRate, FieldError, Money, PlainLine};
use crate::web::form::FormErrors;

pub const MAX_REFERENCE_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 500;

/// The payment form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    pub member_number: String,
    #[serde(default)]
    pub received_on: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub rate: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub years: String,
    /// Ticked after the warning about a likely duplicate: record it anyway.
    #[serde(default)]
    pub duplicate_ok: String,
}

/// Who paid, as staff typed it: a member number, or the city's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payer {
    Number(i32),
    Name(PlainLine),
}

/// A member number ("00042", "No. 42") or, when it is not one, a city's name.
pub fn parse_payer(text: &str) -> Result<Payer, FieldError> {
    match parse_member_number(text) {
        Ok(number) => Ok(Payer::Number(number)),
        Err(_) if text.chars().any(char::is_alphabetic) => {
            PlainLine::parse(text, MAX_REFERENCE_CHARS).map(Payer::Name)
        }
        Err(error) => Err(error),
    }
}

/// A payment form that parsed; the payer is looked up when recording.
pub struct ParsedPayment {
    pub payer: Payer,
    /// Staff saw the warning about a likely duplicate and record it anyway.
    pub duplicate_ok: bool,
    pub received_on: NaiveDate,
    pub amount: ReceivedAmount,
    pub method: PaymentMethod,
    pub reference: Option<PlainLine>,
    pub note: Option<PlainLine>,
    pub years: Vec<FiscalYear>,
}

impl ParsedPayment {
    pub fn for_city(self, city_id: i64) -> NewPayment {
        NewPayment {
            city_id,
            received_on: self.received_on,
            amount: self.amount,
            method: self.method,
            reference: self.reference,
            note: self.note,
            years: self.years,
        }
    }
}

/// A member number as printed ("00042") or typed ("42").
pub fn parse_member_number(text: &str) -> Result<i32, FieldError> {
    let digits = text
        .trim()
        .trim_start_matches(['N', 'n', 'o', '.', ' ', '#']);
    match digits.parse::<i32>() {
        Ok(n) if n > 0 => Ok(n),
        _ if text.trim().is_empty() => Err(FieldError("error-required")),
        _ => Err(FieldError("error-member-number-unknown")),
    }
}

/// A date from a date input (2026-11-25), not after `today`: money is recorded
/// when it has arrived.
pub fn parse_received_on(text: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let date = crate::domain::parse_date(text)?;
    if date > today {
        return Err(FieldError("error-date-future"));
    }
    Ok(date)
}

/// An optional line of text: empty is none, anything else must be one plain line.
pub fn optional_line(text: &str, max_chars: usize) -> Result<Option<PlainLine>, FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        PlainLine::parse(text, max_chars).map(Some)
    }
}

/// The amount, its currency and (for a currency other than yen) the rate.
pub fn parse_amount(
    errors: &mut FormErrors,
    amount: &str,
    currency: &str,
    rate: &str,
) -> Option<ReceivedAmount> {
    let currency = errors.check("currency", Currency::parse(currency))?;
    let money = errors.check("amount", Money::parse(amount, currency))?;
    let rate = if currency.is_yen() {
        None
    } else {
        Some(errors.check("rate", ExchangeRate::parse(rate))?)
    };
    errors.check("rate", ReceivedAmount::new(money, rate))
}

pub fn parse_payment(form: &PaymentForm, today: NaiveDate) -> Result<ParsedPayment, FormErrors> {
    let mut errors = FormErrors::default();
    let member_number = errors.check("member_number", parse_payer(&form.member_number));
    let received_on = errors.check("received_on", parse_received_on(&form.received_on, today));
    let amount = parse_amount(&mut errors, &form.amount, &form.currency, &form.rate);
    let method = errors.check(
        "method",
        PaymentMethod::parse(&form.method).ok_or(FieldError("error-choose-option")),
    );
    let reference = errors.check(
        "reference",
        optional_line(&form.reference, MAX_REFERENCE_CHARS),
    );
    let note = errors.check("note", optional_line(&form.note, MAX_NOTE_CHARS));
    let years = errors.check("years", parse_years(&form.years));
    match (
        member_number,
        received_on,
        amount,
        method,
        reference,
        note,
        years,
    ) {
        (
            Some(member_number),
            Some(received_on),
            Some(amount),
            Some(method),
            Some(reference),
            Some(note),
            Some(years),
        ) => Ok(ParsedPayment {
            payer: member_number,
            duplicate_ok: form.duplicate_ok == "yes",
            received_on,
            amount,
            method,
            reference,
            note,
            years,
        }),
        _ => Err(errors),
    }
}

/// The admins' settings form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub fee_jpy: String,
    #[serde(default)]
    pub first_month: String,
    #[serde(default)]
    pub reminder_interval_days: String,
}

/// The settings, or `None` when a value is out of its range.
pub fn parse_settings(form: &SettingsForm) -> Option<DuesSettings> {
    let fee_jpy = Money::parse(&form.fee_jpy, Currency::JPY)
        .ok()
        .map(|m| m.minor_units)
        .filter(|fee| *fee <= settings::MAX_FEE_JPY)?;
    let first_month = form
        .first_month
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let reminder_interval_days = form
        .reminder_interval_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=settings::MAX_REMINDER_INTERVAL_DAYS).contains(d))?;
    Some(DuesSettings {
        fee_jpy,
        calendar: FiscalCalendar::starting_in(first_month),
        reminder_interval_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the payments of these tests are entered on.
    fn entry_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn form(changes: &[(&str, &str)]) -> PaymentForm {
        let mut form = PaymentForm {
            member_number: "00042".into(),
            received_on: "2026-05-10".into(),
            amount: "2,000".into(),
            currency: "JPY".into(),
            method: "bank_transfer".into(),
            years: "2026".into(),
            ..PaymentForm::default()
        };
        for (field, value) in changes {
            let value = value.to_string();
            match *field {
                "amount" => form.amount = value,
                "currency" => form.currency = value,
                "rate" => form.rate = value,
                "received_on" => form.received_on = value,
                "method" => form.method = value,
                _ => unreachable!(),
            }
        }
        form
    }

    #[test]
    fn a_payment_in_yen_needs_no_rate() {
        let parsed = parse_payment(&form(&[]), entry_day()).ok().unwrap();
        assert_eq!(parsed.payer, Payer::Number(42));
        assert_eq!(parsed.amount.yen(), 2000);
        assert_eq!(parsed.years, vec![FiscalYear::new(2026)]);
    }

    #[test]
    fn a_payment_in_dollars_needs_a_rate() {
        let errors = parse_payment(
            &form(&[("currency", "USD"), ("amount", "15.50")]),
            entry_day(),
        )
        .err()
        .unwrap();
        assert_eq!(errors.get("rate"), Some("error-rate-required"));
        let parsed = parse_payment(
            &form(&[("currency", "USD"), ("amount", "15.50"), ("rate", "150.25")]),
            entry_day(),
        )
        .ok()
        .unwrap();
        assert_eq!(parsed.amount.yen(), 2329);
    }

    #[test]
    fn refused_fields_are_named() {
        let errors = parse_payment(
            &form(&[
                ("amount", "15,50"),
                ("received_on", "2027-01-01"),
                ("method", "cheque"),
            ]),
            entry_day(),
        )
        .err()
        .unwrap();
        assert_eq!(errors.get("amount"), Some("error-amount-invalid"));
        assert_eq!(errors.get("received_on"), Some("error-date-future"));
        assert_eq!(errors.get("method"), Some("error-choose-option"));
    }

    #[test]
    fn member_numbers_as_printed_or_typed() {
        assert_eq!(parse_member_number("00042"), Ok(42));
        assert_eq!(parse_member_number("No. 42"), Ok(42));
        assert!(parse_member_number("Ypres").is_err());
        assert!(matches!(parse_payer("Ypres"), Ok(Payer::Name(_))));
        assert_eq!(parse_payer("00042"), Ok(Payer::Number(42)));
        assert!(parse_payer("").is_err());
    }
}
