//! Letter campaigns: audience filters, preview and unknown placeholders, test
//! send, pause and resume, one-click unsubscribe (RFC 8058) against a real SMTP
//! server, second-admin approval, and a restart in the middle of sending.

use std::collections::HashSet;
use std::time::Duration;

use chrono::Datelike;
use diesel::prelude::*;
use solidarity::exhibitions::models::{Format, Status as ExhibitionStatus};
use solidarity::exhibitions::queries as exhibitions;
use solidarity::membership::models::RoleKind;
use solidarity::schema::outbox;

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

const SENDER: &str = "Mayors for Peace <secretariat@mayorsforpeace.example>";

fn campaign_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("subject", "Invitation to the General Conference, {{city}}"),
        (
            "body",
            "Dear Mayor {{mayor}},\n\nWe invite {{city}} ({{country}}, member No. {{member_number}}) to the General Conference in Hiroshima.",
        ),
        ("continent", ""),
        ("country", ""),
        ("role", ""),
        ("pasted_list", ""),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

async fn create_campaign(app: &TestApp, changes: &[(&str, &str)]) -> String {
    let response = app
        .post_form("/admin/campaigns", &campaign_form(changes))
        .await;
    assert_eq!(response.status(), 303, "the campaign is saved");
    response.headers()["location"].to_str().unwrap().to_string()
}

