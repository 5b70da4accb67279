//! The public read API under /api/v1: public fields only, ETag and 304, CORS on
//! GET only, the per-address limit, problem details, and an OpenAPI document
//! that lists every route the app serves.

use std::time::Duration;

use diesel::prelude::*;
use reqwest::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW, CONTENT_TYPE, ETAG, IF_NONE_MATCH, RETRY_AFTER,
};
use serde_json::Value;

use crate::fixtures::*;
use crate::helpers::*;

const ENDPOINTS: &[&str] = &[
    "/api/v1/statistics",
    "/api/v1/statistics/countries",
    "/api/v1/cities",
    "/api/v1/officers",
    "/api/v1/petitions",
    "/api/v1/petitions/1",
    "/api/v1/petitions/1/history",
    "/api/v1/letters",
    "/api/v1/exhibitions",
];

async fn json_of(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "application/json",
        "{path}"
    );
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

/// A problem document: its status in the body matches the response's.
async fn problem_of(app: &TestApp, path: &str, status: u16) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), status, "{path}");
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "application/problem+json",
        "{path}"
    );
    let problem: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(problem["status"], status, "{path}");
    assert!(problem["title"].is_string() && problem["detail"].is_string());
    problem
}

/// Officers with addresses, a withdrawn city, a petition with one confirmed
/// signature and a paper batch, and a published exhibition at an address.
async fn seeded_app() -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    let mut cities = officers();
    cities.push(City {
        active: false,
        ..City::new("Frogn", "NO", "post@frogn.example")
    });
    seed_cities(&app, cities).await;

    open_petition(&app).await;
    sign_ok(&app, &signer("Sadako Sasaki", "sadako@example.jp"), "sent").await;
    let link = verification_link(&app, "sadako@example.jp").await;
    confirm_by_link(&app, &link).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", app.csrf_token().await)
        .text("signatures", "1,250")
        .text("country", "KR")
        .text("collected_from", "2026-08-01")
        .text("collected_to", "2026-08-31")
        .text("handed_over_on", "2026-09-15")
        .text("note", "Collected at the Incheon peace fair");
    let paper = app
        .client
        .post(app.url("/petitions/1/paper"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(paper.status(), 303);

    let today = solidarity::domain::clock::today();
    let starts = (today + chrono::Duration::days(10)).to_string();
    let ends = (today + chrono::Duration::days(20)).to_string();
    let id = register(
        &app,
        "1",
        "Posters at the Peace Memorial",
        &starts,
        &ends,
        &[
            ("address", "1-2 Nakajima-cho, Naka-ku"),
            ("opens_at", "09:00"),
            ("closes_at", "17:00"),
        ],
    )
    .await;
    app.db
        .write(move |conn| {
            use solidarity::schema::exhibitions;
            diesel::update(exhibitions::table.find(id))
                .set(exhibitions::status.eq("confirmed"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();

    // The recount catches up within a few seconds.
    for _ in 0..100 {
        let list = json_of(&app, "/api/v1/petitions").await;
        if list[0]["signatures"] == 1251 {
            return app;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the petition's count never reached 1,251");
}

#[tokio::test]
async fn every_endpoint_answers_public_fields_and_nothing_the_pages_hide() {
    let app = seeded_app().await;
    let mut everything = String::new();
    for path in ENDPOINTS {
        everything.push_str(&json_of(&app, path).await.to_string());
    }
    for hidden in [
        "mayor@city.hiroshima.example",
        "post@frogn.example",
        "sadako@example.jp",
        "Sadako",
        "Incheon peace fair",
        "Nakajima-cho",
        "member_number",
        "email",
        "\"Mayor\"",
        "127.0.0.1",
    ] {
        assert!(
            !everything.contains(hidden),
            "{hidden:?} must not appear in the API"
        );
    }

    let cities = json_of(&app, "/api/v1/cities").await;
    assert_eq!(cities["total"], 4, "active members only");
    let hiroshima = &cities["items"].as_array().unwrap()[1];
    assert_eq!(hiroshima["name"], "Hiroshima");
    assert_eq!(hiroshima["country"], "JP");
    assert_eq!(hiroshima["continent"], "asia");
    assert_eq!(hiroshima["join_year"], 2010);
    let mut keys: Vec<&str> = hiroshima
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "continent",
            "country",
            "country_name",
            "id",
            "join_year",
            "name",
            "name_native"
        ]
    );

    let statistics = json_of(&app, "/api/v1/statistics").await;
    assert_eq!(statistics["total_cities"], 4);
    assert_eq!(statistics["total_countries"], 3);
    let countries = json_of(&app, "/api/v1/statistics/countries").await;
    assert_eq!(countries["countries"][0]["code"], "JP");
    assert_eq!(countries["countries"][0]["cities"], 2);
    assert_eq!(countries["countries"][0]["names"]["ja"], "日本");

    let officers = json_of(&app, "/api/v1/officers").await;
    let president = officers
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "president")
        .expect("the president");
    assert_eq!(president["city"], "Hiroshima");
    assert_eq!(president["mayor"], "Kazumi Matsui");
    assert_eq!(president["term_starts_on"], "2010-01-01");

    let petition = json_of(&app, "/api/v1/petitions/1").await;
    assert_eq!(petition["slug"], "tpnw");
    assert_eq!(petition["status"], "open");
    assert_eq!(petition["online"], 1);
    assert_eq!(petition["paper"], 1250);
    assert!(
        !petition["body_html"].as_str().unwrap().contains("<script"),
        "the text as the page shows it, sanitised"
    );
    let counted_at = petition["counted_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(counted_at).is_ok() && counted_at.ends_with("+00:00"),
        "a moment with its offset: {counted_at}"
    );
    let by_country = petition["by_country"].as_array().unwrap();
    assert_eq!(by_country[0]["country"], "KR");
    assert_eq!(by_country[0]["paper"], 1250);
    assert_eq!(by_country[1]["country"], "JP");
    assert_eq!(by_country[1]["online"], 1);

    let history = json_of(&app, "/api/v1/petitions/1/history").await;
    let sum = |series: &Value| -> i64 {
        series
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["signatures"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum(&history["per_day"]), 1, "online signatures per day");
    assert_eq!(sum(&history["per_hour"]), 1, "online signatures per hour");
    assert_eq!(history["per_hour"].as_array().unwrap().len(), 168);
    assert_eq!(history["paper_per_day"][0]["day"], "2026-09-15");
    assert_eq!(sum(&history["paper_per_day"]), 1250, "paper apart");

    let letters = json_of(&app, "/api/v1/letters").await;
    let us = &letters["counts_by_state"][0];
    assert_eq!(us["country"], "US");
    assert_eq!(us["historical"], 36);

    let exhibitions = json_of(&app, "/api/v1/exhibitions").await;
    let exhibition = &exhibitions[0];
    assert_eq!(exhibition["title"], "Posters at the Peace Memorial");
    assert_eq!(exhibition["holder"], "Hiroshima");
    assert_eq!(exhibition["opens_at"], "09:00");
    assert!(exhibition["first_opening"]
        .as_str()
        .unwrap()
        .ends_with("T09:00:00+09:00"));
}

#[tokio::test]
async fn the_directory_filters_like_the_public_page() {
    let app = spawn_app().await;
    let mut cities = officers();
    cities.push(City {
        active: false,
        ..City::new("Frogn", "NO", "post@frogn.example")
    });
    seed_cities(&app, cities).await;
    let names = |page: Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(json_of(&app, "/api/v1/cities?country=JP").await),
        ["Hiroshima", "Nagasaki"]
    );
    assert_eq!(
        names(json_of(&app, "/api/v1/cities?continent=europe").await),
        ["Hannover", "Ypres"]
    );
    assert_eq!(
        names(json_of(&app, "/api/v1/cities?name=HIRO").await),
        ["Hiroshima"]
    );
    assert_eq!(
        names(json_of(&app, "/api/v1/cities?year=2010&country=BE").await),
        ["Ypres"]
    );
    assert!(names(json_of(&app, "/api/v1/cities?year=2011").await).is_empty());
    assert!(
        names(json_of(&app, "/api/v1/cities?country=NO").await).is_empty(),
        "withdrawn"
    );
    let second = json_of(&app, "/api/v1/cities?page=2").await;
    assert_eq!(
        (
            second["page"].as_i64(),
            second["total"].as_i64(),
            second["pages"].as_i64()
        ),
        (Some(2), Some(4), Some(1))
    );
    assert!(names(second).is_empty());
}

#[tokio::test]
async fn an_etag_brings_304_until_the_data_changes() {
    let app = spawn_app().await;
    seed_cities(&app, officers()).await;
    let first = app.get("/api/v1/statistics").await;
    assert_eq!(first.headers()["cache-control"], "public, max-age=60");
    let etag = first.headers()[ETAG].to_str().unwrap().to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "a strong tag: {etag}"
    );

    let again = app
        .client
        .get(app.url("/api/v1/statistics"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()[ETAG].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());

    let weak = app
        .client
        .get(app.url("/api/v1/statistics"))
        .header(IF_NONE_MATCH, format!("\"other\", W/{etag}"))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), 304, "a list, and a weak tag, also match");

    seed_cities(
        &app,
        vec![City::new("Malakoff", "FR", "mairie@malakoff.example")],
    )
    .await;
    let changed = app
        .client
        .get(app.url("/api/v1/statistics"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200, "new figures, a new tag");
    assert_ne!(changed.headers()[ETAG].to_str().unwrap(), etag);
}

#[tokio::test]
async fn any_origin_may_read_but_nothing_else_is_allowed() {
    let app = spawn_app().await;
    let get = app.get("/api/v1/officers").await;
    assert_eq!(get.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    for method in [
        reqwest::Method::POST,
        reqwest::Method::DELETE,
        reqwest::Method::OPTIONS,
    ] {
        let response = app
            .client
            .request(method.clone(), app.url("/api/v1/officers"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method}");
        assert_eq!(response.headers()[ALLOW], "GET", "{method}");
        assert!(
            response
                .headers()
                .get(ACCESS_CONTROL_ALLOW_ORIGIN)
                .is_none(),
            "CORS on GET only ({method})"
        );
        assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    }
    assert!(
        app.get("/members")
            .await
            .headers()
            .get(ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none(),
        "the pages are not opened to other origins"
    );
}

#[tokio::test]
async fn an_address_over_its_limit_is_told_when_to_come_back() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("API_REQUESTS_PER_MINUTE", "3")]).await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/statistics").await.status(), 200);
    }
    // A fixed window lets at most twice the limit through across its boundary.
    let mut refused = None;
    for _ in 0..4 {
        let response = app.get("/api/v1/officers").await;
        if response.status() == 429 {
            refused = Some(response);
            break;
        }
    }
    let refused = refused.expect("a 429 once the limit is spent");
    let retry_after: i64 = refused.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    assert_eq!(refused.headers()[CONTENT_TYPE], "application/problem+json");
    let problem: Value = serde_json::from_slice(&refused.bytes().await.unwrap()).unwrap();
    assert_eq!(problem["status"], 429);
    assert_eq!(
        app.get("/members").await.status(),
        200,
        "the pages have their own limits"
    );
}

#[tokio::test]
async fn errors_are_problem_details() {
    let app = spawn_app().await;
    problem_of(&app, "/api/v1/petitions/999", 404).await;
    problem_of(&app, "/api/v1/petitions/999/history", 404).await;
    problem_of(&app, "/api/v1/no-such-thing", 404).await;
    for (path, parameter) in [
        ("/api/v1/petitions/0", "id"),
        ("/api/v1/petitions/abc", "id"),
        ("/api/v1/cities?country=jp", "country"),
        ("/api/v1/cities?page=0", "page"),
        ("/api/v1/cities?year=3000", "year"),
        ("/api/v1/letters?country=United%20States", "country"),
    ] {
        let problem = problem_of(&app, path, 400).await;
        assert_eq!(problem["parameter"], parameter, "{path}");
    }
    let long_name = format!("/api/v1/cities?name={}", "a".repeat(101));
    assert_eq!(problem_of(&app, &long_name, 400).await["parameter"], "name");
    problem_of(&app, "/api/v1/cities?continent=atlantis", 400).await;
    problem_of(&app, "/api/v1/letters?kind=poem", 400).await;
}

/// Every `#[get("…")]` in src/api, with the scope's prefix.
fn served_routes() -> Vec<String> {
    let mut routes = Vec::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in source.lines() {
            if let Some(rest) = line.trim().strip_prefix("#[get(\"") {
                let path = rest.split('"').next().unwrap();
                if path != "/api" {
                    routes.push(format!("{}{path}", solidarity::api::PREFIX));
                }
            }
        }
    }
    routes.sort();
    routes
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_the_app_serves() {
    let app = spawn_app().await;
    let doc = json_of(&app, "/api/v1/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<String> = paths.keys().cloned().collect();
    documented.sort();
    let served = served_routes();
    assert!(served.len() >= 10, "{served:?}");
    assert_eq!(documented, served, "the document and the routes agree");

    for (path, item) in paths {
        let get = &item["get"];
        assert!(get["operationId"].is_string(), "{path}");
        assert!(get["responses"]["200"].is_object(), "{path}");
        // Each documented path is really served: not the router's own 404.
        let response = app.get(&path.replace("{id}", "1")).await;
        if response.status() == 404 {
            let problem: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
            assert_eq!(problem["detail"], "Nothing public has this id.", "{path}");
        } else {
            assert_eq!(response.status(), 200, "{path}");
        }
    }
    // Every reference points at a schema the document defines.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"").skip(1) {
        let target = reference.split('"').next().unwrap();
        let pointer = target.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "dangling {target}");
    }
}

#[tokio::test]
async fn the_api_page_renders_the_document_offline_and_the_footer_links_it() {
    let app = spawn_app().await;
    let page = app.get_html("/api").await;
    for text in [
        "/api/v1/openapi.json",
        "GET /api/v1/cities",
        "GET /api/v1/petitions/{id}/history",
        "id=\"schema-City\"",
        "join_year",
        "north_america",
    ] {
        assert!(page.contains(text), "the page shows {text}");
    }
    assert!(
        !page.contains("<script"),
        "no script, nothing from elsewhere"
    );
    assert!(
        !page.contains("https://"),
        "nothing loaded from another site"
    );
    assert!(app.get_html("/").await.contains("<a href=\"/api\">"));
    let ja = app
        .client
        .get(app.url("/api"))
        .header("accept-language", "ja")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ja.contains("公開API"));
}

