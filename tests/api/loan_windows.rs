//! Issue #17, item 4: a poster set may be booked while an exhibition is
//! still requested, so every change of the exhibition's dates moves the
//! loan's window with them and checks it again in the same transaction; a
//! change that would collide with another loan of the set is refused (409,
//! the clash named) and nothing changes. One test per way in: the city's own
//! edit, staff moving the dates, and the workflow's steps. (Visitors' public
//! form only creates exhibitions, never with a set, so it cannot move one.)

use chrono::NaiveDate;
use diesel::prelude::*;
use solidarity::auth::Role;
use solidarity::schema::{exhibition_loans, exhibitions};

use crate::fixtures::*;
use crate::helpers::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The exhibition's dates and its live loan's window, as stored.
async fn stored(app: &TestApp, id: i64) -> ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)) {
    app.db
        .run(move |conn| {
            let dates = exhibitions::table
                .find(id)
                .select((exhibitions::starts_on, exhibitions::ends_on))
                .first(conn)?;
            let window = exhibition_loans::table
                .filter(exhibition_loans::exhibition_id.eq(id))
                .filter(exhibition_loans::cancelled_at.is_null())
                .select((exhibition_loans::ships_on, exhibition_loans::returns_on))
                .first(conn)?;
            Ok((dates, window))
        })
        .await
        .unwrap()
}

async fn book(app: &TestApp, id: i64, set: i64) {
    app.post_ok(
        &format!("/staff/exhibitions/{id}/loan"),
        &[("set_id", &set.to_string())],
    )
    .await;
}

/// The city's form, as its edit page sends it.
fn city_form<'a>(starts: &'a str, ends: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", "Nagasaki 2031"),
        ("venue", "Atomic Bomb Museum"),
        ("address", "7-8 Hiranomachi, Nagasaki"),
        ("starts_on", starts),
        ("ends_on", ends),
        ("opens_at", "09:00"),
        ("closes_at", "17:00"),
        ("time_zone", ""),
        ("poster_language", "en"),
        ("format", "loan"),
        ("publish", "yes"),
    ]
}

/// Hiroshima's exhibition (1-10 August 2031) and Nagasaki's (1-5 October),
/// both lent set EN-01; Asia's buffers are 10 days each side, so the set is
/// away 22 July - 20 August and 21 September - 15 October.
struct Setup {
    app: TestApp,
    nagasaki_user: Browser,
    hiroshima_exhibition: i64,
    nagasaki_exhibition: i64,
}

async fn setup() -> Setup {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, hiroshima) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (nagasaki, _) = member_city(&app, "Nagasaki", "JP", "peace@nagasaki.example", "ja").await;
    let set = add_set(&app, "EN-01", "en").await;
    let hiroshima_exhibition = register(
        &app,
        &hiroshima,
        "Hiroshima 2031",
        "2031-08-01",
        "2031-08-10",
        &[],
    )
    .await;
    let nagasaki_user = signed_in(&app, "peace@nagasaki.example", Role::City, Some(nagasaki)).await;
    let created = nagasaki_user
        .post("/city/exhibitions", &city_form("2031-10-01", "2031-10-05"))
        .await;
    assert_eq!(created.status(), 303);
    let nagasaki_exhibition = id_of(&location(&created));
    book(&app, hiroshima_exhibition, set).await;
    book(&app, nagasaki_exhibition, set).await;
    assert_eq!(
        stored(&app, nagasaki_exhibition).await.1,
        (day("2031-09-21"), day("2031-10-15"))
    );
    Setup {
        app,
        nagasaki_user,
        hiroshima_exhibition,
        nagasaki_exhibition,
    }
}

async fn update_entries(app: &TestApp) -> String {
    app.get_html("/admin/audit?action=exhibition.update").await
}

#[tokio::test]
async fn a_city_moving_its_booked_exhibition_into_a_clash_is_refused_and_nothing_changes() {
    let s = setup().await;
    let id = s.nagasaki_exhibition;
    let before = stored(&s.app, id).await;

    // 25 August - 1 September needs the set from 15 August: Hiroshima has it.
    let refused = s
        .nagasaki_user
        .post(
            &format!("/city/exhibitions/{id}"),
            &city_form("2031-08-25", "2031-09-01"),
        )
        .await;
    assert_eq!(refused.status(), 409);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains(
            "Set EN-01 is already lent for “Hiroshima 2031” from 22 July 2031 to 20 August 2031"
        ),
        "the clash is named: {body}"
    );
    assert!(
        body.contains("value=\"2031-08-25\""),
        "the form keeps what was typed"
    );
    assert_eq!(stored(&s.app, id).await, before, "nothing changed");
    assert!(!update_entries(&s.app).await.contains("Nagasaki 2031"));

    // Later dates fit: the loan's window moves with them.
    let moved = s
        .nagasaki_user
        .post(
            &format!("/city/exhibitions/{id}"),
            &city_form("2031-10-10", "2031-10-20"),
        )
        .await;
    assert_eq!(moved.status(), 303);
    assert_eq!(
        stored(&s.app, id).await,
        (
            (day("2031-10-10"), day("2031-10-20")),
            (day("2031-09-30"), day("2031-10-30"))
        )
    );
    assert!(update_entries(&s.app)
        .await
        .contains("loan of set EN-01: 2031-09-21–2031-10-15 → 2031-09-30–2031-10-30"));
}