/// The audience count the campaign page shows.
async fn audience_count(app: &TestApp, path: &str) -> usize {
    let html = app.get_html(path).await;
    let start = html.find("Recipients: ").expect("the count is shown") + "Recipients: ".len();
    html[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

async fn statuses(app: &TestApp) -> Vec<(String, String)> {
    app.db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("campaign"))
                .order(outbox::id)
                .select((outbox::recipient_email, outbox::status))
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// Member cities in numbers: `count` cities of `country`, with addresses.
fn many(country: &'static str, prefix: &str, count: usize) -> Vec<City> {
    (0..count)
        .map(|n| {
            let email: &'static str =
                Box::leak(format!("{prefix}{n}@city.example").into_boxed_str());
            let name: &'static str = Box::leak(format!("{prefix} {n}").into_boxed_str());
            City::new(name, country, email)
        })
        .collect()
}

/// An exhibition of `city_id`, moved straight to `status`.
async fn exhibition_of(app: &TestApp, city_id: i64, status: ExhibitionStatus) {
    app.db
        .write(move |conn| {
            let opens = solidarity::domain::clock::today() - chrono::Duration::days(30);
            let details = exhibitions::Details {
                title: "A-bomb Poster Exhibition".into(),
                venue: "City Hall".into(),
                address: "1 Main Street".into(),
                country_code: "JP".into(),
                starts_on: opens,
                ends_on: opens + chrono::Duration::days(7),
                hours: None,
                time_zone: "Asia/Tokyo".into(),
                expected_visitors: None,
                poster_language: "en".into(),
                format: Format::Print,
                publish: false,
            };
            let id = exhibitions::insert(
                conn,
                &exhibitions::Holder::City { city_id },
                &details,
                "en",
                None,
            )?;
            assert!(exhibitions::set_status(
                conn,
                id,
                ExhibitionStatus::Requested,
                status,
                None
            )?);
            Ok(())
        })
        .await
        .unwrap();
}

async fn admin_with_smtp(sink: &SmtpSink, extra: &[(&str, &str)]) -> TestApp {
    let url = sink.url();
    let mut settings = vec![("SMTP_URL", url.as_str()), ("MAIL_FROM", SENDER)];
    settings.extend_from_slice(extra);
    let app = spawn_app_with(TestDatabase::fresh(), &settings).await;
    app.create_first_admin().await;
    app
}

#[tokio::test]
async fn audience_counts_are_right_for_each_filter() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let mut list = vec![
        City::officer(
            "Hiroshima",
            "JP",
            "Kazumi Matsui",
            "mayor@hiroshima.example",
            RoleKind::President,
        ),
        City::officer(
            "Ypres",
            "BE",
            "Emmily Talpe",
            "mayor@ypres.example",
            RoleKind::VicePresident,
        ),
        City::officer(
            "Malakoff",
            "FR",
            "Jacqueline Belhomme",
            "mayor@malakoff.example",
            RoleKind::VicePresident,
        ),
        City::new("Nagasaki", "JP", "mayor@nagasaki.example"),
        City::new("Jeju City", "KR", "mayor@jeju.example"),
        City::new("Daegu", "KR", "mayor@daegu.example"),
        City::new("Granollers", "ES", "mayor@granollers.example"),
        City::new("Des Moines", "US", "mayor@desmoines.example"),
    ];
    list.push(City {
        email: None,
        ..City::new("Pohang", "KR", "")
    });
    list.push(City {
        active: false,
        ..City::new("Gimpo", "KR", "mayor@gimpo.example")
    });
    let ids = seed_cities(&app, list).await;
    assert_eq!(ids.len(), 10);

    let all = create_campaign(&app, &[]).await;
    assert_eq!(
        audience_count(&app, &all).await,
        8,
        "active members with an address"
    );
    assert!(app.get_html(&all).await.contains("no email address: 1"));

    let asia = create_campaign(&app, &[("continent", "asia")]).await;
    assert_eq!(audience_count(&app, &asia).await, 4);
    let korea = create_campaign(&app, &[("country", "KR")]).await;
    assert_eq!(audience_count(&app, &korea).await, 2);
    let vps = create_campaign(&app, &[("role", "vice_president")]).await;
    assert_eq!(audience_count(&app, &vps).await, 2);
    let europe_vps =
        create_campaign(&app, &[("continent", "europe"), ("role", "vice_president")]).await;
    assert_eq!(audience_count(&app, &europe_vps).await, 2);

    // Dues: Hiroshima and Ypres paid the last fiscal year, everyone else did not.
    let today = solidarity::domain::clock::today();
    let current_fiscal = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let last = (current_fiscal - 1).to_string();
    let today_text = today.to_string();
    for number in ["00001", "00002"] {
        let response = app
            .post_form(
                "/staff/dues/payments",
                &[
                    ("member_number", number),
                    ("received_on", &today_text),
                    ("amount", "2,000"),
                    ("currency", "JPY"),
                    ("rate", ""),
                    ("method", "bank_transfer"),
                    ("reference", ""),
                    ("years", &last),
                    ("note", ""),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "payment recorded");
    }
    let unpaid = create_campaign(&app, &[("dues_unpaid", "on")]).await;
    assert_eq!(audience_count(&app, &unpaid).await, 6);

    // Exhibitions: Hiroshima's is on display and Malakoff's finished (both held);
    // Nagasaki's is only confirmed and Jeju City's was cancelled (neither held).
    for (city, status) in [
        (ids[0], ExhibitionStatus::OnDisplay),
        (ids[2], ExhibitionStatus::Finished),
        (ids[3], ExhibitionStatus::Confirmed),
        (ids[4], ExhibitionStatus::Cancelled),
    ] {
        exhibition_of(&app, city, status).await;
    }
    let first_show = create_campaign(&app, &[("no_exhibition_held", "on")]).await;
    assert_eq!(audience_count(&app, &first_show).await, 6);
    let html = app.get_html(&first_show).await;
    assert!(
        html.contains("As Ypres"),
        "the preview is for a city in the audience: {html}"
    );
    assert!(app
        .get_html(&format!("{first_show}/edit"))
        .await
        .contains("name=\"no_exhibition_held\" checked"));
    let korea_first_show =
        create_campaign(&app, &[("country", "KR"), ("no_exhibition_held", "on")]).await;
    assert_eq!(audience_count(&app, &korea_first_show).await, 2);
    let unpaid_first_show =
        create_campaign(&app, &[("dues_unpaid", "on"), ("no_exhibition_held", "on")]).await;
    assert_eq!(
        audience_count(&app, &unpaid_first_show).await,
        5,
        "unpaid, less Malakoff which held one"
    );

    // A pasted list: member numbers and addresses; a line naming nobody is shown.
    let pasted = create_campaign(
        &app,
        &[(
            "pasted_list",
            "00001\nmayor@daegu.example\n99999\nnobody@nowhere.example",
        )],
    )
    .await;
    assert_eq!(audience_count(&app, &pasted).await, 2);
    let html = app.get_html(&pasted).await;
    assert!(
        html.contains("99999, nobody@nowhere.example"),
        "unmatched lines are listed"
    );
}

#[tokio::test]
async fn the_preview_fills_placeholders_and_an_unknown_one_is_caught_before_sending() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    seed_cities(
        &app,
        vec![City::officer(
            "Ypres",
            "BE",
            "Emmily Talpe",
            "mayor@ypres.example",
            RoleKind::VicePresident,
        )],
    )
    .await;
    let refused = app
        .post_form(
            "/admin/campaigns",
            &campaign_form(&[("body", "Dear {{major}},")]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("placeholder that does not exist"));

    let path = create_campaign(&app, &[]).await;
    let html = app.get_html(&path).await;
    assert!(
        html.contains("Invitation to the General Conference, Ypres"),
        "{html}"
    );
    assert!(html.contains("Dear Mayor Emmily Talpe,"));
    assert!(html.contains("We invite Ypres (Belgium, member No. 00001)"));

    // The test goes to the admin alone.
    assert_eq!(
        app.post_form(&format!("{path}/test"), &[]).await.status(),
        303
    );
    let rows = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .select((outbox::recipient_email, outbox::subject))
                .load::<(String, String)>(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(
        rows,
        [(
            ADMIN_EMAIL.to_string(),
            "Invitation to the General Conference, Ypres".to_string()
        )]
    );
}

#[tokio::test]
async fn the_link_in_a_test_send_shows_the_unsubscribe_page_and_unsubscribes_nobody() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    seed_cities(
        &app,
        vec![
            City::new("Ypres", "BE", "mayor@ypres.example"),
            City::new("Granollers", "ES", "mayor@granollers.example"),
        ],
    )
    .await;
    let path = create_campaign(&app, &[]).await;
    assert_eq!(
        app.post_form(&format!("{path}/test"), &[]).await.status(),
        303
    );
    let (to, text) = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("campaign-test"))
                .select((outbox::recipient_email, outbox::text_body))
                .first::<(String, String)>(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(to, ADMIN_EMAIL);
    let link = link_path(&text, "/unsubscribe/").expect("the test shows the unsubscribe line");
    assert!(
        link.starts_with("/unsubscribe/preview/"),
        "not the sample city's real link: {link}"
    );

    // Opened, it shows the page Ypres would see, with nothing to press.
    let (client, _) = app.new_browser();
    let page = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Stop sending campaign emails to Ypres"),
        "{html}"
    );
    assert!(html.contains("This link unsubscribes nobody."));
    assert!(!html.contains("method=\"post\" action=\"/unsubscribe"));

    // Neither a one-click POST to it nor its token on the real path unsubscribes.
    let real = link.replacen("/unsubscribe/preview/", "/unsubscribe/", 1);
    for target in [&link, &real] {
        let refused = client
            .post(app.url(target))
            .body("List-Unsubscribe=One-Click")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 404, "{target}");
    }
    assert_eq!(
        client.get(app.url(&real)).send().await.unwrap().status(),
        404
    );
    let html = app.get_html(&path).await;
    assert_eq!(audience_count(&app, &path).await, 2, "Ypres is still in");
    assert!(!html.contains("unsubscribed:"), "{html}");
}

