//! The world maps: member cities by country on /statistics and signatures by
//! country on a petition's page, drawn as SVG on the server (issue #23 item 4).

use crate::fixtures::*;
use crate::helpers::*;

/// The group of a country on the page's map: its fill, title and shape.
fn country_path<'a>(html: &'a str, code: &str) -> &'a str {
    let start = html
        .find(&format!("data-country=\"{code}\""))
        .unwrap_or_else(|| panic!("a shape for {code}"));
    let start = html[..start].rfind("<g").expect("a group");
    let end = start + html[start..].find("</g>").expect("an end");
    let group = &html[start..end];
    assert!(
        group.contains(&format!("<use href=\"/static/world-map.svg#{code}\"/>")),
        "{group}"
    );
    group
}

fn is_coloured(path: &str) -> bool {
    !path.contains("fill=\"#e4e4e4\"")
}

#[tokio::test]
async fn the_statistics_map_titles_every_country_with_members_and_its_count() {
    // The cities are written straight into the database, as another instance
    // would write them: no public page is kept from before (PAGE_CACHE_SECONDS).
    let config = [("MAIL_WORKERS", "0"), ("PAGE_CACHE_SECONDS", "0")];
    let app = spawn_app_with(TestDatabase::fresh(), &config).await;
    let empty = app.get_html("/statistics").await;
    assert!(
        empty.contains("Nothing to show on the map yet"),
        "an empty state before any member"
    );
    assert!(!empty.contains("data-country="), "no map without members");

    seed_cities(
        &app,
        vec![
            City::new("Hiroshima", "JP", "hiroshima@example.jp"),
            City::new("Nagasaki", "JP", "nagasaki@example.jp"),
            City::new("Ypres", "BE", "ypres@example.be"),
            City::new("Pristina", "XK", "pristina@example.org"),
        ],
    )
    .await;
    app.db
        .write(solidarity::membership::statistics::refresh_tallies)
        .await
        .unwrap();
    let html = app.get_html("/statistics").await;
    assert!(html.contains("role=\"img\" aria-label=\"World map of active member cities"));
    let japan = country_path(&html, "JP");
    assert!(japan.contains("<title>Japan: 2</title>"), "{japan}");
    assert!(is_coloured(japan));
    let belgium = country_path(&html, "BE");
    assert!(belgium.contains("<title>Belgium: 1</title>"), "{belgium}");
    assert!(is_coloured(belgium));
    assert_ne!(
        japan.split("fill=").nth(1),
        belgium.split("fill=").nth(1),
        "more members, another colour"
    );
    let france = country_path(&html, "FR");
    assert!(france.contains("<title>France: 0</title>"), "{france}");
    assert!(
        !is_coloured(france),
        "a country without members is not coloured"
    );
    // Kosovo has no ISO code nor shape: listed under the map.
    assert!(
        html.contains("Not on the map:") && html.contains("Kosovo (1)"),
        "regions without a shape listed"
    );
    // The table beside the map, for screen readers.
    assert!(
        html.contains("<th scope=\"row\"><a href=\"/members?country=JP\">Japan</a></th><td>2</td>")
    );

    // The titles in the reader's language.
    let japanese = app
        .client
        .get(app.url("/statistics"))
        .header("Accept-Language", "ja")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        japanese.contains("<title>日本: 2</title>"),
        "Japanese names"
    );
}

#[tokio::test]
async fn the_petition_map_titles_the_signers_countries_with_counts() {
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
    let link = link_path(&message, "/sign/verify/").unwrap();
    let (browser, _) = app.new_browser();
    assert_eq!(press_link_button(&app, &browser, &link).await.status(), 303);
    let html = count_reaches(&app, "3").await;
    assert!(html.contains("aria-label=\"World map of signatures by country\""));
    let japan = country_path(&html, "JP");
    assert!(japan.contains("<title>Japan: 2</title>"), "{japan}");
    assert!(is_coloured(japan));
    let korea = country_path(&html, "KR");
    assert!(
        korea.contains("<title>Republic of Korea: 1</title>"),
        "{korea}"
    );
    assert!(is_coloured(korea));
    let china = country_path(&html, "CN");
    assert!(!is_coloured(china), "no signers, not coloured");
    assert!(
        !html.contains("Not on the map:"),
        "every signer's country is on the map"
    );
}

#[tokio::test]
async fn the_maps_shapes_are_one_document_the_browser_keeps() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let response = app.get("/static/world-map.svg").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    assert_eq!(response.headers()["cache-control"], "public, max-age=86400");
    let svg = response.text().await.unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for code in ["JP", "BE", "FR", "KR"] {
        assert!(
            svg.contains(&format!("<path id=\"{code}\" d=\"M")),
            "a shape for {code}"
        );
    }
}
