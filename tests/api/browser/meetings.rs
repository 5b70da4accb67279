//! A meeting in a real browser: staff create and publish it and send the
//! invitations, a city registers through its link with the keyboard alone,
//! and staff mark the delegate present from the attendance page.

use std::time::Duration;

use chrono::Duration as Days;
use diesel::prelude::*;
use solidarity::domain::clock::today;
use solidarity::schema::outbox;

use super::{Browser, Input};
use crate::helpers::*;

use Input::{Choose, Text, Toggle};

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

/// Chromium's date field in en-US takes month, day, year.
fn typed_date(days_from_today: i64) -> String {
    (today() + Days::days(days_from_today))
        .format("%m%d%Y")
        .to_string()
}

#[tokio::test]
async fn staff_publish_a_meeting_a_city_registers_by_keyboard_and_staff_mark_attendance() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let Some(mut staff) = Browser::open("meeting-staff", &app.address).await else {
        return;
    };
    staff.visit("/login", "login").await;
    staff
        .fill_by_keyboard(
            "form[action='/login']",
            &[
                ("email", Text(ADMIN_EMAIL)),
                ("password", Text(ADMIN_PASSWORD)),
            ],
        )
        .await;
    arrives_at(&staff, "/staff").await;
    staff.visit("/staff/meetings/new", "meeting-form").await;
    let (opens, closes, starts, ends) = (
        typed_date(-1),
        typed_date(30),
        typed_date(60),
        typed_date(62),
    );
    staff
        .fill_by_keyboard(
            "form[action='/staff/meetings']",
            &[
                (
                    "title_en",
                    Text("11th General Conference of Mayors for Peace"),
                ),
                ("title_ja", Text("第11回平和首長会議総会")),
                ("starts_on", Text(&starts)),
                ("ends_on", Text(&ends)),
                ("venue", Text("International Conference Center Hiroshima")),
                ("country_code", Choose("Japan")),
                ("time_zone", Text("Asia/Tokyo")),
                ("registration_opens_on", Text(&opens)),
                ("registration_closes_on", Text(&closes)),
                ("capacity_total", Text("300")),
            ],
        )
        .await;
    arrives_at(&staff, "/staff/meetings/").await;
    staff.check_page("meeting").await;
    staff.submit_by_keyboard("form[action$='/publish']").await;
    staff.submit_by_keyboard("form[action$='/invite']").await;
    assert!(staff.text().await.contains("One city invited."));
    let meeting_path = staff.path().await;

    let body: String = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::recipient_email.eq("peace@ieper.example"))
                .select(outbox::text_body)
                .first(conn)?)
        })
        .await
        .unwrap();
    let link = link_path(&body, "/meetings/").expect("the invitation's link");
    let Some(mut city) = Browser::open("meeting-city", &app.address).await else {
        return;
    };
    city.visit(&link, "registration").await;
    city.fill_by_keyboard(
        &format!("form[action='{link}']"),
        &[
            ("d1_name", Text("Emmily Talpe")),
            ("d1_title", Text("Mayor")),
            ("d1_email", Text("mayor@ypres.example")),
            ("d1_mayor", Toggle),
            ("dietary", Text("vegetarian")),
        ],
    )
    .await;
    arrives_at(&city, &link).await;
    city.check_page("registered").await;
    assert!(city.text().await.contains("Your registration is saved."));
    city.finish().await;

    staff
        .visit(&format!("{meeting_path}/attendance"), "attendance")
        .await;
    staff
        .fill_by_keyboard("form[role='search']", &[("q", Text("talpe"))])
        .await;
    staff
        .submit_by_keyboard("form[action*='/attendance/']")
        .await;
    assert!(staff
        .text()
        .await
        .contains("Emmily Talpe is marked present."));
    staff.visit(&meeting_path, "figures").await;
    assert!(staff.text().await.contains("one city represented"));
    staff.finish().await;
}
