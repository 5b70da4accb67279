//! The A-bomb Poster Exhibition, the parts around the loans: a non-member's
//! application, the poster library, the report after an exhibition, the
//! statistics, the staff month view, a city's token feed, the workflow emails
//! and the audit of cities' own actions.

use std::sync::Arc;

use diesel::prelude::*;
use reqwest::cookie::Jar;
use reqwest::multipart::{Form, Part};
use solidarity::auth::Role;
use solidarity::schema::{
    audit_log, exhibition_photos, exhibitions, member_cities, outbox, poster_downloads,
};

use crate::fixtures::*;
use crate::helpers::*;

/// A visitor who has not signed in, in a browser of their own.
fn visitor(app: &TestApp) -> Browser {
    Browser {
        client: client_with(Arc::new(Jar::default())),
        address: app.address.clone(),
    }
}

/// The admin's browser (signed in by `create_first_admin`).
fn admin(app: &TestApp) -> Browser {
    Browser {
        client: app.client.clone(),
        address: app.address.clone(),
    }
}

/// A file part of a multipart form: (field, file name, bytes, content type).
type FilePart<'a> = (&'a str, &'a str, Vec<u8>, &'a str);

/// Posts a multipart form as a browser would, the CSRF token first.
async fn post_multipart(
    browser: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<FilePart<'_>>,
) -> reqwest::Response {
    let token = csrf_token_on(&browser.client, &format!("{}/", browser.address)).await;
    // Browsers send the file's name as it is (UTF-8), not percent-encoded.
    let mut form = Form::new().percent_encode_noop().text("csrf_token", token);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, file_name, bytes, mime)) = file {
        form = form.part(
            name.to_string(),
            Part::bytes(bytes)
                .file_name(file_name.to_string())
                .mime_str(mime)
                .unwrap(),
        );
    }
    browser
        .client
        .post(format!("{}{path}", browser.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn status_of(app: &TestApp, id: i64) -> String {
    let mut conn = app.db.get().unwrap();
    exhibitions::table
        .find(id)
        .select(exhibitions::status)
        .first(&mut *conn)
        .unwrap()
}

/// Staff move the exhibition on, one step after another, each taken.
async fn advance(app: &TestApp, id: i64, steps: &[(&str, &str)]) {
    for (to, note) in steps {
        // A cancellation needs its reason (issue #18).
        let note = if *to == "cancelled" && note.is_empty() {
            "Cancelled in a test"
        } else {
            note
        };
        let response = app
            .post_form(
                &format!("/staff/exhibitions/{id}/status"),
                &[("to", to), ("note", note), ("confirm", "cancel")],
            )
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(status_of(app, id), *to, "the step to {to} is taken");
    }
}

/// The email queued about an exhibition's status: (recipient, subject, text).
fn queued_mail(app: &TestApp, id: i64, status: &str) -> Option<(String, String, String)> {
    let mut conn = app.db.get().unwrap();
    outbox::table
        .filter(outbox::idempotency_key.eq(format!("exhibition-{id}-{status}")))
        .select((outbox::recipient_email, outbox::subject, outbox::text_body))
        .first(&mut *conn)
        .optional()
        .unwrap()
}

fn exhibition_count(app: &TestApp) -> i64 {
    let mut conn = app.db.get().unwrap();
    exhibitions::table.count().get_result(&mut *conn).unwrap()
}

fn exhibition_of_organisation(app: &TestApp, name: &str) -> i64 {
    let mut conn = app.db.get().unwrap();
    exhibitions::table
        .filter(exhibitions::organisation_name.eq(name))
        .select(exhibitions::id)
        .first(&mut *conn)
        .unwrap()
}

/// A 1×1 PNG, a real image.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn application<'a>(
    organisation: &'a str,
    email: &'a str,
    language: &'a str,
    format: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organisation_name", organisation),
        ("contact_name", "Emily Carter"),
        ("email", email),
        ("language", language),
        (
            "event_plan",
            "Two weeks in the public library, with a talk by a hibakusha's grandson.",
        ),
        ("title", "Remembering Hiroshima and Nagasaki"),
        ("venue", "Central Library"),
        ("address", "789 Yonge Street, Toronto"),
        ("country", "CA"),
        ("starts_on", "2031-08-03"),
        ("ends_on", "2031-08-16"),
        ("opens_at", ""),
        ("closes_at", ""),
        ("time_zone", ""),
        ("expected_visitors", "800"),
        ("poster_language", "en"),
        ("format", format),
        ("publish", "yes"),
        ("nickname", ""),
    ]
}

