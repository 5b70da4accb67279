//! Issue #22, items 5 and 7: personal data leaves the outbox (bodies after the
//! retention period, anonymised signers at once), links expire, and the
//! smaller findings each stay fixed.

use chrono::Duration;
use diesel::prelude::*;
use solidarity::auth::Role;
use solidarity::schema::{applications, exhibition_feeds, outbox, petition_submissions, petitions};

use crate::fixtures::*;
use crate::helpers::*;

/// The outbox rows as (recipient, text body, html body, status, message id).
type Row = (String, String, Option<String>, String, String);

async fn outbox_rows(app: &TestApp) -> Vec<Row> {
    app.db
        .run(|conn| {
            Ok(outbox::table
                .order(outbox::id.asc())
                .select((
                    outbox::recipient_email,
                    outbox::text_body,
                    outbox::html_body,
                    outbox::status,
                    outbox::message_id,
                ))
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// Waits until every message is sent (the file transport writes .eml files).
async fn all_sent(app: &TestApp) -> Vec<Row> {
    for _ in 0..200 {
        let rows = outbox_rows(app).await;
        if !rows.is_empty() && rows.iter().all(|r| r.3 == "sent") {
            return rows;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the messages were not sent: {:?}", outbox_rows(app).await);
}

#[tokio::test]
async fn bodies_of_sent_messages_are_cleared_after_the_retention_period_and_the_rows_stay() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(&app, &signer("Sadako Sasaki", "sadako@example.jp"), "sent").await;
    sign_ok(&app, &signer("Kenji", "kenji@example.jp"), "sent").await;
    let before = all_sent(&app).await;
    assert_eq!(before.len(), 2);
    assert!(
        before[0].1.contains("/sign/verify/"),
        "a body with a live link"
    );

    // Sadako's message went out 31 days ago; Kenji's today.
    app.db
        .write(|conn| {
            let long_ago = solidarity::domain::clock::now() - Duration::days(31);
            diesel::update(outbox::table.filter(outbox::recipient_email.eq("sadako@example.jp")))
                .set(outbox::sent_at.eq(long_ago))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let cleared = solidarity::mail::retention::clear_older_than(&app.db, 30)
        .await
        .unwrap();
    assert_eq!(cleared, 1);
    let after = outbox_rows(&app).await;
    assert_eq!(after[0].0, "sadako@example.jp", "the row stays");
    assert_eq!(after[0].1, "", "no text body");
    assert_eq!(after[0].2, None, "no HTML body");
    assert_eq!(after[0].3, "sent", "the status stays");
    assert_eq!(after[0].4, before[0].4, "the Message-ID stays");
    assert_eq!(after[1], before[1], "a message sent today keeps its body");

    // Running again (or on another instance) changes nothing more.
    let again = solidarity::mail::retention::clear_older_than(&app.db, 30)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let page = app.get_html("/admin/outbox").await;
    assert!(page.contains("Text cleared after the retention period"));
}

#[tokio::test]
async fn anonymising_a_petition_forgets_its_signers_in_the_outbox_and_ends_their_links() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    sign_ok(&app, &signer("Sadako Sasaki", "sadako@example.jp"), "sent").await;
    let link = verification_link(&app, "sadako@example.jp").await;
    confirm_by_link(&app, &link).await;
    let thanks = app.wait_for_email("Your signature counts").await;
    let withdraw = link_path(&thanks, "/sign/withdraw/").expect("a withdrawal link");
    assert_eq!(
        app.get(&withdraw).await.status(),
        200,
        "it opens while kept"
    );
    let page = app.get_html("/admin/outbox").await;
    assert!(page.contains("sadako@example.jp"), "admins see the address");

    // A message still queued for her (the worker has not taken it yet).
    app.db
        .write(|conn| {
            diesel::update(outbox::table.filter(outbox::subject.like("Please confirm%")))
                .set((
                    outbox::status.eq("queued"),
                    outbox::next_attempt_at.eq(solidarity::mail::outbox::held_until()),
                ))
                .execute(conn)?;
            let long_ago = solidarity::domain::clock::today() - Duration::days(400);
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
    let anonymised = app
        .db
        .run(move |conn| solidarity::petitions::oversight::anonymise_due(conn, today))
        .await
        .unwrap();
    assert_eq!(anonymised, 1);

    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), 2);
    for (recipient, text, html, _, _) in &rows {
        assert_eq!(recipient, "", "no address left");
        assert_eq!(text, "", "no body left");
        assert_eq!(html, &None);
    }
    let statuses: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(
        statuses,
        ["cancelled", "sent"],
        "what had not gone out never will"
    );
    let page = app.get_html("/admin/outbox").await;
    assert!(!page.contains("sadako@example.jp"), "{page}");
    assert!(page.contains("(anonymised)"));
    assert!(
        !page.contains("/admin/outbox/1/retry"),
        "nobody to send it to"
    );
    let retried = app.post_form("/admin/outbox/1/retry", &[]).await;
    assert_eq!(retried.status(), 303);
    assert_eq!(outbox_rows(&app).await[0].3, "cancelled", "retry refused");

    // The withdrawal link lasted as long as the petition's retention.
    let expired = app.get(&withdraw).await;
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("anonymised"));
}

#[tokio::test]
async fn the_signing_answer_is_the_same_for_a_new_and_a_known_address_and_the_owner_is_told_by_email(
) {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let first = sign(&app, &signer("Sadako Sasaki", "sadako@example.jp")).await;
    let link = verification_link(&app, "sadako@example.jp").await;
    confirm_by_link(&app, &link).await;
    // The link was sent more than ten minutes ago.
    app.db
        .write(|conn| {
            let earlier = solidarity::domain::clock::now() - Duration::minutes(11);
            diesel::update(petition_submissions::table)
                .set(petition_submissions::last_sent_at.eq(earlier))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let again = sign(&app, &signer("Someone Else", "sadako@example.jp")).await;
    let stranger = sign(&app, &signer("Kenji", "kenji@example.jp")).await;
    for response in [&first, &again, &stranger] {
        assert_eq!(response.status(), 303);
        assert_eq!(
            response.headers()["location"],
            "/petitions/tpnw/signed?outcome=sent",
            "one answer for all"
        );
    }
    let told = app.wait_for_email("You have already signed").await;
    assert!(told.contains("To: sadako@example.jp"), "{told}");
    assert!(told.contains("/sign/withdraw/"), "with the way out");
    // Within ten minutes, no second message.
    let _ = sign(&app, &signer("Someone Else", "sadako@example.jp")).await;
    let told_count: i64 = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::subject.like("You have already signed%"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(told_count, 1, "no flood of email");
}

#[tokio::test]
async fn dates_outside_the_records_years_are_refused_with_a_readable_error_in_every_form() {
    const OUT_OF_RANGE: &str = "Enter a date between 1945 and 2200.";
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let today = solidarity::domain::clock::today().to_string();

    // Petitions.
    let petition = |opens_on: &'static str| {
        vec![
            ("title", "Ban the bomb"),
            ("slug", "ban"),
            ("addressee", "All states"),
            ("body_markdown", "Text"),
            ("goal", "100"),
            ("opens_on", opens_on),
            ("closes_on", "2027-01-01"),
            ("status", "open"),
            ("retention_days", "180"),
        ]
    };
    for year in ["0000-01-01", "9999-12-31", "1900-08-06"] {
        let refused = app.post_form("/staff/petitions", &petition(year)).await;
        assert_eq!(refused.status(), 422, "{year}");
        assert!(
            refused.text().await.unwrap().contains(OUT_OF_RANGE),
            "{year}"
        );
    }
    let refused = app
        .post_form("/staff/petitions", &petition("-0001-01-01"))
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Please enter a date such as"));

    // Letters.
    let refused = app
        .post_form(
            "/staff/letters",
            &letter_form(&[("occasion_on", "9999-12-31")]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains(OUT_OF_RANGE));

    // Dues.
    member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let payment = [
        ("member_number", "00001"),
        ("received_on", "0001-05-10"),
        ("amount", "2,000"),
        ("currency", "JPY"),
        ("rate", ""),
        ("method", "bank_transfer"),
        ("reference", ""),
        ("years", "2026"),
        ("note", ""),
    ];
    let refused = app.post_form("/staff/dues/payments", &payment).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains(OUT_OF_RANGE));

    // The public exhibition form.
    let (visitor, _) = app.new_browser();
    let application = [
        ("organisation_name", "Peace Education Network Toronto"),
        ("contact_name", "Emily Carter"),
        ("email", "emily@pent.example"),
        ("language", "en"),
        ("event_plan", "Two weeks in the public library."),
        ("title", "Remembering Hiroshima and Nagasaki"),
        ("venue", "Central Library"),
        ("address", "789 Yonge Street, Toronto"),
        ("country", "CA"),
        ("starts_on", "9999-08-03"),
        ("ends_on", "9999-08-16"),
        ("opens_at", ""),
        ("closes_at", ""),
        ("time_zone", ""),
        ("expected_visitors", "800"),
        ("poster_language", "en"),
        ("format", "print"),
        ("publish", "yes"),
        ("nickname", ""),
    ];
    let refused = submit(
        &visitor,
        &app.address,
        "/exhibitions/apply",
        "/exhibitions/apply",
        &application,
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains(OUT_OF_RANGE));

    // Roles (the form posts typed dates; the refusal comes back as a message).
    let (city, _) = member_city(&app, "Hiroshima", "JP", "a@hiroshima.example", "ja").await;
    let back = app
        .post_form(
            &format!("/staff/members/{city}/roles"),
            &[
                ("role", "executive"),
                ("starts_on", "0000-01-01"),
                ("ends_on", ""),
            ],
        )
        .await;
    assert_eq!(back.status(), 303);
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert!(page.contains(OUT_OF_RANGE), "the refusal is shown");
    let roles: i64 = app
        .db
        .run(|conn| {
            Ok(solidarity::schema::city_roles::table
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(roles, 0, "no role of year 0");

    // Paper batches.
    open_petition(&app).await;
    let token = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("signatures", "100")
        .text("country", "KR")
        .text("collected_from", "0000-01-01")
        .text("collected_to", today.clone())
        .text("handed_over_on", today)
        .text("note", "");
    let petition_id: i64 = app
        .db
        .run(|conn| {
            Ok(petitions::table
                .filter(petitions::slug.eq("tpnw"))
                .select(petitions::id)
                .first(conn)?)
        })
        .await
        .unwrap();
    let refused = app
        .client
        .post(app.url(&format!("/petitions/{petition_id}/paper")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains(OUT_OF_RANGE));
}

/// Posts a paper batch of `signatures` to petition 1 from `client`.
async fn paper(app: &TestApp, client: &reqwest::Client, signatures: &str) -> reqwest::Response {
    let page = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = hidden_value(&page, "csrf_token").expect("a CSRF token");
    let today = solidarity::domain::clock::today().to_string();
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("signatures", signatures.to_string())
        .text("country", "JP")
        .text("collected_from", today.clone())
        .text("collected_to", today.clone())
        .text("handed_over_on", today)
        .text("note", "");
    client
        .post(app.url("/petitions/1/paper"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn paper_batches_go_only_to_open_petitions_within_a_bound_and_staff_see_who_recorded_them() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS, ("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let (hiroshima, _) = member_city(&app, "Hiroshima", "JP", "a@hiroshima.example", "ja").await;
    let city = signed_in(&app, "kenji@hiroshima.example", Role::City, Some(hiroshima)).await;

    let too_many = paper(&app, &city.client, "2,000,000").await;
    assert_eq!(too_many.status(), 422);
    assert!(too_many
        .text()
        .await
        .unwrap()
        .contains("A batch holds at most 100,000 signatures"));
    assert_eq!(paper(&app, &city.client, "0").await.status(), 422);
    let recorded = paper(&app, &city.client, "1,250").await;
    assert_eq!(recorded.status(), 303);

    let staff_page = app.get_html("/staff/petitions/1").await;
    assert!(staff_page.contains("Recorded by"));
    assert!(
        staff_page.contains("<td class=\"recorded-by\">Hiroshima</td>"),
        "staff see the city that recorded the batch"
    );

    // Closed (and draft) petitions take no paper, from a city or from staff.
    for status in ["closed", "draft"] {
        app.db
            .write(move |conn| {
                diesel::update(petitions::table)
                    .set(petitions::status.eq(status))
                    .execute(conn)?;
                Ok(())
            })
            .await
            .unwrap();
        let refused = paper(&app, &city.client, "10").await;
        assert_eq!(refused.status(), 303, "{status}");
        let page = city.get("/city/petitions/1").await.text().await.unwrap();
        assert!(
            page.contains("Paper signatures can be recorded only while the petition is open"),
            "{status}: {page}"
        );
        assert_eq!(paper(&app, &app.client, "10").await.status(), 303);
    }
    let batches: i64 = app
        .db
        .run(|conn| {
            Ok(solidarity::schema::petition_paper_batches::table
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(batches, 1, "only the batch of the open petition");
}

#[tokio::test]
async fn raising_the_approval_threshold_needs_a_second_admin() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let threshold = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            db.run(solidarity::campaigns::store::approval_threshold)
                .await
                .unwrap()
        }
    };
    assert_eq!(threshold(&app).await, 1000);

    // One admin raises it: nothing changes until another confirms.
    app.post_ok("/admin/campaigns/settings", &[("threshold", "100000")])
        .await;
    assert_eq!(threshold(&app).await, 1000);
    let page = app.get_html("/admin/campaigns").await;
    assert!(page.contains("Another admin must confirm the higher threshold"));
    assert!(page.contains("Waiting for a second admin"));
    assert!(!page.contains("/admin/campaigns/settings/confirm"));
    app.post_ok("/admin/campaigns/settings/confirm", &[]).await;
    assert_eq!(threshold(&app).await, 1000, "not by the admin who asked");
    assert!(app
        .get_html("/admin/campaigns")
        .await
        .contains("Another admin must confirm a raise you asked for"));

    let second = signed_in(&app, "second@pcf.example", Role::Admin, None).await;
    let page = second.get("/admin/campaigns").await.text().await.unwrap();
    assert!(page.contains("/admin/campaigns/settings/confirm"));
    let confirmed = second.post("/admin/campaigns/settings/confirm", &[]).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(threshold(&app).await, 100000);
    assert!(app
        .get_html("/admin/audit?action=campaign.settings")
        .await
        .contains("approval threshold 1000 → 100000"));

    // Lowering it needs nobody else.
    app.post_ok("/admin/campaigns/settings", &[("threshold", "10")])
        .await;
    assert_eq!(threshold(&app).await, 10);
}

#[tokio::test]
async fn the_calendar_feed_token_is_stored_hashed_and_a_city_can_make_a_new_one() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (hiroshima, _) = member_city(&app, "Hiroshima", "JP", "a@hiroshima.example", "ja").await;
    let city = signed_in(&app, "kenji@hiroshima.example", Role::City, Some(hiroshima)).await;
    let feed_path = |page: &str| {
        let start = page.find("<code id=\"feed-url\">").expect("the feed") + 20;
        let url = &page[start..start + page[start..].find('<').unwrap()];
        url[url.find("/exhibitions/feeds/").unwrap()..].to_string()
    };
    let page = city.get("/city/exhibitions").await.text().await.unwrap();
    let old = feed_path(&page);
    assert_eq!(
        feed_path(&city.get("/city/exhibitions").await.text().await.unwrap()),
        old,
        "the same address on every visit"
    );
    let (public, _) = app.new_browser();
    let get = |path: String| {
        let (public, app) = (public.clone(), app.url(&path));
        async move { public.get(app).send().await.unwrap().status() }
    };
    assert_eq!(get(old.clone()).await, 200);
    let token = old
        .trim_start_matches("/exhibitions/feeds/")
        .trim_end_matches(".ics")
        .to_string();
    let stored: Vec<String> = app
        .db
        .run(|conn| {
            Ok(exhibition_feeds::table
                .select(exhibition_feeds::token_hash)
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token, "the token is not stored");
    assert_eq!(stored[0], solidarity::domain::random::hash_token(&token));

    let regenerated = city.post("/city/exhibitions/feed/regenerate", &[]).await;
    assert_eq!(regenerated.status(), 303);
    let new = feed_path(&city.get("/city/exhibitions").await.text().await.unwrap());
    assert_ne!(new, old);
    assert_eq!(get(old).await, 404, "the old address no longer opens");
    assert_eq!(get(new).await, 200);
    assert!(app
        .get_html("/admin/audit?action=exhibition.feed_regenerate")
        .await
        .contains("calendar feed"));
}

#[tokio::test]
async fn an_application_status_link_expires_a_year_after_the_application() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let status = apply_as_visitor(&app, &ypres()).await;
    assert_eq!(app.get(&status).await.status(), 200);
    app.db
        .write(|conn| {
            let long_ago = solidarity::domain::clock::now() - Duration::days(366);
            diesel::update(applications::table)
                .set(applications::created_at.eq(long_ago))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(app.get(&status).await.status(), 404);
}

#[test]
fn smtp_without_tls_to_another_host_is_a_configuration_error_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let config = |url: &str| {
        let (dir, url) = (dir.path().display().to_string(), url.to_string());
        solidarity::config::Config::from_lookup(move |name| match name {
            "DATA_DIR" => Some(dir.clone()),
            "SMTP_URL" => Some(url.clone()),
            _ => None,
        })
    };
    let refused = config("smtp://user:secret@mail.example.org:587").unwrap_err();
    assert_eq!(refused.variable, "SMTP_URL");
    let message = refused.to_string();
    assert!(message.contains("mail.example.org") && message.contains("tls=required"));
    assert!(!message.contains("secret"), "{message}");
    assert!(config("smtp://user:secret@mail.example.org:587?tls=required").is_ok());
    assert!(config("smtp://127.0.0.1:2525").is_ok());
}

#[tokio::test]
async fn an_officers_review_link_expires_sixty_days_after_it_was_sent() {
    use solidarity::schema::letter_reviews;
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "1")]).await;
    app.create_first_admin().await;
    seed_cities(&app, officers()).await;
    let path = create_letter(&app, &[]).await;
    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let message = app.wait_for_email("/letters/review/").await;
    let link = link_path(&message.replace("=\r\n", ""), "/letters/review/").expect("a link");
    assert_eq!(app.get(&link).await.status(), 200);
    app.db
        .write(|conn| {
            let long_ago = solidarity::domain::clock::now() - Duration::days(61);
            diesel::update(letter_reviews::table)
                .set(letter_reviews::created_at.eq(long_ago))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(app.get(&link).await.status(), 404);
}
