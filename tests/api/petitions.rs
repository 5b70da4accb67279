//! Petitions: signing with email verification, collectors, duplicates,
//! withdrawal, paper batches, limits and counts.

use std::time::Duration;

use diesel::prelude::*;
use solidarity::schema::{outbox, petition_submissions};

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

#[tokio::test]
async fn a_signature_counts_once_confirmed_through_the_emailed_link() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("SMTP_URL", &sink.url()), FAST_COUNTS],
    )
    .await;
    app.create_first_admin().await;
    let path = open_petition(&app).await;
    let page = app.get_html(&path).await;
    assert!(
        page.contains("<strong>hibakusha</strong>") && !page.contains("<script>alert"),
        "Markdown, rendered safely"
    );

    assert_eq!(
        sign(&app, &signer("Sadako Sasaki", "sadako@example.jp"))
            .await
            .status(),
        303
    );
    let received = sink.wait_for(1).await;
    assert_eq!(received[0].to, ["sadako@example.jp"]);
    let link = link_path(&received[0].data, "/sign/verify/").expect("the link is in the email");

    // Opening the link (as a mail scanner would) verifies nothing.
    let (browser, _) = app.new_browser();
    let opened = browser
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(opened.contains("Confirm my signature"));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    count_reaches(&app, "0").await;

    let confirmed = press_link_button(&app, &browser, &link).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(confirmed.headers()["location"], "/petitions/tpnw");
    let html = count_reaches(&app, "1").await;
    assert!(html.contains("<progress id=\"goal-progress\" max=\"1000\" value=\"1\""));
    let thanks = sink.wait_for(2).await;
    assert!(thanks[1]
        .header("Subject")
        .unwrap()
        .starts_with("Your signature counts"));
}

#[tokio::test]
async fn a_second_signature_from_the_same_address_is_refused_politely_without_a_flood_of_email() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(
        &app,
        &signer("Sadako Sasaki", "Sadako.Sasaki+tpnw@gmail.com"),
        "sent",
    )
    .await;
    // The page tells nobody whether the address signed before (issue #22).
    let again = sign(&app, &signer("Sadako S.", "sadakosasaki@googlemail.com")).await;
    assert_eq!(
        again.headers()["location"],
        "/petitions/tpnw/signed?outcome=sent"
    );

    let link = verification_link(&app, "Sadako.Sasaki+tpnw@gmail.com").await;
    confirm_by_link(&app, &link).await;

    let third = sign(&app, &signer("Sadako", "SADAKOSASAKI@gmail.com")).await;
    assert_eq!(
        third.headers()["location"],
        "/petitions/tpnw/signed?outcome=sent"
    );
    let verification_emails: i64 = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::subject.like("Please confirm%"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(verification_emails, 1, "one email, however often they try");
    count_reaches(&app, "1").await;
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(&app, &signer("Kenji", "kenji@example.jp"), "sent").await;
    let link = verification_link(&app, "kenji@example.jp").await;
    app.db
        .write(|conn| {
            let past = solidarity::domain::clock::now() - chrono::Duration::hours(1);
            diesel::update(petition_submissions::table)
                .set(petition_submissions::expires_at.eq(past))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let (browser, _) = app.new_browser();
    let page = browser
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("This confirmation link has expired"));
    assert!(!page.contains("Confirm my signature</button>"));
    let refused = press_link_button(&app, &browser, &link).await;
    assert_eq!(refused.status(), 303);
    assert_eq!(
        refused.headers()["location"],
        link.as_str(),
        "back to the page that says it expired"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    count_reaches(&app, "0").await;

    // Signing again gives a fresh link.
    let again = sign(&app, &signer("Kenji", "kenji@example.jp")).await;
    assert_eq!(
        again.headers()["location"],
        "/petitions/tpnw/signed?outcome=sent"
    );
}

#[tokio::test]
async fn a_forged_link_opens_nothing() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(&app, &signer("Kenji", "kenji@example.jp"), "sent").await;
    let link = verification_link(&app, "kenji@example.jp").await;
    let forged = link.replace("/sign/verify/1/", "/sign/verify/2/");
    assert_eq!(app.get(&forged).await.status(), 404);
    assert_eq!(app.get("/sign/verify/1/AAAA").await.status(), 404);
}

#[tokio::test]
async fn a_collector_signs_for_others_and_one_confirmation_counts_them_all() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let mut fields = signer("Aiko Tanaka", "aiko@example.jp");
    fields.extend([
        ("other_name_1", "Hiroshi Tanaka"),
        ("other_country_1", "JP"),
        ("other_name_2", "Min-jun Kim"),
        ("other_country_2", "KR"),
    ]);
    assert_eq!(sign(&app, &fields).await.status(), 303);
    let message = app.wait_for_email("<aiko@example.jp>").await;
    assert!(message.contains("This confirms 3 signatures"));
    let link = link_path(&message, "/sign/verify/").unwrap();
    let (browser, _) = app.new_browser();
    let page = browser
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Hiroshi Tanaka") && page.contains("Min-jun Kim"));
    let confirmed = press_link_button(&app, &browser, &link).await;
    assert_eq!(confirmed.status(), 303);
    let html = count_reaches(&app, "3").await;
    assert!(html.contains("Republic of Korea"), "counted by country");
}