#[tokio::test]
async fn a_non_member_organisation_applies_and_staff_confirm_or_decline_it() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let public = visitor(&app);
    assert_eq!(public.get("/exhibitions/apply").await.status(), 200);

    // A bot fills the hidden field: thanked, and nothing kept.
    let mut bot = application("Spam Inc", "bot@spam.example", "en", "print");
    bot.retain(|(k, _)| *k != "nickname");
    bot.push(("nickname", "winner"));
    let response = public.post("/exhibitions/apply", &bot).await;
    assert_eq!(response.status(), 303);
    assert_eq!(exhibition_count(&app), 0, "a filled honeypot keeps nothing");

    let toronto = "Peace Education Network Toronto";
    let response = public
        .post(
            "/exhibitions/apply",
            &application(toronto, "emily@pent.example", "en", "print"),
        )
        .await;
    assert_eq!(response.status(), 303);
    let quebec = "Comité de la paix de Québec";
    let response = public
        .post(
            "/exhibitions/apply",
            &application(quebec, "paix@cpq.example", "ja", "loan"),
        )
        .await;
    assert_eq!(response.status(), 303);
    let confirmed = exhibition_of_organisation(&app, toronto);
    let declined = exhibition_of_organisation(&app, quebec);
    assert_eq!(status_of(&app, confirmed), "requested");
    let (to, subject, _) = queued_mail(&app, confirmed, "requested").expect("received mail");
    assert_eq!(to, "emily@pent.example");
    assert!(subject.contains("requested"), "{subject}");

    let page = app
        .get_html(&format!("/staff/exhibitions/{confirmed}"))
        .await;
    assert!(
        page.contains("with a talk by a hibakusha"),
        "the plan is shown"
    );
    assert!(page.contains("emily@pent.example"));

    advance(&app, confirmed, &[("confirmed", "")]).await;
    let (to, subject, _) = queued_mail(&app, confirmed, "confirmed").expect("confirmation");
    assert_eq!(to, "emily@pent.example");
    assert_eq!(
        subject,
        "A-bomb Poster Exhibition “Remembering Hiroshima and Nagasaki”: confirmed"
    );

    advance(
        &app,
        declined,
        &[("declined", "No poster set is free in August.")],
    )
    .await;
    let (to, subject, body) = queued_mail(&app, declined, "declined").expect("decision mail");
    assert_eq!(to, "paix@cpq.example");
    assert!(
        subject.starts_with("原爆ポスター展"),
        "in Japanese: {subject}"
    );
    assert!(body.contains("No poster set is free in August."), "{body}");

    // Five applications an hour from one address: three more (refused as
    // incomplete, but counted), then 429 and nothing kept.
    let empty: Vec<(&str, &str)> = vec![("organisation_name", ""), ("nickname", "")];
    for _ in 0..3 {
        assert_eq!(
            public.post("/exhibitions/apply", &empty).await.status(),
            422
        );
    }
    let response = public
        .post(
            "/exhibitions/apply",
            &application("Late Org", "late@org.example", "en", "print"),
        )
        .await;
    assert_eq!(response.status(), 429);
    assert_eq!(exhibition_count(&app), 2);
}

/// The file name a `filename*=UTF-8''...` parameter carries (RFC 5987).
fn extended_file_name(disposition: &str) -> Option<String> {
    let encoded = disposition
        .split("filename*=UTF-8''")
        .nth(1)?
        .split(';')
        .next()?;
    let mut bytes = Vec::new();
    let mut rest = encoded.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).ok()?, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[tokio::test]