#[tokio::test]
async fn the_petition_page_charts_the_history_the_api_answers() {
    let app = spawn_app().await;
    let id = app
        .db
        .write(solidarity::petitions::demo::seed)
        .await
        .unwrap();
    let history = json_of(&app, &format!("/api/v1/petitions/{id}/history")).await;
    let page = app.get_html("/petitions/ban-nuclear-weapons").await;
    let days = history["per_day"].as_array().unwrap();
    assert!(days.len() >= 9, "nine days of demo signatures");
    for day in days {
        let date = day["day"].as_str().unwrap();
        let n = day["signatures"].as_i64().unwrap();
        // The bar's title: "11-24: 53".
        let title = format!("<title>{}: {n}</title>", &date[5..]);
        assert!(page.contains(&title), "the day chart has {title}");
    }
    assert_eq!(
        page.matches("<svg class=\"chart\"").count(),
        3,
        "countries, per day, per hour"
    );
    assert!(page.contains("1,250"), "the paper batch, apart");
    assert!(page.contains(&format!("href=\"/api/v1/petitions/{id}/history\"")));

    // Without a confirmed signature the page says what comes next.
    app.create_first_admin().await;
    open_petition(&app).await;
    assert!(app
        .get_html("/petitions/tpnw")
        .await
        .contains("No confirmed online signature yet"));
}