#[tokio::test]
async fn pause_stops_delivery_and_resume_finishes_it() {
    let sink = SmtpSink::start();
    let app = admin_with_smtp(
        &sink,
        &[("MAIL_RATE_PER_SECOND", "25"), ("MAIL_WORKERS", "1")],
    )
    .await;
    seed_cities(&app, many("BE", "flanders", 60)).await;
    let path = create_campaign(&app, &[]).await;
    assert_eq!(
        app.post_form(&format!("{path}/send"), &[]).await.status(),
        303
    );
    let sending = app.get_html(&path).await;
    assert!(sending.contains("<progress"), "a progress bar");
    assert!(
        sending.contains(&format!("data-live-url=\"{path}/progress.json\"")),
        "the page's figures update themselves while sending"
    );
    let live: serde_json::Value =
        serde_json::from_str(&app.get_html(&format!("{path}/progress.json")).await).unwrap();
    assert_eq!(live["done"], false, "{live}");
    assert!(live["values"]["sent"].is_string() && live["progress"]["sent-progress"].is_number());
    sink.wait_for(3).await;
    assert_eq!(
        app.post_form(&format!("{path}/pause"), &[]).await.status(),
        303
    );
    let html = app.get_html(&path).await;
    assert!(html.contains("Paused"));
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "paused: no reloading"
    );

    // What a worker had claimed before the pause still goes; then nothing.
    for _ in 0..200 {
        if !statuses(&app).await.iter().any(|(_, s)| s == "sending") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let delivered_at_pause = sink.received().len();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        sink.received().len(),
        delivered_at_pause,
        "nothing goes out while paused"
    );
    assert!(
        delivered_at_pause < 60,
        "paused in the middle ({delivered_at_pause} sent)"
    );
    assert!(app.get_html(&path).await.contains("id=\"held\">"));

    assert_eq!(
        app.post_form(&format!("{path}/resume"), &[]).await.status(),
        303
    );
    let received = sink.wait_for(60).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let recipients: HashSet<String> = sink.received().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(recipients.len(), 60, "every city once");
    assert_eq!(
        sink.received().len(),
        60,
        "nobody twice ({} received)",
        received.len()
    );
}