async fn staff_upload_poster_data_that_signed_in_cities_download_and_count() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let staff = admin(&app);
    let (hiroshima, _) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (hannover, _) = member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;

    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..=255u8).cycle().take(70_000));
    let fields = [("title", "A-bomb posters, Japanese"), ("language", "ja")];
    let refused = post_multipart(
        &staff,
        "/staff/posters",
        &fields,
        Some((
            "file",
            "posters.pdf",
            b"just some text".to_vec(),
            "application/pdf",
        )),
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Poster data must be a PDF or ZIP file."));

    let uploaded = post_multipart(
        &staff,
        "/staff/posters",
        &fields,
        Some((
            "file",
            "原爆ポスター展-ja.pdf",
            pdf.clone(),
            "application/pdf",
        )),
    )
    .await;
    assert_eq!(uploaded.status(), 303);

    let city = signed_in(&app, "kenji@hiroshima.example", Role::City, Some(hiroshima)).await;
    let other = signed_in(&app, "anna@hannover.example", Role::City, Some(hannover)).await;
    let library = city.get("/city/posters").await.text().await.unwrap();
    let marker = "href=\"/city/posters/";
    let start = library.find(marker).expect("the file is listed") + marker.len();
    let id: i64 = library[start..].split('/').next().unwrap().parse().unwrap();
    let download = format!("/city/posters/{id}/download");

    let stranger = visitor(&app).get(&download).await;
    assert_eq!(stranger.status(), 303, "a visitor is sent to sign in");
    assert!(location(&stranger).starts_with("/login"));

    for _ in 0..2 {
        let response = city.get(&download).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        let disposition = response.headers()["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert_eq!(
            extended_file_name(disposition).as_deref(),
            Some("原爆ポスター展-ja.pdf"),
            "the Japanese name survives: {disposition}"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), pdf.as_slice());
    }
    assert_eq!(other.get(&download).await.status(), 200);
    let by_staff = app.get(&download).await;
    assert_eq!(by_staff.status(), 200, "staff open what they uploaded");
    assert_eq!(by_staff.bytes().await.unwrap().as_ref(), pdf.as_slice());

    let counted: i64 = poster_downloads::table
        .count()
        .get_result(&mut *app.db.get().unwrap())
        .unwrap();
    assert_eq!(
        counted, 3,
        "neither the visitor's attempt nor staff's download is counted"
    );
    let page = app.get_html("/staff/posters").await;
    assert!(
        page.contains("原爆ポスター展-ja.pdf"),
        "the name as uploaded"
    );
    assert!(page.contains("Hiroshima: 2"), "{page}");
    assert!(page.contains("Hannover: 1"));
}

#[tokio::test]
async fn a_report_keeps_a_real_photo_for_staff_and_the_city_and_refuses_a_fake_one() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (ypres, ypres_number) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let (hannover, _) = member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let city = signed_in(&app, "jan@ieper.example", Role::City, Some(ypres)).await;
    let other = signed_in(&app, "anna@hannover.example", Role::City, Some(hannover)).await;
    let id = register(
        &app,
        &ypres_number,
        "Ypres remembers",
        "2031-11-01",
        "2031-11-11",
        &[("format", "print")],
    )
    .await;
    let report = format!("/city/exhibitions/{id}/report");
    let fields = [
        ("visitors", "1,234"),
        ("comments", "Many school classes came."),
    ];

    let early = post_multipart(&city, &report, &fields, None).await;
    assert_eq!(early.status(), 400, "no report before the exhibition opens");
    advance(&app, id, &[("confirmed", ""), ("on_display", "")]).await;

    let fake = post_multipart(
        &city,
        &report,
        &fields,
        Some((
            "photo",
            "opening.jpg",
            b"This is not a photo".to_vec(),
            "image/jpeg",
        )),
    )
    .await;
    assert_eq!(fake.status(), 422);
    assert!(fake
        .text()
        .await
        .unwrap()
        .contains("Photos must be JPEG, PNG or WebP images."));
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(5 * 1024 * 1024 + 10, 0);
    let large = post_multipart(
        &city,
        &report,
        &fields,
        Some(("photo", "big.jpg", huge, "image/jpeg")),
    )
    .await;
    assert_eq!(large.status(), 422);
    assert!(large
        .text()
        .await
        .unwrap()
        .contains("The photo is too large."));
    {
        let mut conn = app.db.get().unwrap();
        let visitors: Option<i32> = exhibitions::table
            .find(id)
            .select(exhibitions::actual_visitors)
            .first(&mut *conn)
            .unwrap();
        assert_eq!(visitors, None, "a refused report keeps nothing");
        let photos: i64 = exhibition_photos::table
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(photos, 0);
    }

    let kept = post_multipart(
        &city,
        &report,
        &fields,
        Some(("photo", "opening.png", PNG.to_vec(), "image/png")),
    )
    .await;
    assert_eq!(kept.status(), 303);
    let page = city
        .get(&format!("/city/exhibitions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let marker = "src=\"/exhibitions/photos/";
    let start = page.find(marker).expect("the photo is shown") + marker.len();
    let photo = format!(
        "/exhibitions/photos/{}",
        page[start..].split('"').next().unwrap()
    );

    let own = city.get(&photo).await;
    assert_eq!(own.status(), 200);
    assert_eq!(own.headers()["content-type"], "image/png");
    assert_eq!(own.bytes().await.unwrap().as_ref(), PNG);
    let staff_page = app.get_html(&format!("/staff/exhibitions/{id}")).await;
    assert!(staff_page.contains(&format!("src=\"{photo}\"")));
    assert!(staff_page.contains("1,234"));
    assert!(staff_page.contains("Many school classes came."));
    assert_eq!(app.get(&photo).await.status(), 200, "staff see it");
    assert_eq!(
        other.get(&photo).await.status(),
        404,
        "another city does not"
    );
    assert_eq!(visitor(&app).get(&photo).await.status(), 303);
}

/// The rows of the statistics table `id`: (label, exhibitions, visitors).
fn table_rows(page: &str, id: &str) -> Vec<(String, String, String)> {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("table {id}"));
    let end = start + page[start..].find("</table>").unwrap();
    page[start..end]
        .split("<th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let label = row.split("</th>").next().unwrap().to_string();
            let cells: Vec<String> = row
                .split("<td>")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap().to_string())
                .collect();
            (label, cells[0].clone(), cells[1].clone())
        })
        .collect()
}

