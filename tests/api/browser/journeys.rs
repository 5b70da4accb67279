//! The journeys users take, each in a real browser.

use std::time::Duration;

use super::{Browser, Input};
use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

use Input::{Choose, Radio, Text, Toggle};

/// Waits until the browser shows `expected` (a path, or a path prefix ending in '/').
async fn arrives_at(browser: &Browser, expected: &str) {
    for _ in 0..100 {
        let path = browser.path().await;
        if path == expected || (expected.ends_with('/') && path.starts_with(expected)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the browser stayed on {} instead of {expected}",
        browser.path().await
    );
}

/// Signs a staff member in through the login form, with the keyboard.
async fn sign_in(browser: &mut Browser, email: &str, password: &str) {
    browser.visit("/login", "login").await;
    browser
        .fill_by_keyboard(
            "form[action='/login']",
            &[("email", Text(email)), ("password", Text(password))],
        )
        .await;
    arrives_at(browser, "/staff").await;
}

/// The lists a staff member goes through in a day, each with rows or with
/// its empty state (the month view of August 2031, when nothing is on).
const STAFF_LISTS: &[(&str, &str)] = &[
    ("/staff/members", "directory"),
    ("/staff/applications", "applications"),
    ("/staff/dues", "dues"),
    ("/staff/exhibitions?month=2031-08&loans=1", "exhibitions"),
    ("/staff/poster-sets", "poster-sets"),
    ("/staff/petitions", "petitions"),
    ("/staff/letters", "letters"),
    ("/staff/invitations", "invitations"),
    ("/admin/users", "users"),
    ("/admin/audit", "audit"),
];

/// The first run: setup, the dashboard, signing out and in again, then the
/// staff lists and a member city's page; every page checked at desktop and
/// phone width, in the language the browser asks for.
async fn first_run(journey: &str, lang: &'static str, display_name: &str) {
    let app = spawn_app().await;
    let Some(mut browser) = Browser::open_in(journey, &app.address, lang).await else {
        return;
    };
    let link = app
        .setup_link
        .clone()
        .expect("a fresh app offers a setup link");
    browser
        .visit(link.trim_start_matches(&app.address), "setup")
        .await;
    browser
        .fill_by_keyboard(
            "form[action^='/setup/']",
            &[
                ("email", Text(ADMIN_EMAIL)),
                ("display_name", Text(display_name)),
                ("password", Text(ADMIN_PASSWORD)),
                ("password_confirm", Text(ADMIN_PASSWORD)),
            ],
        )
        .await;
    arrives_at(&browser, "/staff").await;
    browser.check_page("dashboard").await;
    assert!(browser.text().await.contains(display_name));

    browser.submit_by_keyboard("form[action='/logout']").await;
    arrives_at(&browser, "/").await;
    browser.check_page("home").await;
    sign_in(&mut browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert!(browser.text().await.contains(display_name));

    let (shobara, _) = member_city(&app, "Shobara", "JP", "heiwa@city.shobara.example", "ja").await;
    member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    for (path, name) in STAFF_LISTS {
        browser.visit(path, name).await;
    }
    browser
        .visit(&format!("/staff/members/{shobara}"), "member")
        .await;
    browser.finish().await;
}

#[tokio::test]
async fn first_run_setup_then_staff_sign_out_and_in() {
    first_run("setup", "en", "Hiroshima Secretariat").await;
}

/// The same journey in Japanese: the pages, their tables and forms at phone
/// width with Japanese text, which must wrap inside its frame, not squeeze.
#[tokio::test]
async fn first_run_in_japanese() {
    first_run("setup-ja", "ja", "広島平和文化センター事務局").await;
}

#[tokio::test]
async fn a_city_applies_staff_approve_and_the_welcome_email_arrives() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(TestDatabase::fresh(), &[("SMTP_URL", &sink.url())]).await;
    app.create_first_admin().await;
    let Some(mut city) = Browser::open("join", &app.address).await else {
        return;
    };
    city.visit("/join", "form").await;
    city.fill_by_keyboard(
        "form[action='/join']",
        &[
            ("name_latin", Text("Ypres")),
            ("name_native", Text("Ieper")),
            ("country", Choose("Belgium")),
            ("province", Text("West Flanders")),
            ("population", Text("35,000")),
            ("website", Text("https://www.ieper.be")),
            ("mayor_name", Text("Emmily Talpe")),
            ("mayor_title", Text("Mayor")),
            ("contact_name", Text("Jan Peeters")),
            ("email", Text("peace@ieper.example")),
            ("phone", Text("+32 57 45 18 00")),
            ("postal_address", Text("Grote Markt 34, 8900 Ieper")),
            ("message", Text("Ypres, city of peace, wishes to join.")),
        ],
    )
    .await;
    arrives_at(&city, "/join/status/").await;
    city.check_page("status").await;
    assert!(city.text().await.contains("under review"));
    city.finish().await;

    let Some(mut staff) = Browser::open("review", &app.address).await else {
        return;
    };
    sign_in(&mut staff, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    staff.visit("/staff/applications", "queue").await;
    staff
        .find("a[href^='/staff/applications/']:not([href$='applications/'])")
        .await
        .click()
        .await
        .expect("open the application");
    arrives_at(&staff, "/staff/applications/").await;
    staff.check_page("application").await;
    assert!(staff.text().await.contains("Emmily Talpe"));
    staff.submit_by_keyboard("form[action$='/approve']").await;
    staff.visit("/staff/registration", "registration").await;
    assert!(staff.text().await.contains("Ypres"));
    // The run is confirmed with its numbers ("Register 1 city …").
    staff
        .fill_by_keyboard("form[action='/staff/registration']", &[("confirm", Toggle)])
        .await;
    arrives_at(&staff, "/staff/registration").await;
    staff.visit("/members?q=ypres", "directory").await;
    assert!(staff.text().await.contains("Ypres"));
    // The new member on the statistics page's world map (an inline SVG the
    // checkers read like the rest of the page).
    staff.visit("/statistics", "statistics").await;
    assert!(staff.text().await.contains("Belgium"));
    staff.finish().await;

    let mut welcomed = false;
    for _ in 0..100 {
        welcomed = sink
            .received()
            .iter()
            .any(|m| m.header("Subject").as_deref() == Some("Welcome to Mayors for Peace: Ypres"));
        if welcomed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(welcomed, "the welcome email reaches the city");
}

#[tokio::test]
async fn a_person_signs_confirms_by_email_and_the_count_goes_up() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("SMTP_URL", &sink.url()), FAST_COUNTS],
    )
    .await;
    app.create_first_admin().await;
    let petition = open_petition(&app).await;
    let Some(mut browser) = Browser::open("petition", &app.address).await else {
        return;
    };
    browser.visit(&petition, "page").await;
    assert_eq!(
        browser.find("#signature-count").await.text().await.unwrap(),
        "0"
    );
    browser
        .fill_by_keyboard(
            "form[action$='/sign']",
            &[
                ("name", Text("Sadako Sasaki")),
                ("country", Choose("Japan")),
                ("city", Text("Hiroshima")),
                ("email", Text("sadako@example.jp")),
                ("consent", Toggle),
            ],
        )
        .await;
    arrives_at(&browser, "/petitions/").await;
    browser.check_page("signed").await;

    let received = sink.wait_for(1).await;
    let link = link_path(&received[0].data, "/sign/verify/").expect("the verification link");
    browser.visit(&link, "confirm").await;
    browser
        .submit_by_keyboard("form[action^='/sign/verify/']")
        .await;
    arrives_at(&browser, "/petitions/").await;
    browser.check_page("confirmed").await;

    browser.goto(&petition).await;
    // The count comes from the periodic recount, a second behind at most here.
    browser.reload_until("1 online").await;
    browser.check_page("counted").await;
    assert_eq!(
        browser.find("#signature-count").await.text().await.unwrap(),
        "1",
        "the confirmed signature is counted"
    );
    // The page's signature history, and the open data it links to, for people.
    browser.visit("/api", "api").await;
    browser.finish().await;
}

