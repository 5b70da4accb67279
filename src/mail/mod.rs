//! Durable email. Areas enqueue messages in the same transaction as the change
//! that causes them ([`enqueue`]); delivery workers ([`worker`]) claim due
//! messages with a lease, send them through SMTP or into .eml files, and mark
//! each one sent right after the server accepts it.

pub mod admin;
pub mod compose;
pub mod error;
mod handlers;
pub mod outbox;
pub mod retention;
pub mod smtp;
pub mod transport;
pub mod unsubscribe;
pub mod worker;

pub use compose::{Email, EmailContent};
pub use error::MailError;
pub use handlers::configure;
pub use outbox::{enqueue, OutboxMessage, Reference, Status};