fn row(label: &str, exhibitions: &str, visitors: &str) -> (String, String, String) {
    (label.into(), exhibitions.into(), visitors.into())
}

#[tokio::test]
async fn statistics_count_held_exhibitions_and_reported_visitors_by_year_and_continent() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (hiroshima, hiroshima_no) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (hannover, hannover_no) =
        member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let (_, ypres_no) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let (_, malakoff_no) = member_city(&app, "Malakoff", "FR", "paix@malakoff.example", "en").await;
    let (_, nagasaki_no) =
        member_city(&app, "Nagasaki", "JP", "peace@nagasaki.example", "ja").await;
    let print = [("format", "print")];

    // Held and reported: Hiroshima 2029 (1,200 visitors), Hannover 2030 (300).
    let h = register(
        &app,
        &hiroshima_no,
        "H 2029",
        "2029-08-01",
        "2029-08-10",
        &print,
    )
    .await;
    advance(
        &app,
        h,
        &[("confirmed", ""), ("on_display", ""), ("finished", "")],
    )
    .await;
    let g = register(
        &app,
        &hannover_no,
        "G 2030",
        "2030-05-01",
        "2030-05-03",
        &print,
    )
    .await;
    advance(&app, g, &[("confirmed", ""), ("on_display", "")]).await;
    for (user, city, id, visitors) in [
        ("kenji@hiroshima.example", hiroshima, h, "1,200"),
        ("anna@hannover.example", hannover, g, "300"),
    ] {
        let browser = signed_in(&app, user, Role::City, Some(city)).await;
        let response = post_multipart(
            &browser,
            &format!("/city/exhibitions/{id}/report"),
            &[("visitors", visitors), ("comments", "")],
            None,
        )
        .await;
        assert_eq!(response.status(), 303);
    }
    // Held, not yet reported: Ypres 2030.
    let y = register(
        &app,
        &ypres_no,
        "Y 2030",
        "2030-11-01",
        "2030-11-02",
        &print,
    )
    .await;
    advance(&app, y, &[("confirmed", ""), ("on_display", "")]).await;
    // Not held: requested, confirmed, cancelled.
    register(
        &app,
        &malakoff_no,
        "M 2030",
        "2030-06-01",
        "2030-06-02",
        &print,
    )
    .await;
    let n = register(
        &app,
        &nagasaki_no,
        "N 2030",
        "2030-08-01",
        "2030-08-09",
        &print,
    )
    .await;
    advance(&app, n, &[("confirmed", "")]).await;
    let c = register(
        &app,
        &nagasaki_no,
        "N 2029",
        "2029-08-01",
        "2029-08-09",
        &print,
    )
    .await;
    advance(&app, c, &[("cancelled", "")]).await;
    // A non-member organisation in Canada, held in 2031.
    let response = visitor(&app)
        .post(
            "/exhibitions/apply",
            &application(
                "Peace Education Network Toronto",
                "e@pent.example",
                "en",
                "print",
            ),
        )
        .await;
    assert_eq!(response.status(), 303);
    let t = exhibition_of_organisation(&app, "Peace Education Network Toronto");
    advance(&app, t, &[("confirmed", ""), ("on_display", "")]).await;

    let response = visitor(&app).get("/exhibitions/statistics").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert_eq!(
        table_rows(&page, "by-year"),
        vec![
            row("2029", "1", "1,200"),
            row("2030", "2", "300"),
            row("2031", "1", "0"),
            row("Total", "4", "1,500"),
        ]
    );
    assert_eq!(
        table_rows(&page, "by-continent"),
        vec![
            row("Asia", "1", "1,200"),
            row("Oceania", "0", "0"),
            row("Africa", "0", "0"),
            row("Europe", "2", "300"),
            row("North America", "1", "0"),
            row("Latin America and the Caribbean", "0", "0"),
        ]
    );
}

