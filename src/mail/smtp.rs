//! SMTP connections of our own making, kept in a small pool.
//!
//! lettre 0.11 never sets TCP_NODELAY on the sockets it opens: each message's
//! closing "." then waits for the server's delayed ACK (about 40 ms), so one
//! connection sends about 25 messages a second (fixed upstream in lettre PR
//! #1159, not in a release). Here we open the TCP stream ourselves, set
//! TCP_NODELAY, and hand it to lettre's `AsyncSmtpConnection`, which still
//! speaks SMTP, STARTTLS and AUTH for us; implicit TLS (`smtps://`) is wrapped
//! around our stream with the same native-tls settings lettre uses.
//!
//! Connections are reused while they are healthy: one message at a time on
//! each (SMTP has no multiplexing), as many at once as there are senders.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::transport::SendError;

/// A connection unused for this long is closed rather than reused: servers drop
/// idle clients (Postfix after 300 s), and a fresh one costs a few round trips.
const IDLE_LIMIT: Duration = Duration::from_secs(30);

/// How the connection is secured, as `SMTP_URL` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://host`: plain text (a local relay).
    None,
    /// `smtp://host?tls=opportunistic`: STARTTLS when the server offers it.
    Opportunistic,
    /// `smtp://host?tls=required`: STARTTLS, or no message at all.
    Required,
    /// `smtps://host`: TLS from the first byte.
    Wrapper,
}

/// Where and how to connect: what `SMTP_URL` says, parsed once.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
    /// The longest a whole send may take: connecting, every command, the reply.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the credentials.
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SmtpSettings {
    /// Reads an URL the way lettre's `from_url` does: `smtp://user:password@host:port`
    /// with `?tls=required|opportunistic`, or `smtps://…`; a path names the EHLO domain.
    pub fn from_url(text: &str, timeout: Duration) -> anyhow::Result<SmtpSettings> {
        let url = url::Url::parse(text).map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?;
        let host = url
            .host_str()
            .ok_or_else(|| anyhow::anyhow!("SMTP_URL: no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::None, 25),
            ("smtp", Some("required")) => (Security::Required, 587),
            ("smtp", Some("opportunistic")) => (Security::Opportunistic, 587),
            ("smtps", _) => (Security::Wrapper, 465),
            (scheme, tls) => anyhow::bail!(
                "SMTP_URL: unknown scheme {scheme:?} or tls={tls:?} (smtp://, smtps://, tls=required or tls=opportunistic)"
            ),
        };
        let decode = |part: &str| -> anyhow::Result<String> {
            Ok(percent_encoding::percent_decode_str(part)
                .decode_utf8()
                .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
                .into_owned())
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        let path = url.path().trim_matches('/');
        let hello = if path.is_empty() {
            ClientId::default()
        } else {
            ClientId::Domain(path.to_string())
        };
        Ok(SmtpSettings {
            port: url.port().unwrap_or(default_port),
            host,
            security,
            credentials,
            hello,
            timeout,
        })
    }

    fn tls_parameters(&self) -> Result<TlsParameters, SendError> {
        TlsParameters::new(self.host.clone())
            .map_err(|e| SendError::Permanent(format!("TLS settings for {}: {e}", self.host)))
    }
}

/// Open connections waiting for their next message, with when each was last used.
pub struct SmtpPool {
    settings: SmtpSettings,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpPool {
    pub fn new(settings: SmtpSettings) -> SmtpPool {
        SmtpPool {
            settings,
            idle: Mutex::new(Vec::new()),
        }
    }

    pub fn settings(&self) -> &SmtpSettings {
        &self.settings
    }

    /// Sends one message on a pooled connection (or a new one), within the timeout.
    pub async fn send(&self, envelope: &Envelope, bytes: &[u8]) -> Result<(), SendError> {
        let timeout = self.settings.timeout;
        match tokio::time::timeout(timeout, self.send_within(envelope, bytes)).await {
            Ok(result) => result,
            // The connection is dropped mid-way: if the closing "." had gone, the
            // server may still accept it (the at-least-once window).
            Err(_) => Err(SendError::Transient(format!(
                "no answer from the SMTP server within {} s",
                timeout.as_secs_f32()
            ))),
        }
    }

    async fn send_within(&self, envelope: &Envelope, bytes: &[u8]) -> Result<(), SendError> {
        if let Some(mut connection) = self.take_idle() {
            match transaction(&mut connection, envelope, bytes).await {
                Ok(()) => {
                    self.put_back(connection);
                    return Ok(());
                }
                // The server closed the idle connection before MAIL FROM was
                // answered: nothing of this message went out, so a fresh
                // connection may try it again at once.
                Err(Failure::BeforeMail(_)) => {}
                Err(failure) => return Err(failure.into_send_error()),
            }
        }
        let mut connection = self.connect().await?;
        transaction(&mut connection, envelope, bytes)
            .await
            .map_err(Failure::into_send_error)?;
        self.put_back(connection);
        Ok(())
    }

    fn take_idle(&self) -> Option<AsyncSmtpConnection> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        while let Some((connection, since)) = idle.pop() {
            if since.elapsed() < IDLE_LIMIT && !connection.has_broken() {
                return Some(connection);
            }
            // Too old to trust: dropping it closes the socket.
        }
        None
    }

    fn put_back(&self, connection: AsyncSmtpConnection) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.push((connection, Instant::now()));
    }

    /// TCP with TCP_NODELAY, then TLS as configured, EHLO and AUTH.
    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let settings = &self.settings;
        let network = |e: io::Error| {
            SendError::Transient(format!(
                "cannot connect to {}:{}: {e}",
                settings.host, settings.port
            ))
        };
        let tcp = TcpStream::connect((settings.host.as_str(), settings.port))
            .await
            .map_err(network)?;
        tcp.set_nodelay(true).map_err(network)?;
        let stream: Box<dyn AsyncTokioStream> = match settings.security {
            Security::Wrapper => Box::new(wrap_tls(tcp, &settings.host).await?),
            _ => Box::new(tcp),
        };
        let mut connection = AsyncSmtpConnection::connect_with_transport(stream, &settings.hello)
            .await
            .map_err(smtp_error)?;
        let starttls = match settings.security {
            Security::Required => true,
            Security::Opportunistic => connection.can_starttls(),
            Security::None | Security::Wrapper => false,
        };
        if starttls {
            // lettre upgrades our stream in place; TCP_NODELAY stays on the socket.
            // A server without STARTTLS fails here, and nothing is sent in clear.
            connection
                .starttls(settings.tls_parameters()?, &settings.hello)
                .await
                .map_err(smtp_error)?;
        }
        if let Some(credentials) = &settings.credentials {
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(smtp_error)?;
        }
        Ok(connection)
    }
}

