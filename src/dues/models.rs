//! The ledger as stored, and the kinds and statuses read from it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::fiscal::FiscalYear;
use crate::domain::{Currency, Money};
use crate::schema::{dues_allocations, dues_entries, dues_import_rows, dues_imports};

crate::text_enum!(
    /// What a ledger entry records.
    EntryKind {
        Payment => "payment" / "dues-kind-payment",
        Waiver => "waiver" / "dues-kind-waiver",
        Reversal => "reversal" / "dues-kind-reversal",
    }
);

crate::text_enum!(
    /// How a payment reached the secretariat.
    PaymentMethod {
        BankTransfer => "bank_transfer" / "dues-method-bank-transfer",
        Card => "card" / "dues-method-card",
        Cash => "cash" / "dues-method-cash",
        Other => "other" / "dues-method-other",
    }
);

crate::text_enum!(
    /// Where a city's voluntary contribution for one fiscal year stands. It says
    /// nothing about membership, which dues never change.
    DuesStatus {
        Paid => "paid" / "dues-status-paid",
        PartlyPaid => "partly_paid" / "dues-status-partly-paid",
        Unpaid => "unpaid" / "dues-status-unpaid",
        Waived => "waived" / "dues-status-waived",
    }
);

/// One line of the ledger. Never updated or deleted once written.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dues_entries)]
pub struct LedgerEntry {
    pub id: i64,
    pub city_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: EntryKind,
    pub received_on: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
    pub exchange_rate: Option<String>,
    pub amount_jpy: i64,
    pub method: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub reverses_id: Option<i64>,
    pub receipt_number: Option<String>,
    pub recorded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl LedgerEntry {
    /// The amount in its own currency. A currency code in the table was parsed
    /// before it was stored; an unknown one would show as yen only in theory.
    pub fn money(&self) -> Money {
        Money {
            minor_units: self.amount_minor,
            currency: Currency::parse(&self.currency).unwrap_or(Currency::JPY),
        }
    }

    pub fn is_foreign_currency(&self) -> bool {
        self.currency != Currency::JPY.code()
    }

    pub fn method(&self) -> Option<PaymentMethod> {
        self.method.as_deref().and_then(PaymentMethod::parse)
    }

    /// The message key of its method's name, or "" for waivers.
    pub fn method_label(&self) -> &'static str {
        self.method().map_or("", PaymentMethod::label_key)
    }

    pub fn can_be_reversed(&self) -> bool {
        self.kind != EntryKind::Reversal
    }
}

/// The part of an entry that counts for one fiscal year, in yen.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dues_allocations)]
pub struct Allocation {
    pub id: i64,
    pub entry_id: i64,
    pub city_id: i64,
    pub fiscal_year: i32,
    pub amount_jpy: i64,
}

impl Allocation {
    pub fn year(&self) -> FiscalYear {
        FiscalYear::new(self.fiscal_year)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dues_imports)]
pub struct BankImport {
    pub id: i64,
    pub file_name: String,
    pub row_count: i32,
    pub uploaded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dues_import_rows)]
pub struct ImportRow {
    pub id: i64,
    pub import_id: i64,
    pub line_number: i32,
    pub received_on: Option<NaiveDate>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub description: String,
    pub problem: Option<String>,
    pub city_id: Option<i64>,
    pub matched_by: Option<String>,
    pub posted_at: Option<NaiveDateTime>,
    pub entry_id: Option<i64>,
}

impl ImportRow {
    /// The amount, when the row could be read.
    pub fn money(&self) -> Option<Money> {
        let currency = Currency::parse(self.currency.as_deref()?).ok()?;
        Some(Money {
            minor_units: self.amount_minor?,
            currency,
        })
    }

    pub fn is_posted(&self) -> bool {
        self.posted_at.is_some()
    }
}
