//! The mail rows: outbox delivery to the local SMTP sink, a bare loop that sends
//! the same messages to the same sink over TCP_NODELAY connections (the ceiling
//! for delivery), and a campaign to every seed-demo member from the send request
//! until the last message is accepted.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::prelude::*;
use lettre::address::Envelope;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use solidarity::config::Config;
use solidarity::db::Db;
use solidarity::mail::outbox::{self, OutboxMessage, Status};
use solidarity::mail::transport::{self, Transport};
use solidarity::mail::worker::Workers;
use solidarity::schema::outbox as outbox_table;

use crate::http_load::thousands;
use crate::measure::{config_from, progress};
use crate::report::emit_row;
use crate::smtp_sink::SmtpSink;

pub const DELIVERY_MESSAGES: usize = 10_000;
/// Messages per enqueueing transaction, as a campaign to many recipients would.
const ENQUEUE_BATCH: usize = 500;
const DELIVERY_WORKERS: usize = 4;
/// SMTP connections per worker (`MAIL_CONNECTIONS`, its default).
const CONNECTIONS_PER_WORKER: usize = 4;
/// Delivery gives up after this long and reports how far it got.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(180);
const DELIVERY_POLL: Duration = Duration::from_millis(20);

fn connections() -> usize {
    DELIVERY_WORKERS * CONNECTIONS_PER_WORKER
}

/// The delivery row and, beside it, the bare loop over the same messages.
pub async fn report_delivery(
    backend: &str,
    vars: &HashMap<String, String>,
    db: &Db,
) -> anyhow::Result<()> {
    progress(
        backend,
        &format!(
            "delivering {DELIVERY_MESSAGES} messages with {DELIVERY_WORKERS} workers × {CONNECTIONS_PER_WORKER} connections"
        ),
    );
    let sink = SmtpSink::start();
    let delivery = measure_delivery(vars, db, &sink).await?;
    emit_row(
        &format!(
            "Outbox delivery: {} messages, {DELIVERY_WORKERS} workers × {CONNECTIONS_PER_WORKER} SMTP connections → local SMTP sink",
            thousands(DELIVERY_MESSAGES as u64)
        ),
        &delivery.describe(),
    );

    progress(backend, "the same messages in a bare SMTP loop");
    let from: lettre::message::Mailbox = config_from(vars, &[])?.mail.from;
    let messages = db
        .run(|conn| {
            Ok(outbox_table::table
                .filter(outbox_table::idempotency_key.like("loadtest-%"))
                .select(OutboxMessage::as_select())
                .load::<OutboxMessage>(conn)?)
        })
        .await?;
    let prepared: Vec<(Envelope, Vec<u8>)> = messages
        .iter()
        .map(|m| {
            let built = transport::build(m, &from).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            Ok((built.envelope().clone(), built.formatted()))
        })
        .collect::<anyhow::Result<_>>()?;
    let before = sink.accepted();
    let elapsed = bare_loop(sink.port(), Arc::new(prepared), connections()).await?;
    let accepted = sink.accepted() - before;
    anyhow::ensure!(
        accepted == messages.len(),
        "the bare loop sent {} but the sink accepted {accepted}",
        messages.len()
    );
    let bare_rate = messages.len() as f64 / elapsed.as_secs_f64();
    let share = delivery
        .rate()
        .map(|rate| format!(" · outbox delivery {:.0}% of it", 100.0 * rate / bare_rate))
        .unwrap_or_default();
    emit_row(
        &format!(
            "Bare SMTP loop: the same {} messages (built beforehand), {} TCP_NODELAY connections → the same sink",
            thousands(messages.len() as u64),
            connections()
        ),
        &format!(
            "{} messages/s ({:.1} s){share}",
            thousands(bare_rate.round() as u64),
            elapsed.as_secs_f64()
        ),
    );
    Ok(())
}

/// A campaign to every active seed-demo member: `request_send` (the send
/// button's transaction) with the workers already running, until every message
/// is accepted by the sink and marked sent.
pub async fn report_campaign_delivery(
    backend: &str,
    vars: &HashMap<String, String>,
    db: &Db,
    admin_id: i64,
) -> anyhow::Result<()> {
    use solidarity::campaigns::store;
    progress(
        backend,
        "a campaign to every seed-demo member, enqueued and delivered",
    );
    let sink = SmtpSink::start();
    let config = delivery_config(vars, &sink)?;
    let workers = start_workers(db, &config)?;
    let campaign_id = db
        .write(move |conn| store::insert(conn, &crate::measure::campaign_to_everyone(99), admin_id))
        .await?;
    let today = solidarity::domain::clock::today();
    let started = Instant::now();
    let outcome = db
        .transaction(move |conn| {
            let links = store::Links {
                base_url: "https://solidarity.example.org",
                secret_key: b"the load test's key for unsubscribe links",
            };
            store::request_send(conn, campaign_id, Some(admin_id), &links, today)
        })
        .await?;
    let enqueued_in = started.elapsed();
    let store::Started::Sending(enqueued) = outcome else {
        anyhow::bail!("the campaign did not start sending: {outcome:?}");
    };
    let deadline = started + DELIVERY_TIMEOUT;
    let sent = loop {
        let sent = db
            .run(move |conn| store::progress(conn, campaign_id))
            .await?
            .sent;
        if usize::try_from(sent)? >= enqueued || Instant::now() >= deadline {
            break usize::try_from(sent)?;
        }
        tokio::time::sleep(DELIVERY_POLL).await;
    };
    let elapsed = started.elapsed();
    workers.shutdown().await;
    anyhow::ensure!(
        sink.accepted() >= sent,
        "{sent} messages marked sent but the SMTP sink accepted only {}",
        sink.accepted()
    );
    let value = if sent == enqueued {
        format!(
            "{:.1} s (enqueued in {:.2} s; {} messages/s overall)",
            elapsed.as_secs_f64(),
            enqueued_in.as_secs_f64(),
            thousands((sent as f64 / elapsed.as_secs_f64()).round() as u64)
        )
    } else {
        format!(
            "timed out: {} of {} sent in {:.0} s",
            thousands(sent as u64),
            thousands(enqueued as u64),
            elapsed.as_secs_f64()
        )
    };
    emit_row(
        &format!(
            "Campaign end to end: every seed-demo member ({} recipients), send request → all accepted by the sink, {DELIVERY_WORKERS} workers × {CONNECTIONS_PER_WORKER} connections",
            thousands(enqueued as u64)
        ),
        &value,
    );
    Ok(())
}

