//! Issue #17, item 2: roles end with a withdrawal, one president at a time,
//! lead cities name what they lead, and a review circle asks only the
//! officers current on the day it starts.

use chrono::NaiveDate;
use diesel::prelude::*;
use solidarity::schema::{city_roles, letter_reviews};

use crate::fixtures::*;
use crate::helpers::*;

/// Staff with the president and three vice-presidents of Table 5 (Hiroshima,
/// Nagasaki, Hannover, Ypres), all since 2010-01-01 with open terms.
async fn app_with_officers() -> (TestApp, Vec<i64>) {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let ids = seed_cities(&app, officers()).await;
    (app, ids)
}

/// The city's roles as stored: (role, starts, ends).
async fn roles_of(app: &TestApp, city_id: i64) -> Vec<(String, NaiveDate, Option<NaiveDate>)> {
    app.db
        .run(move |conn| {
            Ok(city_roles::table
                .filter(city_roles::city_id.eq(city_id))
                .order(city_roles::id.asc())
                .select((city_roles::role, city_roles::starts_on, city_roles::ends_on))
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// Posts a staff form that answers with a redirect to the city's page, and
/// returns that page (with the flash message saying what happened).
async fn post_and_read(app: &TestApp, city_id: i64, path: &str, fields: &[(&str, &str)]) -> String {
    let location = app.post_ok(path, fields).await;
    assert_eq!(location, format!("/staff/members/{city_id}"));
    app.get_html(&location).await
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn a_withdrawn_city_leaves_the_officers_and_the_next_review_circle() {
    let (app, ids) = app_with_officers().await;
    let nagasaki = ids[1];
    let today = solidarity::domain::clock::today();
    let today_text = today.to_string();
    assert!(app.get_html("/officers").await.contains("Nagasaki"));

    app.post_ok(
        &format!("/staff/members/{nagasaki}/status"),
        &[
            ("status", "withdrawn"),
            ("confirm", "withdraw"),
            ("on", &today_text),
            ("reason", "Council decision"),
        ],
    )
    .await;

    assert_eq!(
        roles_of(&app, nagasaki).await,
        vec![("vice_president".to_string(), day("2010-01-01"), Some(today))],
        "the role ends on the withdrawal date, in the withdrawal's transaction"
    );
    let audit = app.get_html("/admin/audit?action=member.status").await;
    assert!(audit.contains("roles ended: 1"), "{audit}");
    let officers = app.get_html("/officers").await;
    assert!(
        !officers.contains("Nagasaki") && officers.contains("Hannover"),
        "{officers}"
    );
    app.logout().await;
    assert!(!app.get_html("/officers").await.contains("Nagasaki"));
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;

    // The next review circle asks the three officers left, not Nagasaki.
    let letter = create_letter(&app, &[]).await;
    app.post_ok(&format!("{letter}/circulate"), &[]).await;
    let asked: Vec<i64> = app
        .db
        .run(|conn| {
            Ok(letter_reviews::table
                .select(letter_reviews::city_id)
                .order(letter_reviews::city_id.asc())
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(asked, vec![ids[0], ids[2], ids[3]]);
}

#[tokio::test]
async fn a_role_that_ended_is_not_asked_to_review() {
    let (app, ids) = app_with_officers().await;
    let (hannover, ypres) = (ids[2], ids[3]);
    let yesterday = (solidarity::domain::clock::today() - chrono::Duration::days(1)).to_string();
    let hannover_role = first_role_id(&app, hannover).await;
    post_and_read(
        &app,
        hannover,
        &format!("/staff/members/{hannover}/roles/{hannover_role}/end"),
        &[("ends_on", &yesterday)],
    )
    .await;
    let letter = create_letter(&app, &[]).await;
    app.post_ok(&format!("{letter}/circulate"), &[]).await;
    let asked: Vec<i64> = app
        .db
        .run(|conn| {
            Ok(letter_reviews::table
                .select(letter_reviews::city_id)
                .order(letter_reviews::city_id.asc())
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(asked, vec![ids[0], ids[1], ypres]);
}

async fn first_role_id(app: &TestApp, city_id: i64) -> i64 {
    app.db
        .run(move |conn| {
            Ok(city_roles::table
                .filter(city_roles::city_id.eq(city_id))
                .order(city_roles::id.asc())
                .select(city_roles::id)
                .first(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn an_overlapping_president_is_refused_with_the_clash_named_on_adding_and_on_changing() {
    let (app, ids) = app_with_officers().await;
    let (hiroshima, nagasaki) = (ids[0], ids[1]);

    // Adding: Hiroshima presides from 2010 with no end.
    let page = post_and_read(
        &app,
        nagasaki,
        &format!("/staff/members/{nagasaki}/roles"),
        &[
            ("role", "president"),
            ("starts_on", "2025-01-01"),
            ("ends_on", "2028-12-31"),
        ],
    )
    .await;
    assert!(
        page.contains("Hiroshima is president from 1 January 2010 to no end date"),
        "the clash is named: {page}"
    );
    assert_eq!(roles_of(&app, nagasaki).await.len(), 1, "nothing was added");

    // Hiroshima's term ends; Nagasaki's can then begin.
    let hiroshima_role = first_role_id(&app, hiroshima).await;
    post_and_read(
        &app,
        hiroshima,
        &format!("/staff/members/{hiroshima}/roles/{hiroshima_role}/end"),
        &[("ends_on", "2024-12-31")],
    )
    .await;
    let page = post_and_read(
        &app,
        nagasaki,
        &format!("/staff/members/{nagasaki}/roles"),
        &[
            ("role", "president"),
            ("starts_on", "2025-01-01"),
            ("ends_on", "2028-12-31"),
        ],
    )
    .await;
    assert!(page.contains("The role is added."), "{page}");

    // Changing: Hiroshima's term may not be stretched into Nagasaki's, by
    // the change form or by moving its end.
    let page = post_and_read(
        &app,
        hiroshima,
        &format!("/staff/members/{hiroshima}/roles/{hiroshima_role}"),
        &[
            ("role", "president"),
            ("starts_on", "2010-01-01"),
            ("ends_on", "2025-06-30"),
        ],
    )
    .await;
    assert!(
        page.contains("Nagasaki is president from 1 January 2025 to 31 December 2028"),
        "{page}"
    );
    let page = post_and_read(
        &app,
        hiroshima,
        &format!("/staff/members/{hiroshima}/roles/{hiroshima_role}/end"),
        &[("ends_on", "2025-01-01")],
    )
    .await;
    assert!(page.contains("Nagasaki is president from"), "{page}");
    assert_eq!(
        roles_of(&app, hiroshima).await,
        vec![(
            "president".to_string(),
            day("2010-01-01"),
            Some(day("2024-12-31"))
        )],
        "the refused changes left the term as it was"
    );

    // A change that clashes with no one is kept and audited before → after.
    post_and_read(
        &app,
        hiroshima,
        &format!("/staff/members/{hiroshima}/roles/{hiroshima_role}"),
        &[
            ("role", "president"),
            ("starts_on", "2011-01-01"),
            ("ends_on", "2024-12-31"),
        ],
    )
    .await;
    let audit = app.get_html("/admin/audit?action=member.role_edit").await;
    assert!(
        audit.contains("2010-01-01 – 2024-12-31 → 2011-01-01 – 2024-12-31"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_lead_city_names_the_countries_it_leads_and_the_officers_page_shows_them() {
    let (app, ids) = app_with_officers().await;
    let hannover = ids[2];

    let page = post_and_read(
        &app,
        hannover,
        &format!("/staff/members/{hannover}/roles"),
        &[
            ("role", "lead"),
            ("starts_on", "2020-01-01"),
            ("regions", "de, AT ZZ"),
        ],
    )
    .await;
    assert!(
        page.contains("“ZZ” is not a country or region the association knows"),
        "{page}"
    );
    assert_eq!(roles_of(&app, hannover).await.len(), 1, "nothing was added");

    let page = post_and_read(
        &app,
        hannover,
        &format!("/staff/members/{hannover}/roles"),
        &[
            ("role", "executive"),
            ("starts_on", "2020-01-01"),
            ("regions", "DE"),
        ],
    )
    .await;
    assert!(page.contains("Only a lead city names"), "{page}");

    post_and_read(
        &app,
        hannover,
        &format!("/staff/members/{hannover}/roles"),
        &[
            ("role", "lead"),
            ("starts_on", "2020-01-01"),
            ("regions", "de, AT"),
        ],
    )
    .await;
    let officers = app.get_html("/officers").await;
    assert!(officers.contains("Austria, Germany"), "{officers}");

    // The change form replaces what it leads.
    let lead_role = app
        .db
        .run(move |conn| {
            Ok(city_roles::table
                .filter(city_roles::city_id.eq(hannover))
                .filter(city_roles::role.eq("lead"))
                .select(city_roles::id)
                .first::<i64>(conn)?)
        })
        .await
        .unwrap();
    post_and_read(
        &app,
        hannover,
        &format!("/staff/members/{hannover}/roles/{lead_role}"),
        &[
            ("role", "lead"),
            ("starts_on", "2020-01-01"),
            ("ends_on", ""),
            ("regions", "CH"),
        ],
    )
    .await;
    app.logout().await;
    let officers = app.get_html("/officers").await;
    assert!(
        officers.contains("Switzerland") && !officers.contains("Austria, Germany"),
        "{officers}"
    );
}

#[tokio::test]
async fn on_postgresql_a_second_president_written_past_the_check_is_refused_by_the_database() {
    use solidarity::membership::models::RoleKind;
    use solidarity::membership::roles;
    let (app, ids) = app_with_officers().await;
    if !app.database.is_postgres() {
        // SQLite's write transaction (BEGIN IMMEDIATE) admits one writer at a
        // time, so the operations' check and write are one step there.
        return;
    }
    let nagasaki = ids[1];
    let written = app
        .db
        .write(move |conn| {
            roles::add_role(conn, nagasaki, RoleKind::President, day("2025-01-01"), None)
        })
        .await;
    assert!(
        written.is_err(),
        "the exclusion constraint refuses an overlapping president"
    );
    assert_eq!(roles_of(&app, nagasaki).await.len(), 1);
}
