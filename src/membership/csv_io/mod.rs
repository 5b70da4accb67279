//! The member list as a CSV file: the staff directory's export, and the import
//! of an existing membership list (the secretariat's spreadsheet of the cities
//! that joined before this system).
//!
//! Export and import share one set of columns, so an exported file imports
//! again unchanged. A cell a spreadsheet would run as a formula is written with
//! a leading `'` and read back without it.

pub mod columns;
pub mod export;
pub mod import;
pub mod update;

pub use columns::{neutralise, restore, Column};
pub use import::{Problem, Refusal};
