//! What operators rely on: the Prometheus figures at /metrics, open only to
//! the addresses they allow.

use crate::helpers::{spawn_app, spawn_app_with, TestDatabase};

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_show_the_outbox() {
    let app = spawn_app().await;
    // The counters are the process's, and the tests share one process: count
    // what this test adds.
    let before = petition_page_requests(&app.get("/metrics").await.text().await.unwrap());
    // Two different petitions' pages are one route pattern, never two paths.
    for slug in ["one-that-does-not-exist", "another"] {
        app.get(&format!("/petitions/{slug}")).await;
    }
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain; version=0.0.4")));
    let text = response.text().await.unwrap();
    assert!(petition_page_requests(&text) >= before + 2, "{text}");
    assert!(
        !text.contains("one-that-does-not-exist"),
        "a raw path leaked into the labels"
    );
    assert!(text.contains(r#"solidarity_outbox_messages{status="queued"} 0"#));
    assert!(text.contains("solidarity_outbox_oldest_queued_age_seconds 0"));
    assert!(text.contains(r#"solidarity_db_pool_connections{state="max"}"#));
}

/// The count of answered requests for a petition's page (404s, as here, included).
fn petition_page_requests(metrics: &str) -> u64 {
    metrics
        .lines()
        .filter(|l| {
            l.starts_with("solidarity_http_requests_total")
                && l.contains(r#"route="/petitions/{slug}""#)
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

#[tokio::test]
async fn metrics_are_hidden_from_addresses_not_allowed() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("METRICS_ALLOWED", "10.9.0.0/16")]).await;
    assert_eq!(app.get("/metrics").await.status(), 404);
    let closed = spawn_app_with(TestDatabase::fresh(), &[("METRICS_ALLOWED", "none")]).await;
    assert_eq!(closed.get("/metrics").await.status(), 404);
}

#[tokio::test]
async fn a_trusted_proxy_cannot_open_the_metrics_with_a_forwarded_address() {
    // The test client connects from 127.0.0.1, a trusted proxy here, and claims
    // to forward for an allowed address: the peer decides, so it stays closed.
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[
            ("METRICS_ALLOWED", "192.0.2.0/24"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let response = app
        .client
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "192.0.2.7")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}