#[tokio::test]
async fn staff_moving_a_booked_exhibition_into_a_clash_is_refused_and_nothing_changes() {
    let s = setup().await;
    let (app, id) = (&s.app, s.hiroshima_exhibition);
    app.post_ok(
        &format!("/staff/exhibitions/{id}/status"),
        &[("to", "confirmed")],
    )
    .await;
    let before = stored(app, id).await;

    // 20-25 September needs the set until 5 October: Nagasaki has it from 21 September.
    let refused = app
        .post_form(
            &format!("/staff/exhibitions/{id}/dates"),
            &[("starts_on", "2031-09-20"), ("ends_on", "2031-09-25")],
        )
        .await;
    assert_eq!(refused.status(), 409);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains(
            "Set EN-01 is already lent for “Nagasaki 2031” from 21 September 2031 to 15 October 2031"
        ),
        "{body}"
    );
    assert_eq!(stored(app, id).await, before, "nothing changed");

    // A confirmed exhibition may still move where the set is free.
    let to = app
        .post_ok(
            &format!("/staff/exhibitions/{id}/dates"),
            &[("starts_on", "2031-08-03"), ("ends_on", "2031-08-12")],
        )
        .await;
    assert_eq!(to, format!("/staff/exhibitions/{id}"));
    assert_eq!(
        stored(app, id).await,
        (
            (day("2031-08-03"), day("2031-08-12")),
            (day("2031-07-24"), day("2031-08-22"))
        )
    );
    assert!(update_entries(app)
        .await
        .contains("dates 2031-08-01–2031-08-10 → 2031-08-03–2031-08-12"));

    // Once the set has left, the dates stay.
    app.post_ok(
        &format!("/staff/exhibitions/{id}/status"),
        &[("to", "shipped")],
    )
    .await;
    let page = app
        .get_html(
            &app.post_ok(
                &format!("/staff/exhibitions/{id}/dates"),
                &[("starts_on", "2031-08-04"), ("ends_on", "2031-08-12")],
            )
            .await,
        )
        .await;
    assert!(page.contains("The poster set has left already"), "{page}");
    assert_eq!(
        stored(app, id).await.0,
        (day("2031-08-03"), day("2031-08-12"))
    );
}

#[tokio::test]
async fn a_workflow_step_puts_a_stale_loan_window_right_or_is_refused() {
    let s = setup().await;
    let (app, id) = (&s.app, s.nagasaki_exhibition);
    // Data from before the rule: dates changed without the loan following.
    let write_dates = |starts: &'static str, ends: &'static str| async move {
        app.db
            .run(move |conn| {
                diesel::update(exhibitions::table.find(id))
                    .set((
                        exhibitions::starts_on.eq(day(starts)),
                        exhibitions::ends_on.eq(day(ends)),
                    ))
                    .execute(conn)?;
                Ok(())
            })
            .await
            .unwrap()
    };
    write_dates("2031-08-25", "2031-09-01").await;
    let page = app
        .get_html(
            &app.post_ok(
                &format!("/staff/exhibitions/{id}/status"),
                &[("to", "confirmed")],
            )
            .await,
        )
        .await;
    assert!(
        page.contains("Set EN-01 is already lent for “Hiroshima 2031”"),
        "{page}"
    );
    let status: String = app
        .db
        .run(move |conn| {
            Ok(exhibitions::table
                .find(id)
                .select(exhibitions::status)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(status, "requested", "the refused step changed nothing");
    assert_eq!(
        stored(app, id).await.1,
        (day("2031-09-21"), day("2031-10-15"))
    );

    write_dates("2031-10-10", "2031-10-20").await;
    app.post_ok(
        &format!("/staff/exhibitions/{id}/status"),
        &[("to", "confirmed")],
    )
    .await;
    assert_eq!(
        stored(app, id).await.1,
        (day("2031-09-30"), day("2031-10-30")),
        "confirming moved the window to the dates"
    );
}

#[tokio::test]
async fn a_city_changing_language_or_format_keeps_the_booked_set_consistent() {
    let s = setup().await;
    let id = s.nagasaki_exhibition;
    let before = stored(&s.app, id).await;

    // Japanese posters need another set: refused, nothing changed.
    let mut japanese = city_form("2031-10-01", "2031-10-05");
    japanese.retain(|(k, _)| *k != "poster_language");
    japanese.push(("poster_language", "ja"));
    let refused = s
        .nagasaki_user
        .post(&format!("/city/exhibitions/{id}"), &japanese)
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("The poster set booked for this exhibition is in another language."));
    assert_eq!(stored(&s.app, id).await, before);

    // Printing its own posters instead: the set is free again.
    let mut printed = city_form("2031-10-01", "2031-10-05");
    printed.retain(|(k, _)| *k != "format");
    printed.push(("format", "print"));
    let saved = s
        .nagasaki_user
        .post(&format!("/city/exhibitions/{id}"), &printed)
        .await;
    assert_eq!(saved.status(), 303);
    let live: i64 = s
        .app
        .db
        .run(move |conn| {
            Ok(exhibition_loans::table
                .filter(exhibition_loans::exhibition_id.eq(id))
                .filter(exhibition_loans::cancelled_at.is_null())
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(live, 0, "the loan is cancelled with the change");
    assert!(update_entries(&s.app)
        .await
        .contains("poster set released (no longer a loan)"));
}
