//! Figures for the people who run Solidarity, in the Prometheus text format
//! (`GET /metrics`, see `home::handlers::metrics`).
//!
//! What happens in this process (requests, messages sent, signatures accepted,
//! job runs) is counted here, in memory: Prometheus scrapes every instance on
//! its own and adds them up, so nothing here needs to be shared between
//! instances. What belongs to the whole deployment (the outbox's depth, the age
//! of its oldest queued message) is read from the database at scrape time by
//! the page, and added with [`Snapshot`].
//!
//! Labels are bounded: a route is its pattern (`/petitions/{slug}`), never the
//! path a visitor typed, so that neither tokens nor a crawler's made-up paths
//! reach the figures or multiply the series.

use std::sync::LazyLock;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

/// The Content-Type of the text exposition format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Latency buckets in seconds: pages answer in milliseconds, a slow export in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

struct Figures {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    mail_sent: IntCounter,
    mail_failed: IntCounterVec,
    signatures: IntCounter,
    job_runs: IntCounterVec,
    outbox: IntGaugeVec,
    oldest_queued: IntGauge,
    pool: IntGaugeVec,
}

static FIGURES: LazyLock<Figures> = LazyLock::new(Figures::register);

impl Figures {
    fn register() -> Figures {
        let registry = Registry::new_custom(Some("solidarity".into()), None)
            .expect("a constant, valid prefix");
        let figures = Figures {
            requests: IntCounterVec::new(
                Opts::new("http_requests_total", "HTTP requests answered, by route pattern and status"),
                &["method", "route", "status"],
            )
            .expect("valid metric"),
            latency: HistogramVec::new(
                HistogramOpts::new(
                    "http_request_duration_seconds",
                    "Time to answer an HTTP request, by route pattern",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["method", "route"],
            )
            .expect("valid metric"),
            mail_sent: IntCounter::new("mail_sent_total", "Messages this process handed to the mail server")
                .expect("valid metric"),
            mail_failed: IntCounterVec::new(
                Opts::new(
                    "mail_failed_total",
                    "Failed delivery attempts; will_retry=false when the message is given up",
                ),
                &["will_retry"],
            )
            .expect("valid metric"),
            signatures: IntCounter::new(
                "signatures_accepted_total",
                "Petition signatures this process accepted (online and verified later, or confirmed at once)",
            )
            .expect("valid metric"),
            job_runs: IntCounterVec::new(
                Opts::new("job_runs_total", "Scheduled job runs this process performed, by job and outcome"),
                &["job", "outcome"],
            )
            .expect("valid metric"),
            outbox: IntGaugeVec::new(
                Opts::new("outbox_messages", "Messages in the outbox by status (the whole deployment)"),
                &["status"],
            )
            .expect("valid metric"),
            oldest_queued: IntGauge::new(
                "outbox_oldest_queued_age_seconds",
                "Age of the oldest message waiting to be sent, 0 when none waits (the whole deployment)",
            )
            .expect("valid metric"),
            pool: IntGaugeVec::new(
                Opts::new(
                    "db_pool_connections",
                    "Database connections of this process: open, idle and the pool's maximum",
                ),
                &["state"],
            )
            .expect("valid metric"),
            registry,
        };
        figures.register_all();
        figures
    }

    fn register_all(&self) {
        let collectors: [Box<dyn prometheus::core::Collector>; 9] = [
            Box::new(self.requests.clone()),
            Box::new(self.latency.clone()),
            Box::new(self.mail_sent.clone()),
            Box::new(self.mail_failed.clone()),
            Box::new(self.signatures.clone()),
            Box::new(self.job_runs.clone()),
            Box::new(self.outbox.clone()),
            Box::new(self.oldest_queued.clone()),
            Box::new(self.pool.clone()),
        ];
        for collector in collectors {
            self.registry
                .register(collector)
                .expect("each metric is registered once, under its own name");
        }
    }
}

/// One answered request. `route` is the matched pattern, or `(unmatched)`.
pub fn request_answered(method: &str, route: &str, status: u16, seconds: f64) {
    let figures = &*FIGURES;
    figures
        .requests
        .with_label_values(&[method, route, status_label(status)])
        .inc();
    figures
        .latency
        .with_label_values(&[method, route])
        .observe(seconds);
}

/// Status codes as they are compared: exact for the common ones, else the class.
fn status_label(status: u16) -> &'static str {
    match status {
        200 => "200",
        303 => "303",
        304 => "304",
        400 => "400",
        403 => "403",
        404 => "404",
        409 => "409",
        422 => "422",
        429 => "429",
        500 => "500",
        503 => "503",
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

pub fn mail_sent() {
    FIGURES.mail_sent.inc();
}

pub fn mail_failed(will_retry: bool) {
    FIGURES
        .mail_failed
        .with_label_values(&[if will_retry { "true" } else { "false" }])
        .inc();
}

pub fn signature_accepted() {
    FIGURES.signatures.inc();
}

/// `outcome` is a fixed word: `succeeded` or `failed`.
pub fn job_ran(job: &str, outcome: &str) {
    FIGURES.job_runs.with_label_values(&[job, outcome]).inc();
}

/// The figures read from the database and the pool at scrape time.
pub struct Snapshot {
    /// Messages per outbox status, every status listed (zero included).
    pub outbox: Vec<(&'static str, i64)>,
    pub oldest_queued_age_seconds: i64,
    pub pool_open: u32,
    pub pool_idle: u32,
    pub pool_max: u32,
}

/// The whole exposition: this process's counters and the snapshot's gauges.
pub fn render(snapshot: &Snapshot) -> String {
    let figures = &*FIGURES;
    for (status, count) in &snapshot.outbox {
        figures.outbox.with_label_values(&[status]).set(*count);
    }
    figures
        .oldest_queued
        .set(snapshot.oldest_queued_age_seconds.max(0));
    for (state, value) in [
        ("open", snapshot.pool_open),
        ("idle", snapshot.pool_idle),
        ("max", snapshot.pool_max),
    ] {
        figures
            .pool
            .with_label_values(&[state])
            .set(i64::from(value));
    }
    let mut text = Vec::new();
    // Encoding into memory fails only on a malformed family, which the
    // constant definitions above rule out; an empty page would be the result.
    if let Err(e) = TextEncoder::new().encode(&figures.registry.gather(), &mut text) {
        tracing::error!(error = %e, "cannot encode the metrics");
    }
    String::from_utf8(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_snapshot() -> Snapshot {
        Snapshot {
            outbox: vec![("queued", 3), ("sent", 10)],
            oldest_queued_age_seconds: 42,
            pool_open: 4,
            pool_idle: 3,
            pool_max: 16,
        }
    }

    #[test]
    fn a_request_is_counted_under_its_route_pattern_and_status() {
        request_answered("GET", "/petitions/{slug}", 200, 0.003);
        request_answered("GET", "/petitions/{slug}", 200, 0.004);
        let text = render(&empty_snapshot());
        assert!(text.contains(
            r#"solidarity_http_requests_total{method="GET",route="/petitions/{slug}",status="200"} 2"#
        ));
        assert!(text.contains(
            r#"solidarity_http_request_duration_seconds_bucket{method="GET",route="/petitions/{slug}",le="0.005"} 2"#
        ));
    }

    #[test]
    fn the_snapshot_becomes_gauges() {
        let text = render(&empty_snapshot());
        assert!(text.contains(r#"solidarity_outbox_messages{status="queued"} 3"#));
        assert!(text.contains("solidarity_outbox_oldest_queued_age_seconds 42"));
        assert!(text.contains(r#"solidarity_db_pool_connections{state="max"} 16"#));
    }

    #[test]
    fn unusual_statuses_fall_into_their_class() {
        assert_eq!(status_label(418), "4xx");
        assert_eq!(status_label(502), "5xx");
        assert_eq!(status_label(201), "2xx");
    }
}