/// The month view's cells: (day of month, cell HTML); empty cells have no day.
fn calendar_cells(page: &str) -> Vec<(Option<u32>, String)> {
    let start = page.find("<table class=\"calendar\">").expect("a calendar");
    let end = start + page[start..].find("</table>").unwrap();
    page[start..end]
        .split("<td>")
        .skip(1)
        .map(|cell| {
            let cell = cell.split("</td>").next().unwrap();
            let day = cell
                .split("<span class=\"day-number\">")
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .map(|d| d.trim().parse().unwrap());
            (day, cell.to_string())
        })
        .collect()
}

/// The days of the month the exhibition's bars cover (one bar per week,
/// spanning its days: see tests/api/navigation.rs).
fn days_showing(page: &str, id: i64) -> Vec<u32> {
    use chrono::{Datelike, NaiveDate};
    let link = format!("href=\"/staff/exhibitions/{id}\" data-from=\"");
    let date = |text: &str| NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").unwrap();
    let mut days = Vec::new();
    for bar in page.split(&link).skip(1) {
        let (from, to) = (date(bar), date(bar.split("data-to=\"").nth(1).unwrap()));
        days.extend(from.iter_days().take_while(|d| *d <= to).map(|d| d.day()));
    }
    days
}

#[tokio::test]
async fn the_staff_month_view_shows_an_exhibition_on_the_days_it_runs() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, hiroshima) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (_, ypres) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let print = [("format", "print")];
    let across = register(
        &app,
        &hiroshima,
        "Across",
        "2031-07-30",
        "2031-08-02",
        &print,
    )
    .await;
    let september = register(
        &app,
        &ypres,
        "September",
        "2031-09-01",
        "2031-09-03",
        &print,
    )
    .await;
    let cancelled = register(
        &app,
        &ypres,
        "Cancelled",
        "2031-08-05",
        "2031-08-06",
        &print,
    )
    .await;
    advance(&app, cancelled, &[("cancelled", "")]).await;

    let august = app.get_html("/staff/exhibitions?month=2031-08").await;
    assert!(august.contains("August 2031"));
    let cells = calendar_cells(&august);
    // 1 August 2031 is a Friday: four empty cells, Monday to Thursday.
    assert!(cells[..4].iter().all(|(day, _)| day.is_none()));
    assert_eq!(cells[4].0, Some(1));
    assert_eq!(
        cells.iter().filter(|(d, _)| d.is_some()).count(),
        31,
        "every day of August once"
    );
    assert_eq!(days_showing(&august, across), vec![1, 2]);
    assert!(days_showing(&august, september).is_empty());
    assert!(days_showing(&august, cancelled).is_empty());

    let july = app.get_html("/staff/exhibitions?month=2031-07").await;
    assert!(july.contains("July 2031"));
    assert_eq!(days_showing(&july, across), vec![30, 31]);
    let sept = app.get_html("/staff/exhibitions?month=2031-09").await;
    assert_eq!(days_showing(&sept, september), vec![1, 2, 3]);
    assert!(days_showing(&sept, across).is_empty());
}

