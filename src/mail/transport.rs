//! Where messages go: an SMTP server through lettre, or, with no SMTP_URL set,
//! .eml files in the data folder so that a new installation shows every email.

use std::path::PathBuf;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use super::outbox::OutboxMessage;
use super::smtp::{SmtpPool, SmtpSettings};
use crate::config::Config;

pub enum Transport {
    /// SMTP connections with TCP_NODELAY, pooled (see [`super::smtp`]).
    Smtp(SmtpPool),
    Files(PathBuf),
}

/// Why a delivery failed, and so whether to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Connection trouble, a timeout or a 4xx reply: worth another try later.
    Transient(String),
    /// A 5xx reply or a message that cannot be built: trying again won't help.
    Permanent(String),
}

impl Transport {
    pub fn from_config(config: &Config) -> anyhow::Result<Transport> {
        match &config.mail.smtp_url {
            Some(url) => {
                let settings = SmtpSettings::from_url(url, config.mail.send_timeout())?;
                Ok(Transport::Smtp(SmtpPool::new(settings)))
            }
            None => {
                let folder = config.data_dir.join("mail");
                std::fs::create_dir_all(&folder).map_err(|e| {
                    anyhow::anyhow!("cannot create {} for .eml files: {e}", folder.display())
                })?;
                Ok(Transport::Files(folder))
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(_) => "SMTP".into(),
            Transport::Files(folder) => format!(".eml files in {}", folder.display()),
        }
    }

    pub async fn send(&self, message: &OutboxMessage, from: &Mailbox) -> Result<(), SendError> {
        let email = build(message, from)?;
        match self {
            Transport::Smtp(pool) => pool.send(email.envelope(), &email.formatted()).await,
            Transport::Files(folder) => write_eml(folder, message, &email.formatted()).await,
        }
    }
}

/// The message as it goes out (public for the load test's bare SMTP loop).
pub fn build(message: &OutboxMessage, from: &Mailbox) -> Result<Message, SendError> {
    let invalid = |what: &str| SendError::Permanent(format!("invalid {what}"));
    let to = Mailbox::new(
        message.recipient_name.clone(),
        message
            .recipient_email
            .parse()
            .map_err(|_| invalid("recipient address"))?,
    );
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(message.message_id.clone()));
    for cc in message.cc_addresses() {
        builder = builder.cc(Mailbox::new(
            None,
            cc.parse().map_err(|_| invalid("cc address"))?,
        ));
    }
    if let Some(url) = &message.list_unsubscribe {
        // RFC 8058: the URL in angle brackets, and the POST body a mail client sends.
        // The URL is ours (built from BASE_URL), but a line break must never pass.
        if url.chars().any(|c| c.is_control() || c == '>') {
            return Err(invalid("unsubscribe URL"));
        }
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    let built = match &message.html_body {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            message.text_body.clone(),
            html.clone(),
        )),
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(message.text_body.clone()),
    };
    built.map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
}

/// Writes `NNNNNN-<subject>.eml` atomically (a temporary name, then a rename), so a
/// reader never sees half a message and a retry overwrites rather than doubles.
async fn write_eml(
    folder: &std::path::Path,
    message: &OutboxMessage,
    bytes: &[u8],
) -> Result<(), SendError> {
    let slug: String = message
        .subject
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let path = folder.join(format!("{:06}-{}.eml", message.id, slug.trim_matches('-')));
    let temporary = folder.join(format!(".{:06}.eml.tmp", message.id));
    let io_error =
        |e: std::io::Error| SendError::Transient(format!("cannot write {}: {e}", path.display()));
    tokio::fs::write(&temporary, bytes)
        .await
        .map_err(io_error)?;
    tokio::fs::rename(&temporary, &path).await.map_err(io_error)
}
