//! Public pages near the static ceiling (issue #21 item 3): the directory
//! searched by name looks pieces of names up in an index instead of scanning
//! every city, and pages answer `304 Not Modified` to a browser that has them.

use crate::fixtures::{seed_cities, City};
use crate::helpers::*;

fn found(html: &str, name: &str) -> bool {
    html.contains(&format!(">{name}<"))
}

#[tokio::test]
async fn the_directory_finds_a_name_by_any_part_of_it_before_and_after_a_rename() {
    let app = spawn_app().await;
    let ids = seed_cities(
        &app,
        vec![
            City::new("Hannover", "DE", "mayor@hannover.example.org"),
            City::new("Hanau", "DE", "mayor@hanau.example.org"),
            City::new("Johannesburg", "ZA", "mayor@joburg.example.org"),
        ],
    )
    .await;

    let hann = app.get_html("/members?q=hann").await;
    assert!(found(&hann, "Hannover") && found(&hann, "Johannesburg"));
    assert!(!found(&hann, "Hanau"), "Hanau has no 'hann'");
    assert!(found(&app.get_html("/members?q=HANNOV").await, "Hannover"));
    // One or two characters: every name with them anywhere.
    let short = app.get_html("/members?q=au").await;
    assert!(found(&short, "Hanau") && !found(&short, "Hannover"));
    assert!(found(&app.get_html("/members?q=u").await, "Johannesburg"));
    assert!(found(
        &app.get_html("/members?q=burg").await,
        "Johannesburg"
    ));
    assert!(!found(&app.get_html("/members?q=hannx").await, "Hannover"));

    // Renamed (as the staff form writes a new name): found by it alone.
    let hanau = ids[1];
    app.db
        .write(move |conn| {
            use diesel::prelude::*;
            use solidarity::schema::member_cities;
            diesel::update(member_cities::table.find(hanau))
                .set((
                    member_cities::name_latin.eq("Offenbach am Main"),
                    member_cities::search_key.eq("offenbach am main"),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert!(found(
        &app.get_html("/members?q=bach+am").await,
        "Offenbach am Main"
    ));
    assert!(!found(
        &app.get_html("/members?q=hanau").await,
        "Offenbach am Main"
    ));
}

#[tokio::test]
async fn a_public_page_answers_not_modified_to_a_browser_that_has_it() {
    let app = spawn_app().await;
    let (browser, _) = app.new_browser();
    let first = browser.get(app.url("/statistics")).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let tag = first.headers()["etag"].to_str().unwrap().to_string();
    let body = first.text().await.unwrap();
    assert!(!body.is_empty());

    let again = browser
        .get(app.url("/statistics"))
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(
        again.text().await.unwrap().is_empty(),
        "no body the second time"
    );

    let other = browser
        .get(app.url("/statistics"))
        .header("If-None-Match", "\"0000000000000000\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another version gets the page");

    // Staff pages stay out of every cache.
    app.create_first_admin().await;
    let staff = app.get("/statistics").await;
    assert_eq!(staff.headers()["cache-control"], "no-store");
    assert!(staff.headers().get("etag").is_none());
}

/// The token in the page's language switcher.
fn token_in(html: &str) -> String {
    hidden_value(html, "csrf_token").expect("the page carries a form")
}

#[tokio::test]
async fn a_kept_public_page_carries_each_visitors_own_token_and_staff_changes_show_at_once() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let city = crate::fixtures::registered_city(&app, &crate::fixtures::ypres(), false).await;
    let (first, _) = app.new_browser();
    let (second, _) = app.new_browser();
    let first_page = first.get(app.url("/members")).send().await.unwrap();
    let first_tag = first_page.headers()["etag"].clone();
    let first_page = first_page.text().await.unwrap();
    let second_page = second.get(app.url("/members")).send().await.unwrap();
    assert_ne!(
        second_page.headers()["etag"],
        first_tag,
        "a tag per visitor"
    );
    let second_page = second_page.text().await.unwrap();
    assert!(first_page.contains("Ypres") && second_page.contains("Ypres"));
    let (first_token, second_token) = (token_in(&first_page), token_in(&second_page));
    assert_ne!(first_token, second_token);
    assert_eq!(
        first_page.replace(&first_token, ""),
        second_page.replace(&second_token, ""),
        "the same page otherwise"
    );

    // The second visitor's token is the one their session holds: the form works.
    let switched = second
        .post(app.url("/language"))
        .form(&[
            ("csrf_token", second_token.as_str()),
            ("lang", "ja"),
            ("next", "/members"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    let in_japanese = second.get(app.url("/members")).send().await.unwrap();
    assert!(in_japanese
        .text()
        .await
        .unwrap()
        .contains("<html lang=\"ja\""));

    // A withdrawal by staff leaves the directory for everyone at once.
    let status = format!("/staff/members/{city}/status");
    app.post_ok(
        &status,
        &[
            ("status", "withdrawn"),
            ("on", "2026-11-30"),
            ("reason", "Council decision"),
            ("confirm", "withdraw"),
        ],
    )
    .await;
    let after = first.get(app.url("/members")).send().await.unwrap();
    assert!(!after.text().await.unwrap().contains("Ypres"));
}