/// The path of the city's own feed, as its exhibitions page shows it.
async fn feed_path(browser: &Browser) -> String {
    let page = browser.get("/city/exhibitions").await.text().await.unwrap();
    let start = page.find("<code id=\"feed-url\">").expect("the feed URL") + 20;
    let url = page[start..].split('<').next().unwrap();
    let path_start = url.find("/exhibitions/feeds/").expect("a feed path");
    url[path_start..].to_string()
}

fn summaries(body: &str) -> Vec<String> {
    let calendar = ical::IcalParser::new(body.as_bytes())
        .next()
        .expect("one calendar")
        .expect("it parses");
    let mut titles: Vec<String> = calendar
        .events
        .iter()
        .filter_map(|e| {
            e.properties
                .iter()
                .find(|p| p.name == "SUMMARY")
                .and_then(|p| p.value.clone())
        })
        .collect();
    titles.sort();
    titles
}

#[tokio::test]
async fn a_citys_token_feed_lists_its_own_exhibitions_published_or_not() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (ypres, ypres_no) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let (hannover, hannover_no) =
        member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let print = [("format", "print")];
    register(
        &app,
        &ypres_no,
        "Ypres published",
        "2031-07-01",
        "2031-07-05",
        &print,
    )
    .await;
    register(
        &app,
        &ypres_no,
        "Ypres unpublished",
        "2031-08-01",
        "2031-08-05",
        &[("format", "print"), ("publish", "")],
    )
    .await;
    let dropped = register(
        &app,
        &ypres_no,
        "Ypres cancelled",
        "2031-09-01",
        "2031-09-05",
        &print,
    )
    .await;
    advance(&app, dropped, &[("cancelled", "")]).await;
    register(
        &app,
        &hannover_no,
        "Hannover",
        "2031-07-01",
        "2031-07-05",
        &print,
    )
    .await;

    let jan = signed_in(&app, "jan@ieper.example", Role::City, Some(ypres)).await;
    let anna = signed_in(&app, "anna@hannover.example", Role::City, Some(hannover)).await;
    let path = feed_path(&jan).await;
    assert_eq!(feed_path(&jan).await, path, "the token stays the same");

    let response = visitor(&app).get(&path).await;
    assert_eq!(
        response.status(),
        200,
        "calendar apps fetch it without signing in"
    );
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert_eq!(
        summaries(&response.text().await.unwrap()),
        vec!["Ypres published", "Ypres unpublished"]
    );
    let hannover_feed = feed_path(&anna).await;
    assert_ne!(hannover_feed, path);
    let body = visitor(&app)
        .get(&hannover_feed)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(summaries(&body), vec!["Hannover"]);

    let token = path
        .trim_start_matches("/exhibitions/feeds/")
        .trim_end_matches(".ics");
    let mut wrong: Vec<char> = token.chars().collect();
    wrong[0] = if wrong[0] == 'a' { 'b' } else { 'a' };
    let wrong: String = wrong.into_iter().collect();
    for path in [
        format!("/exhibitions/feeds/{wrong}.ics"),
        "/exhibitions/feeds/nothing.ics".to_string(),
    ] {
        assert_eq!(visitor(&app).get(&path).await.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn each_workflow_step_emails_the_city_in_its_language() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, hiroshima) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (hannover, hannover_no) =
        member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let set = add_set(&app, "JA-01", "ja").await;
    let id = register(
        &app,
        &hiroshima,
        "Hiroshima 2031",
        "2031-08-01",
        "2031-08-10",
        &[("poster_language", "ja")],
    )
    .await;
    let booked = app
        .post_form(
            &format!("/staff/exhibitions/{id}/loan"),
            &[("set_id", &set.to_string())],
        )
        .await;
    assert_eq!(booked.status(), 303);
    advance(
        &app,
        id,
        &[("confirmed", ""), ("shipped", ""), ("on_display", "")],
    )
    .await;
    // A set comes back only with a note on its condition.
    let response = app
        .post_form(
            &format!("/staff/exhibitions/{id}/status"),
            &[("to", "returned"), ("note", "  ")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status_of(&app, id), "on_display");
    assert!(queued_mail(&app, id, "returned").is_none());
    advance(
        &app,
        id,
        &[("returned", "Two panels creased at the corners.")],
    )
    .await;
    for (status, label) in [
        ("requested", "申請中"),
        ("confirmed", "確定"),
        ("shipped", "発送済み"),
        ("on_display", "展示中"),
        ("returned", "返却済み"),
    ] {
        let (to, subject, _) =
            queued_mail(&app, id, status).unwrap_or_else(|| panic!("a mail for {status}"));
        assert_eq!(to, "peace@hiroshima.example");
        assert_eq!(
            subject,
            format!("原爆ポスター展「Hiroshima 2031」：{label}")
        );
    }
    let (_, _, body) = queued_mail(&app, id, "returned").unwrap();
    assert!(
        body.contains("Two panels creased at the corners."),
        "{body}"
    );

    // The city changes its language after registering: mail follows the city.
    let other = register(
        &app,
        &hannover_no,
        "Hannover 2031",
        "2031-09-01",
        "2031-09-05",
        &[("format", "print")],
    )
    .await;
    let (_, subject, _) = queued_mail(&app, other, "requested").unwrap();
    assert_eq!(
        subject,
        "A-bomb Poster Exhibition “Hannover 2031”: requested"
    );
    diesel::update(member_cities::table.find(hannover))
        .set(member_cities::language.eq("ja"))
        .execute(&mut *app.db.get().unwrap())
        .unwrap();
    advance(&app, other, &[("cancelled", "The venue closed")]).await;
    let (to, subject, _) = queued_mail(&app, other, "cancelled").unwrap();
    assert_eq!(to, "frieden@hannover.example");
    assert_eq!(subject, "原爆ポスター展「Hannover 2031」：取消");
}

fn audited(app: &TestApp, id: i64) -> Vec<(Option<String>, String)> {
    let mut conn = app.db.get().unwrap();
    audit_log::table
        .filter(audit_log::entity_type.eq("exhibition"))
        .filter(audit_log::entity_id.eq(id.to_string()))
        .order(audit_log::id.asc())
        .select((audit_log::actor_email, audit_log::action))
        .load(&mut *conn)
        .unwrap()
}

#[tokio::test]
async fn a_citys_own_register_edit_report_and_cancel_are_audited() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (ypres, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let jan = signed_in(&app, "jan@ieper.example", Role::City, Some(ypres)).await;
    let mut fields = vec![
        ("title", "Ypres remembers"),
        ("venue", "Cloth Hall"),
        ("address", "Grote Markt 34, Ieper"),
        ("starts_on", "2031-11-01"),
        ("ends_on", "2031-11-11"),
        ("time_zone", ""),
        ("poster_language", "en"),
        ("format", "print"),
    ];
    let created = jan.post("/city/exhibitions", &fields).await;
    assert_eq!(created.status(), 303);
    let id = id_of(&location(&created));
    fields[0] = ("title", "Ypres remembers 1914–1918 and 1945");
    let edited = jan.post(&format!("/city/exhibitions/{id}"), &fields).await;
    assert_eq!(edited.status(), 303);
    advance(&app, id, &[("confirmed", ""), ("on_display", "")]).await;
    let reported = post_multipart(
        &jan,
        &format!("/city/exhibitions/{id}/report"),
        &[("visitors", "640"), ("comments", "")],
        Some(("photo", "hall.png", PNG.to_vec(), "image/png")),
    )
    .await;
    assert_eq!(reported.status(), 303);
    let second = jan.post("/city/exhibitions", &fields).await;
    assert_eq!(second.status(), 303);
    let second = id_of(&location(&second));
    let cancelled = jan
        .post(
            &format!("/city/exhibitions/{second}/cancel"),
            &[
                ("reason", "The hall is under repair"),
                ("confirm", "cancel"),
            ],
        )
        .await;
    assert_eq!(cancelled.status(), 303);
    assert_eq!(status_of(&app, second), "cancelled");

    let city = Some("jan@ieper.example".to_string());
    let staff = Some(ADMIN_EMAIL.to_string());
    assert_eq!(
        audited(&app, id),
        vec![
            (city.clone(), "exhibition.register".to_string()),
            (city.clone(), "exhibition.update".to_string()),
            (staff.clone(), "exhibition.status".to_string()),
            (staff.clone(), "exhibition.status".to_string()),
            (city.clone(), "exhibition.report".to_string()),
        ]
    );
    assert_eq!(
        audited(&app, second),
        vec![
            (city.clone(), "exhibition.register".to_string()),
            (city.clone(), "exhibition.status".to_string()),
        ]
    );
}