#[tokio::test]
async fn a_city_registers_an_exhibition_and_staff_book_a_poster_set() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (city_id, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    const CITY_PASSWORD: &str = "Menin Gate 1927";
    create_account(
        &app,
        "peace@ieper.example",
        CITY_PASSWORD,
        solidarity::auth::Role::City,
        Some(city_id),
    )
    .await;
    let created = app
        .post_form(
            "/staff/poster-sets",
            &[
                ("code", "EN-01"),
                ("language", "en"),
                ("size", "B2"),
                ("panels", "30"),
                ("condition", "good"),
                ("location", "Hiroshima"),
                ("status", "in_service"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303, "the poster set exists");

    let Some(mut city) = Browser::open("exhibition", &app.address).await else {
        return;
    };
    city.visit("/login", "login").await;
    city.fill_by_keyboard(
        "form[action='/login']",
        &[
            ("email", Text("peace@ieper.example")),
            ("password", Text(CITY_PASSWORD)),
        ],
    )
    .await;
    arrives_at(&city, "/city").await;
    city.visit("/city/exhibitions/new", "city-form").await;
    city.fill_by_keyboard(
        "form[action='/city/exhibitions']",
        &[
            ("title", Text("A-bomb Poster Exhibition in Ypres")),
            ("venue", Text("Cloth Hall")),
            ("address", Text("Grote Markt 34, 8900 Ieper")),
            // Chromium's date field in en-US: month, day, year.
            ("starts_on", Text("08012031")),
            ("ends_on", Text("08152031")),
            ("expected_visitors", Text("2,500")),
            ("poster_language", Choose("English")),
            ("format", Radio("loan")),
            ("publish", Toggle),
        ],
    )
    .await;
    arrives_at(&city, "/city/exhibitions/").await;
    city.check_page("city-detail").await;
    assert!(city
        .text()
        .await
        .contains("A-bomb Poster Exhibition in Ypres"));
    city.finish().await;

    let Some(mut staff) = Browser::open("booking", &app.address).await else {
        return;
    };
    sign_in(&mut staff, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    staff
        .visit("/staff/exhibitions?month=2031-08", "calendar")
        .await;
    staff
        .find("a[href^='/staff/exhibitions/'][href$='1']")
        .await
        .click()
        .await
        .expect("open the exhibition");
    arrives_at(&staff, "/staff/exhibitions/").await;
    staff.check_page("detail").await;
    assert!(
        staff
            .find("#set_id")
            .await
            .text()
            .await
            .unwrap()
            .contains("EN-01"),
        "the free English set is offered"
    );
    staff.submit_by_keyboard("form[action$='/loan']").await;
    arrives_at(&staff, "/staff/exhibitions/").await;
    staff.check_page("booked").await;
    let page = staff.text().await;
    assert!(page.contains("EN-01"), "the set is booked: {page}");
    staff.finish().await;
}

#[tokio::test]
async fn an_admin_sends_a_campaign_and_its_progress_bar_reaches_100_percent() {
    // Two messages a second: the page opens before the last one is sent.
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_RATE_PER_SECOND", "2")]).await;
    app.create_first_admin().await;
    for (name, country, email) in [
        ("Hiroshima", "JP", "peace@city.hiroshima.example"),
        ("Nagasaki", "JP", "heiwa@city.nagasaki.example"),
        ("Ypres", "BE", "peace@ieper.example"),
    ] {
        member_city(&app, name, country, email, "en").await;
    }
    let Some(mut admin) = Browser::open("campaign", &app.address).await else {
        return;
    };
    sign_in(&mut admin, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    admin.visit("/admin/campaigns/new", "form").await;
    admin
        .fill_by_keyboard(
            "form[action='/admin/campaigns']",
            &[
                ("subject", Text("The 2026 General Conference, {{city}}")),
                (
                    "body",
                    Text("Dear friends in {{city}},\n\nthe General Conference meets in Hiroshima in August."),
                ),
            ],
        )
        .await;
    arrives_at(&admin, "/admin/campaigns/").await;
    admin.check_page("preview").await;
    let preview = admin.text().await;
    assert!(preview.contains("Recipients: 3"), "{preview}");
    assert!(
        preview.contains("Dear friends in "),
        "the preview is rendered"
    );

    // Send asks first, saying what will happen in numbers.
    let campaign = admin.path().await;
    admin.submit_by_keyboard("form[action$='/send']").await;
    // The confirmation is a GET form with no fields: its address ends in "?".
    arrives_at(&admin, &format!("{campaign}/send?")).await;
    admin.check_page("confirm").await;
    let confirm = admin.text().await;
    assert!(
        confirm.contains("Send to 3 cities in 1 language"),
        "{confirm}"
    );
    admin.submit_by_keyboard("form[action$='/send']").await;
    arrives_at(&admin, &campaign).await;
    let at_first = admin
        .find("#sent-progress")
        .await
        .attr("value")
        .await
        .unwrap();
    assert_ne!(
        at_first.as_deref(),
        Some("100"),
        "still sending when the page opens"
    );
    admin.check_page("sending").await;
    // The page is not reloaded: static/live.js updates the figures as the
    // worker sends.
    let mut value = String::new();
    for _ in 0..100 {
        value = admin
            .find("#sent-progress")
            .await
            .attr("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if value == "100" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(value, "100", "the progress bar reaches 100%");
    assert_eq!(admin.find("#sent").await.text().await.unwrap(), "3");
    admin.check_page("sent").await;
    admin.finish().await;
}
