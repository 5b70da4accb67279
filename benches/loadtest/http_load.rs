//! A closed-loop load generator: `connections` tasks share one client, and each
//! sends its next request as soon as the previous one is answered, for a fixed
//! time. The throughput is then what the server sustains with that many
//! visitors waiting on it, and the latencies are what each of them saw.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::measure::Settings;

/// A bound on each task's requests per run, beside the time limit, so that no
/// loop can run away (an operation failing instantly would otherwise spin).
const MAX_REQUESTS_PER_TASK: u64 = 1_000_000;
/// No request waits longer than this; a slower one counts as an error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What one run gave: how many operations succeeded per second, their latencies.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub errors: u64,
}

impl Figures {
    /// Each figure's median over the runs (so a single slow run does not decide),
    /// and every run's errors.
    fn median_of(runs: &[Figures]) -> Figures {
        Figures {
            per_second: median(runs.iter().map(|r| r.per_second).collect()),
            p50: Duration::from_secs_f64(median(
                runs.iter().map(|r| r.p50.as_secs_f64()).collect(),
            )),
            p99: Duration::from_secs_f64(median(
                runs.iter().map(|r| r.p99.as_secs_f64()).collect(),
            )),
            errors: runs.iter().map(|r| r.errors).sum(),
        }
    }

    /// `4,321 req/s · p50 11 ms · p99 25 ms`, and the errors if there were any.
    pub fn describe(&self, unit: &str) -> String {
        let mut text = format!(
            "{} {unit} · p50 {} · p99 {}",
            thousands(self.per_second.round() as u64),
            milliseconds(self.p50),
            milliseconds(self.p99),
        );
        if self.errors > 0 {
            text.push_str(&format!(" ({} errors)", thousands(self.errors)));
        }
        text
    }
}

/// A warm-up run (discarded: connections, caches and the allocator settle), then
/// `settings.runs` measured runs.
///
/// `operation` performs one request (or exchange) and returns how long the part
/// worth timing took, or `None` when it failed.
pub async fn measure_repeatedly<F, Fut>(
    settings: &Settings,
    connections: usize,
    operation: F,
) -> Figures
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Option<Duration>> + Send + 'static,
{
    run_closed_loop(connections, settings.warm_up, operation.clone()).await;
    let mut runs = Vec::with_capacity(settings.runs);
    for _ in 0..settings.runs {
        runs.push(run_closed_loop(connections, settings.run, operation.clone()).await);
    }
    Figures::median_of(&runs)
}

async fn run_closed_loop<F, Fut>(connections: usize, duration: Duration, operation: F) -> Figures
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Option<Duration>> + Send + 'static,
{
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(one_visitor(operation.clone(), deadline)))
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let tally = task.await.expect("a load task panicked");
        latencies.extend(tally.latencies);
        errors += tally.errors;
    }
    // Until the last answer came, not just the deadline: requests in flight at the
    // deadline are counted, so their time is too.
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Figures {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: percentile(&latencies, 50.0),
        p99: percentile(&latencies, 99.0),
        errors,
    }
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
}

/// One visitor: the next request as soon as the last one is answered.
async fn one_visitor<F, Fut>(operation: F, deadline: Instant) -> Tally
where
    F: Fn() -> Fut,
    Fut: Future<Output = Option<Duration>>,
{
    let mut tally = Tally::default();
    for _ in 0..MAX_REQUESTS_PER_TASK {
        if Instant::now() >= deadline {
            break;
        }
        match operation().await {
            Some(latency) => tally.latencies.push(latency),
            None => tally.errors += 1,
        }
    }
    tally
}

/// A GET that must answer 200; the whole body is read, as a browser would.
pub async fn timed_get(client: &reqwest::Client, url: &str) -> Option<Duration> {
    let started = Instant::now();
    let response = client.get(url).send().await.ok()?;
    let ok = response.status() == reqwest::StatusCode::OK;
    response.bytes().await.ok()?;
    ok.then(|| started.elapsed())
}

/// A client for `connections` visitors that follows no redirects (a redirect is
/// an answer worth seeing) and keeps one idle connection per visitor.
pub fn client_for(connections: usize, keep_cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .cookie_store(keep_cookies)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("an HTTP client")
}

/// Nearest-rank percentile of sorted values; zero when there are none.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

/// `12,345`
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Two significant digits are all a load test can claim: `0.42 ms`, `3.1 ms`, `25 ms`.
pub fn milliseconds(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1.0 {
        format!("{ms:.2} ms")
    } else if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
