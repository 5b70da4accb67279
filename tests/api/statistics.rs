//! The statistics page and the demo data that reproduces the paper's Table 4.

use crate::helpers::*;

async fn seed(app: &TestApp) -> bool {
    app.db
        .write(solidarity::demo::seed)
        .await
        .unwrap()
        .is_some()
}

/// The two numbers of a continent's row in Table 4 as the page shows them.
fn row(html: &str, continent: &str) -> (String, String) {
    let start = html
        .find(&format!(">{continent}</a></th>"))
        .unwrap_or_else(|| panic!("a row for {continent}"));
    let cells: Vec<String> = html[start..]
        .split("<td>")
        .skip(1)
        .take(2)
        .map(|cell| cell.split("</td>").next().unwrap().to_string())
        .collect();
    (cells[0].clone(), cells[1].clone())
}

#[tokio::test]
async fn after_seed_demo_the_statistics_page_shows_table_4() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    assert!(seed(&app).await);
    let html = app.get_html("/statistics").await;
    assert_eq!(row(&html, "Asia"), ("31".into(), "3,231".into()));
    assert_eq!(row(&html, "Oceania"), ("9".into(), "131".into()));
    assert_eq!(row(&html, "Africa"), ("47".into(), "431".into()));
    assert_eq!(row(&html, "Europe"), ("48".into(), "3,032".into()));
    assert_eq!(row(&html, "North America"), ("3".into(), "328".into()));
    assert_eq!(
        row(&html, "Latin America and the Caribbean"),
        ("25".into(), "701".into())
    );
    assert!(html.contains("<td id=\"total-countries\">163</td>"));
    assert!(html.contains("<td id=\"total-cities\">7,854</td>"));
    // The directory counts the same cities (from the tallies when only the
    // place is filtered, by the query otherwise).
    for (filter, count) in [
        ("", "7,854 cities"),
        ("?continent=europe", "3,032 cities"),
        ("?continent=europe&country=JP", "0 cities"),
        ("?continent=europe&status=active&sort=name", "3,032 cities"),
    ] {
        let directory = app.get_html(&format!("/members{filter}")).await;
        assert!(directory.contains(count), "{filter}: {count}");
    }
    assert!(
        html.contains("<svg class=\"chart\""),
        "charts are drawn on the server"
    );

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
    assert!(japanese.contains("7,854") && japanese.contains("アジア"));
}

#[tokio::test]
async fn seed_demo_loads_the_officers_and_korean_members_once() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    assert!(seed(&app).await);
    assert!(!seed(&app).await, "a second run changes nothing");

    let officers = app.get_html("/officers").await;
    assert!(officers.contains("Hiroshima (広島市)"));
    assert_eq!(officers.matches("<td>Vice-president</td>").count(), 14);
    assert_eq!(officers.matches("<td>Executive city</td>").count(), 12);
    assert_eq!(
        officers.matches("<td>Lead city</td>").count(),
        26,
        "all but Frogn are lead cities"
    );

    let korea = app.get_html("/members?country=KR&sort=joined").await;
    assert!(korea.contains("14 cities"));
    assert!(
        korea.find("Jeju City").unwrap() < korea.find("Incheon").unwrap(),
        "in order of joining"
    );
    let directory = app.get_html("/members?sort=name&page=2").await;
    assert!(
        directory.contains("<span>Page 2</span>")
            || directory.contains("<span>Page 2 / 158</span>"),
        "7,854 cities, 50 a page"
    );
    assert!(directory.contains("page=1\">Previous</a>") && directory.contains("page=3\">Next</a>"));
    let jeju = app.get_html("/members?q=%EC%A0%9C%EC%A3%BC%EC%8B%9C").await;
    assert!(jeju.contains("Jeju City"));
}