/// Why one SMTP transaction failed, and whether any of the message went out.
enum Failure {
    /// The connection was gone before MAIL FROM was answered.
    BeforeMail(lettre::transport::smtp::Error),
    /// A reply or an error after that.
    Later(lettre::transport::smtp::Error),
    Refused(String),
}

impl Failure {
    fn into_send_error(self) -> SendError {
        match self {
            Failure::BeforeMail(e) | Failure::Later(e) => smtp_error(e),
            Failure::Refused(text) => SendError::Permanent(text),
        }
    }
}

/// MAIL FROM, RCPT TO for each recipient, DATA and the message, as lettre's own
/// `send` does, but telling a dead idle connection apart from a refusal.
async fn transaction(
    connection: &mut AsyncSmtpConnection,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<(), Failure> {
    let mut parameters = Vec::new();
    let addresses_ascii = envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .all(|a| AsRef::<str>::as_ref(a).is_ascii());
    if !addresses_ascii {
        if !connection
            .server_info()
            .supports_feature(Extension::SmtpUtfEight)
        {
            return Err(Failure::Refused(
                "the SMTP server does not accept non-ASCII addresses (SMTPUTF8)".into(),
            ));
        }
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() {
        if !connection
            .server_info()
            .supports_feature(Extension::EightBitMime)
        {
            return Err(Failure::Refused(
                "the SMTP server does not accept 8-bit messages (8BITMIME)".into(),
            ));
        }
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    connection
        .command(Mail::new(envelope.from().cloned(), parameters))
        .await
        .map_err(|e| {
            if e.status().is_none() {
                Failure::BeforeMail(e)
            } else {
                Failure::Later(e)
            }
        })?;
    for to in envelope.to() {
        connection
            .command(Rcpt::new(to.clone(), vec![]))
            .await
            .map_err(Failure::Later)?;
    }
    connection.command(Data).await.map_err(Failure::Later)?;
    connection.message(bytes).await.map_err(Failure::Later)?;
    Ok(())
}

fn smtp_error(e: lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() {
        SendError::Permanent(e.to_string())
    } else {
        SendError::Transient(e.to_string())
    }
}

/// Implicit TLS (`smtps://`) around our own TCP stream, with lettre's defaults:
/// the system's roots, the host name checked, TLS 1.2 at least.
async fn wrap_tls(tcp: TcpStream, host: &str) -> Result<TlsOverTcp, SendError> {
    let connector = native_tls::TlsConnector::builder()
        .min_protocol_version(Some(native_tls::Protocol::Tlsv12))
        .build()
        .map_err(|e| SendError::Permanent(format!("TLS settings: {e}")))?;
    let stream = tokio_native_tls::TlsConnector::from(connector)
        .connect(host, tcp)
        .await
        .map_err(|e| SendError::Transient(format!("TLS with {host}: {e}")))?;
    Ok(TlsOverTcp(stream))
}

/// A TLS stream lettre can drive (it asks every stream for its peer's address).
#[derive(Debug)]
struct TlsOverTcp(tokio_native_tls::TlsStream<TcpStream>);

impl AsyncTokioStream for TlsOverTcp {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().get_ref().get_ref().peer_addr()
    }
}

impl AsyncRead for TlsOverTcp {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for TlsOverTcp {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> SmtpSettings {
        SmtpSettings::from_url(url, Duration::from_secs(60)).unwrap()
    }

    #[test]
    fn urls_read_as_lettre_reads_them() {
        let plain = parsed("smtp://127.0.0.1:2525");
        assert_eq!(
            (plain.host.as_str(), plain.port, plain.security),
            ("127.0.0.1", 2525, Security::None)
        );
        assert!(plain.credentials.is_none());
        let starttls = parsed("smtp://user:s3cret%40@mail.example.org?tls=required");
        assert_eq!(
            (starttls.port, starttls.security),
            (587, Security::Required)
        );
        assert!(starttls.credentials.is_some());
        assert_eq!(
            parsed("smtp://mail.example.org?tls=opportunistic").security,
            Security::Opportunistic
        );
        let smtps = parsed("smtps://u:p@mail.example.org/sender.example.org");
        assert_eq!((smtps.port, smtps.security), (465, Security::Wrapper));
        assert_eq!(smtps.hello.to_string(), "sender.example.org");
        assert!(SmtpSettings::from_url("smtp://h?tls=sometimes", Duration::ZERO).is_err());
        assert!(
            !format!("{starttls:?}").contains("s3cret"),
            "no password in logs"
        );
    }
}