#[tokio::test]
async fn an_unsubscribed_city_gets_no_later_non_essential_campaign() {
    let sink = SmtpSink::start();
    let app = admin_with_smtp(&sink, &[]).await;
    seed_cities(
        &app,
        vec![
            City::new("Ypres", "BE", "mayor@ypres.example"),
            City::new("Granollers", "ES", "mayor@granollers.example"),
        ],
    )
    .await;
    let first = create_campaign(&app, &[]).await;
    assert_eq!(app.post_ok(&format!("{first}/send"), &[]).await, first);
    let received = sink.wait_for(2).await;
    let ypres = received
        .iter()
        .find(|m| m.to == ["mayor@ypres.example"])
        .expect("Ypres got the campaign");
    assert_eq!(
        ypres.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let header = ypres.header("List-Unsubscribe").expect("RFC 8058 header");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let path = url.trim_start_matches("http://127.0.0.1:0").to_string();
    assert!(path.starts_with("/unsubscribe/"), "{url}");

    // A forged token unsubscribes nobody; the mail client's one-click POST, without
    // a session or CSRF token, works.
    let (client, _) = app.new_browser();
    // Another last character than the real one, so the token is surely wrong.
    let last = if path.ends_with('A') { 'B' } else { 'A' };
    let forged = format!("{}{last}", &path[..path.len() - 1]);
    let refused = client
        .post(app.url(&forged))
        .body("List-Unsubscribe=One-Click")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    let done = client
        .post(app.url(&path))
        .body("List-Unsubscribe=One-Click")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);

    let second = create_campaign(&app, &[("subject", "Poster exhibition materials")]).await;
    assert_eq!(audience_count(&app, &second).await, 1);
    assert_eq!(app.post_ok(&format!("{second}/send"), &[]).await, second);
    let essential = create_campaign(
        &app,
        &[
            ("subject", "Notice of the General Conference"),
            ("essential", "on"),
        ],
    )
    .await;
    assert_eq!(
        audience_count(&app, &essential).await,
        2,
        "essential notices still reach everyone"
    );
    assert_eq!(
        app.post_ok(&format!("{essential}/send"), &[]).await,
        essential
    );
    let received = sink.wait_for(5).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let posters: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.header("Subject").is_some_and(|s| s.contains("Poster")))
        .collect();
    assert_eq!(posters.len(), 1);
    assert_eq!(posters[0].to, ["mayor@granollers.example"]);
    let notice = received
        .iter()
        .find(|m| m.header("Subject").is_some_and(|s| s.contains("Notice")))
        .unwrap();
    assert!(
        notice.header("List-Unsubscribe").is_none(),
        "essential: no unsubscribe"
    );
    assert_eq!(sink.received().len(), 5);
}