#[tokio::test]
async fn withdrawing_removes_the_signature_from_the_count() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(&app, &signer("Kenji", "kenji@example.jp"), "sent").await;
    let link = verification_link(&app, "kenji@example.jp").await;
    let (browser, _) = app.new_browser();
    let confirmed = press_link_button(&app, &browser, &link).await;
    assert_eq!(confirmed.status(), 303);
    count_reaches(&app, "1").await;

    let thanks = app.wait_for_email("Your signature counts").await;
    let withdraw = link_path(&thanks, "/sign/withdraw/").expect("a withdrawal link");
    let page = browser
        .get(app.url(&withdraw))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Withdraw my signature"));
    count_reaches(&app, "1").await;
    let withdrawn = press_link_button(&app, &browser, &withdraw).await;
    assert_eq!(withdrawn.status(), 303);
    assert_eq!(withdrawn.headers()["location"], "/petitions/tpnw");
    count_reaches(&app, "0").await;
}

#[tokio::test]
async fn paper_batches_add_to_the_total_and_show_apart() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let token = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("signatures", "1,250")
        .text("country", "KR")
        .text("collected_from", "2026-08-01")
        .text("collected_to", "2026-08-31")
        .text("handed_over_on", "2026-09-15")
        .text("note", "Collected at the Incheon peace fair");
    let response = app
        .client
        .post(app.url("/petitions/1/paper"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let html = count_reaches(&app, "1,250").await;
    assert!(html.contains("0 online, 1,250 on paper"));
    assert!(app
        .get_html("/admin/audit?action=petition.paper_batch")
        .await
        .contains("1250 paper signatures from KR"));
}

#[tokio::test]
async fn too_many_signatures_from_one_address_get_a_readable_429() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let addresses: Vec<String> = (0..21).map(|n| format!("person{n}@example.org")).collect();
    for address in &addresses[..20] {
        let address: &'static str = Box::leak(address.clone().into_boxed_str());
        assert_eq!(sign(&app, &signer("Someone", address)).await.status(), 303);
    }
    let limited = sign(&app, &signer("Someone", "person20@example.org")).await;
    assert_eq!(limited.status(), 429);
    assert!(limited
        .text()
        .await
        .unwrap()
        .contains("Too many requests in a short time"));
}

#[tokio::test]
async fn a_form_with_errors_keeps_the_input_and_counts_nothing() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let response = sign(
        &app,
        &[
            ("name", "Sadako Sasaki"),
            ("country", ""),
            ("email", "not-an-email"),
            ("other_name_1", "Hiroshi"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"Sadako Sasaki\""));
    assert!(html.contains("Please agree to the privacy notice to sign."));
    assert!(html.contains("Please enter an email address"));
    assert!(html.contains("Please choose a country or region."));
    let submissions: i64 = app
        .db
        .run(|conn| Ok(petition_submissions::table.count().get_result(conn)?))
        .await
        .unwrap();
    assert_eq!(submissions, 0);
}

/// Signs and confirms through the emailed link.
async fn sign_and_confirm(app: &TestApp, fields: &[(&str, &str)], email: &str) {
    assert_eq!(sign(app, fields).await.status(), 303);
    let link = verification_link(app, email).await;
    confirm_by_link(app, &link).await;
}