fn delivery_config(vars: &HashMap<String, String>, sink: &SmtpSink) -> anyhow::Result<Config> {
    config_from(
        vars,
        &[
            ("SMTP_URL", &sink.url()),
            ("MAIL_WORKERS", &DELIVERY_WORKERS.to_string()),
            ("MAIL_CONNECTIONS", &CONNECTIONS_PER_WORKER.to_string()),
            // High enough that the pacer never waits: the figure is the pipeline's.
            ("MAIL_RATE_PER_SECOND", "100000"),
            ("MAIL_POLL_MS", "20"),
        ],
    )
}

fn start_workers(db: &Db, config: &Config) -> anyhow::Result<Workers> {
    let transport = Arc::new(Transport::from_config(config)?);
    Ok(Workers::start(db.clone(), transport, config.mail.clone()))
}

struct Delivery {
    sent: usize,
    elapsed: Duration,
}

impl Delivery {
    fn rate(&self) -> Option<f64> {
        (self.sent == DELIVERY_MESSAGES).then(|| self.sent as f64 / self.elapsed.as_secs_f64())
    }

    fn describe(&self) -> String {
        let seconds = self.elapsed.as_secs_f64();
        match self.rate() {
            Some(rate) => format!(
                "{} messages/s ({seconds:.1} s)",
                thousands(rate.round() as u64)
            ),
            None => format!(
                "timed out: {} of {} sent in {seconds:.0} s",
                thousands(self.sent as u64),
                thousands(DELIVERY_MESSAGES as u64)
            ),
        }
    }
}

/// Enqueues the messages, then times workers from their start until every
/// message is marked sent.
async fn measure_delivery(
    vars: &HashMap<String, String>,
    db: &Db,
    sink: &SmtpSink,
) -> anyhow::Result<Delivery> {
    enqueue_messages(db, DELIVERY_MESSAGES).await?;
    let config = delivery_config(vars, sink)?;
    let started = Instant::now();
    let workers = start_workers(db, &config)?;
    let sent = wait_until_sent(db, DELIVERY_MESSAGES, started + DELIVERY_TIMEOUT).await?;
    let elapsed = started.elapsed();
    workers.shutdown().await;
    anyhow::ensure!(
        sink.accepted() >= sent,
        "{sent} messages marked sent but the SMTP sink accepted only {}",
        sink.accepted()
    );
    Ok(Delivery { sent, elapsed })
}

/// `connections` connections with TCP_NODELAY, each sending the next message of
/// `messages` as soon as the previous one is accepted, and nothing else: no
/// database, no building of messages, no pacing.
async fn bare_loop(
    port: u16,
    messages: Arc<Vec<(Envelope, Vec<u8>)>>,
    connections: usize,
) -> anyhow::Result<Duration> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let senders: Vec<_> = (0..connections)
        .map(|_| {
            let (messages, next) = (messages.clone(), next.clone());
            tokio::spawn(async move {
                let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
                tcp.set_nodelay(true)?;
                let mut connection = AsyncSmtpConnection::connect_with_transport(
                    Box::new(tcp),
                    &ClientId::Domain("loadtest.example".into()),
                )
                .await?;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some((envelope, bytes)) = messages.get(n) else {
                        break;
                    };
                    connection.send(envelope, bytes).await?;
                }
                connection.quit().await?;
                anyhow::Ok(())
            })
        })
        .collect();
    for sender in senders {
        sender.await.context("a bare-loop sender")??;
    }
    Ok(started.elapsed())
}

async fn enqueue_messages(db: &Db, count: usize) -> anyhow::Result<()> {
    let email = crate::measure::sample_email();
    for first in (0..count).step_by(ENQUEUE_BATCH) {
        let last = (first + ENQUEUE_BATCH).min(count);
        let email = email.clone();
        db.write(move |conn| {
            for n in first..last {
                solidarity::mail::enqueue(conn, &format!("loadtest-{n}"), &email, None)?;
            }
            Ok(())
        })
        .await
        .context("enqueue messages")?;
    }
    Ok(())
}

/// Polls the outbox until `expected` messages are sent or `deadline` passes;
/// returns how many were sent.
async fn wait_until_sent(db: &Db, expected: usize, deadline: Instant) -> anyhow::Result<usize> {
    loop {
        let counts = db.run(outbox::counts).await?;
        let sent = counts
            .iter()
            .find(|(status, _)| *status == Status::Sent)
            .map_or(0, |(_, n)| *n);
        let sent = usize::try_from(sent)?;
        if sent >= expected || Instant::now() >= deadline {
            return Ok(sent);
        }
        tokio::time::sleep(DELIVERY_POLL).await;
    }
}