#[tokio::test]
async fn a_campaign_above_the_threshold_waits_for_a_second_admin() {
    // Mail workers on: the second admin's invitation must arrive.
    let app = spawn_app().await;
    app.create_first_admin().await;
    seed_cities(&app, many("JP", "chugoku", 3)).await;
    assert_eq!(
        app.post_form("/admin/campaigns/settings", &[("threshold", "2")])
            .await
            .status(),
        303
    );
    let path = create_campaign(&app, &[]).await;
    assert_eq!(app.post_ok(&format!("{path}/send"), &[]).await, path);
    assert!(app
        .get_html(&path)
        .await
        .contains("Waiting for a second admin"));
    assert!(statuses(&app).await.is_empty(), "nothing enqueued");
    assert_eq!(
        app.post_form(&format!("{path}/approve"), &[])
            .await
            .status(),
        403,
        "the admin who asked cannot approve"
    );

    let invitation = app
        .invite("admin2@pcf.city.hiroshima.jp", "Second Admin", "admin")
        .await;
    app.logout().await;
    let accepted = app
        .post_form(
            &invitation,
            &[
                ("display_name", "Second Admin"),
                ("password", "Orizuru cranes 1000"),
                ("password_confirm", "Orizuru cranes 1000"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), 303);
    assert_eq!(
        app.post_form(&format!("{path}/approve"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(statuses(&app).await.len(), 3);
    assert_eq!(
        app.post_form(&format!("{path}/approve"), &[])
            .await
            .status(),
        403,
        "approved once"
    );
}

#[tokio::test]
async fn killed_in_the_middle_and_restarted_the_campaign_sends_every_message_exactly_once() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let pace = [("SMTP_URL", url.as_str()), ("MAIL_RATE_PER_SECOND", "40")];
    let app = spawn_app_with(TestDatabase::fresh(), &pace).await;
    app.create_first_admin().await;
    seed_cities(&app, many("DE", "hessen", 40)).await;
    let path = create_campaign(&app, &[]).await;
    assert_eq!(app.post_ok(&format!("{path}/send"), &[]).await, path);
    sink.wait_for(5).await;
    let (database, _) = app.stop().await;
    let delivered_before = sink.received().len();
    assert!(
        delivered_before < 40,
        "stopped in the middle ({delivered_before} sent)"
    );

    let restarted = spawn_app_with(database, &pace).await;
    sink.wait_for(40).await;
    for _ in 0..200 {
        if statuses(&restarted).await.iter().all(|(_, s)| s == "sent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let received = sink.received();
    let ids: HashSet<String> = received
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    let recipients: HashSet<String> = received.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(received.len(), 40, "no message twice");
    assert_eq!(ids.len(), 40);
    assert_eq!(recipients.len(), 40, "every city once");
}

#[tokio::test]
async fn a_refused_send_leaves_the_draft_as_it_was_and_logs_nothing() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    seed_cities(&app, vec![City::new("Ypres", "BE", "mayor@ypres.example")]).await;
    let path = create_campaign(&app, &[("country", "KR")]).await;
    assert_eq!(
        app.post_ok(&format!("{path}/send"), &[]).await,
        path,
        "back to the campaign"
    );
    let html = app.get_html(&path).await;
    assert!(html.contains("No city matches this audience."), "{html}");
    assert!(html.contains("Draft"), "still a draft");
    assert!(statuses(&app).await.is_empty(), "nothing enqueued");
    let log = app.get_html("/admin/audit?action=campaign.send").await;
    assert!(!log.contains("messages enqueued") && !log.contains("waiting for a second admin"));
}
