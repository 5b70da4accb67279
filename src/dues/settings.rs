//! The dues settings admins change: the yearly fee, the first month of the
//! fiscal year and how often a city may be reminded. Kept in the settings table
//! so that every instance sees the same values.

use crate::db::{DbConn, DbResult};
use crate::domain::{EmailAddress, MultiLine};
use crate::settings;

use super::fiscal::FiscalCalendar;

pub const FEE_JPY: &str = "dues.fee_jpy";
pub const FIRST_MONTH: &str = "dues.fiscal_year_first_month";
pub const REMINDER_INTERVAL_DAYS: &str = "dues.reminder_interval_days";

/// The association's fee since its founding (about 23,000 won).
pub const DEFAULT_FEE_JPY: i64 = 2_000;
/// April, as in Japan, where the secretariat keeps its books.
pub const DEFAULT_FIRST_MONTH: u32 = 4;
/// About twice a year at most: a gentle request, not a demand.
pub const DEFAULT_REMINDER_INTERVAL_DAYS: i64 = 180;

pub const MAX_FEE_JPY: i64 = 10_000_000;
pub const MAX_REMINDER_INTERVAL_DAYS: i64 = 3_650;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DuesSettings {
    /// The fee of fiscal years opened from now on (see `ledger::fee_of`).
    pub fee_jpy: i64,
    pub calendar: FiscalCalendar,
    pub reminder_interval_days: i64,
}

pub fn load(conn: &mut DbConn) -> DbResult<DuesSettings> {
    let fee_jpy = settings::get(conn, FEE_JPY)?
        .and_then(|v| v.parse().ok())
        .filter(|fee| (0..=MAX_FEE_JPY).contains(fee))
        .unwrap_or(DEFAULT_FEE_JPY);
    let first_month = settings::get(conn, FIRST_MONTH)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_FIRST_MONTH);
    let reminder_interval_days = settings::get(conn, REMINDER_INTERVAL_DAYS)?
        .and_then(|v| v.parse().ok())
        .filter(|days| (1..=MAX_REMINDER_INTERVAL_DAYS).contains(days))
        .unwrap_or(DEFAULT_REMINDER_INTERVAL_DAYS);
    Ok(DuesSettings {
        fee_jpy,
        calendar: FiscalCalendar::starting_in(first_month),
        reminder_interval_days,
    })
}

pub fn save(conn: &mut DbConn, new: &DuesSettings) -> DbResult<()> {
    settings::set(conn, FEE_JPY, &new.fee_jpy.to_string())?;
    settings::set(conn, FIRST_MONTH, &new.calendar.first_month().to_string())?;
    settings::set(
        conn,
        REMINDER_INTERVAL_DAYS,
        &new.reminder_interval_days.to_string(),
    )
}

/// "fee 2000 → 3000; first month 4 → 1" for the audit log.
pub fn changes(before: &DuesSettings, after: &DuesSettings) -> String {
    let fields = [
        ("fee JPY", before.fee_jpy, after.fee_jpy),
        (
            "first month",
            i64::from(before.calendar.first_month()),
            i64::from(after.calendar.first_month()),
        ),
        (
            "reminder interval days",
            before.reminder_interval_days,
            after.reminder_interval_days,
        ),
    ];
    let changed: Vec<String> = fields
        .iter()
        .filter(|(_, b, a)| b != a)
        .map(|(name, b, a)| format!("{name}: {b} → {a}"))
        .collect();
    if changed.is_empty() {
        "no change".into()
    } else {
        changed.join("; ")
    }
}

pub const BANK_DETAILS: &str = "dues.bank_details";
pub const CONTACT_EMAIL: &str = "dues.contact_email";
pub const MAX_BANK_DETAILS_CHARS: usize = 1000;

/// How a city pays and whom it asks: printed in every reminder. Admins edit
/// them beside the fee; a reminder is not sent without them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentContact {
    /// The association's bank account as a city's treasurer needs it (several lines).
    pub bank_details: Option<MultiLine>,
    /// Where a city writes with questions about its contribution.
    pub contact: Option<EmailAddress>,
}

impl PaymentContact {
    pub fn is_complete(&self) -> bool {
        self.bank_details.is_some() && self.contact.is_some()
    }
}

pub fn load_contact(conn: &mut DbConn) -> DbResult<PaymentContact> {
    let bank_details = settings::get(conn, BANK_DETAILS)?
        .and_then(|v| MultiLine::parse(&v, MAX_BANK_DETAILS_CHARS).ok());
    let contact = settings::get(conn, CONTACT_EMAIL)?.and_then(|v| EmailAddress::parse(&v).ok());
    Ok(PaymentContact {
        bank_details,
        contact,
    })
}

/// Saves both; returns what changed, for the audit log.
pub fn save_contact(conn: &mut DbConn, new: &PaymentContact) -> DbResult<String> {
    let before = load_contact(conn)?;
    let bank = new.bank_details.as_ref().map(MultiLine::as_str);
    let contact = new.contact.as_ref().map(EmailAddress::as_str);
    settings::set(conn, BANK_DETAILS, bank.unwrap_or_default())?;
    settings::set(conn, CONTACT_EMAIL, contact.unwrap_or_default())?;
    let mut changed = Vec::new();
    if before.bank_details != new.bank_details {
        changed.push("bank details changed".to_string());
    }
    if before.contact != new.contact {
        let was = before.contact.as_ref().map(EmailAddress::as_str);
        changed.push(format!(
            "contact address: {} → {}",
            was.unwrap_or("none"),
            contact.unwrap_or("none")
        ));
    }
    Ok(if changed.is_empty() {
        "no change".into()
    } else {
        changed.join("; ")
    })
}