#[tokio::test]
async fn anonymisation_removes_names_and_keeps_counts_by_country() {
    use solidarity::schema::{petition_signatures, petitions};
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_and_confirm(
        &app,
        &signer("Sadako Sasaki", "sadako@example.jp"),
        "sadako@example.jp",
    )
    .await;
    let mut korean = signer("Min-jun Kim", "minjun@example.kr");
    korean[1] = ("country", "KR");
    sign_and_confirm(&app, &korean, "minjun@example.kr").await;
    let before = count_reaches(&app, "2").await;
    let export = app
        .get("/staff/petitions/1/signatures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        export.contains("Sadako Sasaki") && export.contains("sadako@example.jp"),
        "admins see addresses"
    );

    // The petition closed long ago and its retention has passed.
    app.db
        .write(|conn| {
            let long_ago = solidarity::domain::clock::today() - chrono::Duration::days(400);
            diesel::update(petitions::table)
                .set((
                    petitions::status.eq("closed"),
                    petitions::opens_on.eq(long_ago),
                    petitions::closes_on.eq(long_ago),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let today = solidarity::domain::clock::today();
    let cleared = app
        .db
        .run(move |conn| solidarity::petitions::oversight::anonymise_due(conn, today))
        .await
        .unwrap();
    assert_eq!(cleared, 1);
    let names: Vec<Option<String>> = app
        .db
        .run(|conn| {
            Ok(petition_signatures::table
                .select(petition_signatures::name)
                .load(conn)?)
        })
        .await
        .unwrap();
    assert!(names.iter().all(Option::is_none), "no names left");
    let emails: Vec<Option<String>> = app
        .db
        .run(|conn| {
            Ok(petition_submissions::table
                .select(petition_submissions::email)
                .load(conn)?)
        })
        .await
        .unwrap();
    assert!(emails.iter().all(Option::is_none), "no addresses left");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let after = count_reaches(&app, "2").await;
    for country in ["Japan", "Republic of Korea"] {
        assert!(
            before.contains(country) && after.contains(country),
            "{country} still counted"
        );
    }
    let export = app
        .get("/staff/petitions/1/signatures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(!export.contains("Sadako") && export.contains("JP") && export.contains("KR"));
}

#[tokio::test]
async fn staff_see_bursts_and_invalidate_them_with_an_audit_entry() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    for n in 0..12 {
        let address: &'static str = Box::leak(format!("bot{n}@spam.example").into_boxed_str());
        sign_ok(&app, &signer("Bot", address), "sent").await;
    }
    let page = app.get_html("/staff/petitions/1/bursts?minutes=60").await;
    assert!(page.contains("<code>spam.example</code>") && page.contains("<code>127.0.0.1</code>"));
    let response = app
        .post_form(
            "/staff/petitions/1/invalidate",
            &[
                ("kind", "domain"),
                ("value", "spam.example"),
                ("minutes", "60"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let invalidated: i64 = app
        .db
        .run(|conn| {
            Ok(petition_submissions::table
                .filter(petition_submissions::status.eq("invalidated"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(invalidated, 12);
    assert!(app
        .get_html("/admin/audit?action=petition.invalidate")
        .await
        .contains("12 submissions from domain spam.example"));
}

#[tokio::test]
async fn a_blocked_domain_cannot_sign() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let back = app
        .post_ok(
            "/admin/petitions/blocklist",
            &[("domain", "mailinator.example"), ("reason", "disposable")],
        )
        .await;
    assert_eq!(back, "/admin/petitions/blocklist");
    let refused = sign(&app, &signer("Someone", "x@Mailinator.example")).await;
    assert_eq!(refused.status(), 400);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Signatures from this email domain are not accepted"));
}

#[tokio::test]
async fn staff_exports_leave_out_email_addresses() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_and_confirm(
        &app,
        &signer("=HYPERLINK(\"x\")", "formula@example.jp"),
        "formula@example.jp",
    )
    .await;
    count_reaches(&app, "1").await;
    let invitation = app
        .invite("staff@pcf.city.hiroshima.jp", "Aiko Tanaka", "staff")
        .await;
    app.logout().await;
    app.get(&invitation).await;
    app.post_ok(
        &invitation,
        &[
            ("display_name", "Aiko Tanaka"),
            ("password", "Orizuru cranes 1000"),
            ("password_confirm", "Orizuru cranes 1000"),
        ],
    )
    .await;
    let export = app
        .get("/staff/petitions/1/signatures.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        export.starts_with("\u{feff}name,country,city,date\r\n"),
        "{export}"
    );
    assert!(
        !export.contains("formula@example.jp"),
        "staff who are not admins get no addresses"
    );
    assert!(
        export.contains("'=HYPERLINK"),
        "formula cells are neutralised"
    );
    let report = app.get_html("/staff/petitions/1/report").await;
    assert!(report.contains("Hand-over report") && report.contains("Japan"));
}
