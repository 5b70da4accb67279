//! Letters of protest: versions and differences, officer review by personal
//! links, the running count per addressee state, sending through a real SMTP
//! server, and the public archive beside the historical tally.

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

async fn admin_app(extra: &[(&str, &str)]) -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), extra).await;
    app.create_first_admin().await;
    seed_cities(&app, officers()).await;
    app
}

/// The review links the officers received, by address.
async fn review_links(app: &TestApp, version: i32) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for city in officers() {
        let address = city.email.unwrap();
        let wanted = |e: &String| {
            let text = e.replace("=\r\n", "");
            text.contains(&format!("<{address}>")) && text.contains(&format!("(version {version})"))
        };
        let mut found = None;
        for _ in 0..400 {
            found = app.written_emails().into_iter().find(wanted);
            if found.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let message = found.expect("the officer got the review request for this version");
        links.push((
            address.to_string(),
            link_path(&message, "/letters/review/").expect("a personal review link"),
        ));
    }
    links
}

async fn answer(app: &TestApp, link: &str, answer: &str, comment: &str) -> reqwest::Response {
    let (client, _) = app.new_browser();
    let page = client.get(app.url(link)).send().await.unwrap();
    assert_eq!(page.status(), 200, "the link opens the draft");
    submit(
        &client,
        &app.address,
        link,
        link,
        &[("answer", answer), ("comment", comment)],
    )
    .await
}

#[tokio::test]
async fn every_edit_keeps_a_version_and_the_history_shows_the_differences() {
    let app = admin_app(&[]).await;
    let form = app.get_html("/staff/letters/new").await;
    assert!(
        form.contains("rows=\"8\">Kazumi Matsui, Mayor of Hiroshima, President of Mayors for Peace\nBelit Onay, Mayor of Hannover, Vice-president of Mayors for Peace\nShiro Suzuki, Mayor of Nagasaki, Vice-president"),
        "the president and vice-presidents sign by default: {form}"
    );
    let path = create_letter(&app, &[]).await;
    let edit = app
        .post_form(
            &path,
            &letter_form(&[(
                "body_markdown",
                "We strongly protest the test in the name of the hibakusha.\n\nWe call on you to stop testing.",
            )]),
        )
        .await;
    assert_eq!(edit.status(), 303);
    let detail = app.get_html(&path).await;
    assert!(detail.contains("Version 2"), "{detail}");

    let history = app.get_html(&format!("{path}/history")).await;
    assert!(
        history.contains("<ins>strongly </ins>") || history.contains("<ins>strongly</ins>"),
        "{history}"
    );
    assert!(!history.contains("<del>"), "nothing was removed");
    let first = app.get_html(&format!("{path}/history?from=1&to=1")).await;
    assert!(!first.contains("<ins>"));
}

#[tokio::test]
async fn officer_links_are_personal_per_version_and_refuse_forged_or_reused_tokens() {
    let app = admin_app(&[("MAIL_WORKERS", "1")]).await;
    let path = create_letter(&app, &[]).await;
    assert_eq!(
        app.post_form(&format!("{path}/circulate"), &[])
            .await
            .status(),
        303
    );
    let links = review_links(&app, 1).await;
    let distinct: std::collections::HashSet<&String> = links.iter().map(|(_, l)| l).collect();
    assert_eq!(distinct.len(), 4, "one link per officer: {links:?}");

    // Circulating again asks nobody twice.
    assert_eq!(
        app.post_form(&format!("{path}/circulate"), &[])
            .await
            .status(),
        303
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let review_mails = app
        .written_emails()
        .iter()
        .filter(|e| e.contains("For your review"))
        .count();
    assert_eq!(review_mails, 4);

    // A forged token, and a valid token on another officer's review, open nothing.
    let (_, hiroshima) = &links[0];
    let (_, nagasaki) = &links[1];
    let mut forged = hiroshima.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(app.get(&forged).await.status(), 404);
    let hiroshima_token = hiroshima.rsplit('/').next().unwrap();
    let nagasaki_id = nagasaki.split('/').nth(3).unwrap();
    let swapped = format!("/letters/review/{nagasaki_id}/{hiroshima_token}");
    assert_eq!(app.get(&swapped).await.status(), 404);
    let (client, _) = app.new_browser();
    let forged_post = submit(
        &client,
        &app.address,
        hiroshima,
        &swapped,
        &[("answer", "approve"), ("comment", "")],
    )
    .await;
    assert_eq!(forged_post.status(), 404);

    // Opening the link changed nothing; answering once works, a second time not.
    assert!(app.get_html(&path).await.contains("No answer yet"));
    assert_eq!(answer(&app, hiroshima, "approve", "").await.status(), 200);
    let again = answer(&app, hiroshima, "comment", "Second thoughts").await;
    assert_eq!(again.status(), 410, "a reused token is refused");
    assert_eq!(
        answer(
            &app,
            nagasaki,
            "comment",
            "Please name the date of the test."
        )
        .await
        .status(),
        200
    );
    let detail = app.get_html(&path).await;
    assert!(detail.contains("Approved"));
    assert!(detail.contains("Please name the date of the test."));
    assert!(detail.contains("1 of 4 officers approved"), "{detail}");

    // A new version: the old links take no more answers; circulating sends new ones.
    let edited = app
        .post_ok(
            &path,
            &letter_form(&[("subject", "Protest against the nuclear test of 10 November")]),
        )
        .await;
    assert_eq!(edited, path);
    let (_, ypres) = &links[3];
    assert_eq!(answer(&app, ypres, "approve", "").await.status(), 410);
    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let new_links = review_links(&app, 2).await;
    assert!(new_links
        .iter()
        .all(|(_, l)| !links.iter().any(|(_, old)| old == l)));
    assert_eq!(
        answer(&app, &new_links[3].1, "approve", "").await.status(),
        200
    );
}

#[tokio::test]
async fn the_final_letter_reaches_the_addressees_and_officers_through_smtp_with_its_running_count()
{
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = admin_app(&[
        ("SMTP_URL", url.as_str()),
        (
            "MAIL_FROM",
            "Mayors for Peace <secretariat@mayorsforpeace.example>",
        ),
    ])
    .await;
    let archive = app.get_html("/letters").await;
    assert!(archive.contains("Nothing has been issued from this system yet."));
    assert!(
        archive.contains("Peace-building through inter-regional solidarity"),
        "the tally's source"
    );

    let path = create_letter(&app, &[]).await;
    assert_eq!(
        app.post_form(&format!("{path}/final"), &[]).await.status(),
        400,
        "no review, no final letter"
    );
    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let received = sink.wait_for(4).await;
    let link = |address: &str| {
        let message = received
            .iter()
            .find(|m| m.to.iter().any(|t| t == address))
            .expect("each officer got the request");
        link_path(&message.data, "/letters/review/").expect("a link")
    };
    assert_eq!(
        answer(&app, &link("mayor@city.hiroshima.example"), "approve", "")
            .await
            .status(),
        200
    );
    assert_eq!(
        answer(&app, &link("mayor@city.nagasaki.example"), "approve", "")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.post_form(&format!("{path}/final"), &[]).await.status(),
        400,
        "the president and one of three vice-presidents are not enough"
    );
    assert_eq!(
        answer(&app, &link("mayor@hannover.example"), "approve", "")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.post_form(&format!("{path}/final"), &[]).await.status(),
        303
    );
    assert_eq!(
        app.post_form(&format!("{path}/send"), &[]).await.status(),
        303
    );
    assert_eq!(
        app.post_form(&format!("{path}/send"), &[]).await.status(),
        400,
        "a second click sends nothing twice"
    );

    let received = sink.wait_for(5).await;
    let letter = received
        .iter()
        .find(|m| m.to.iter().any(|t| t == EMBASSY))
        .expect("the embassy received the letter");
    assert_eq!(
        letter.to.len(),
        5,
        "the addressee and four officers in copy: {:?}",
        letter.to
    );
    let cc = letter.header("Cc").unwrap();
    assert!(cc.contains("mayor@city.hiroshima.example") && cc.contains("mayor@ypres.example"));
    let body = letter.data.replace("=\r\n", "");
    assert!(body.contains("To United States / 37 in total"), "{body}");
    assert!(body.contains("hibakusha"));
    assert!(letter.data.contains("text/html") && letter.data.contains("text/plain"));

    for _ in 0..100 {
        if app.get_html(&path).await.contains("<td>sent</td>") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        app.get_html(&path).await.contains("<td>sent</td>"),
        "the delivery status shows"
    );

    let archive = app.get_html("/letters").await;
    assert!(archive.contains("Protest against the subcritical nuclear test"));
    assert!(
        archive.contains("<td>United States</td><td>36</td><td>1</td><td>37</td>"),
        "{archive}"
    );
    let id = path.rsplit('/').next().unwrap();
    let public = app.get_html(&format!("/letters/{id}")).await;
    assert!(public.contains("To United States / 37 in total"));

    // The next letter to the same state carries the next number.
    let next = create_letter(&app, &[("subject", "A second protest")]).await;
    assert!(app
        .get_html(&format!("{next}/print"))
        .await
        .contains("38 in total"));
    // Drafts are not public.
    let next_id = next.rsplit('/').next().unwrap();
    assert_eq!(app.get(&format!("/letters/{next_id}")).await.status(), 404);
}

#[tokio::test]
async fn the_archive_shows_the_historical_tally_and_no_invented_letters() {
    let app = spawn_app().await;
    let archive = app.get_html("/letters").await;
    for row in [
        "<td>United States</td><td>36</td><td>0</td><td>36</td>",
        "<td>Democratic People&#39;s Republic of Korea</td><td>7</td>",
        "<td>France</td><td>7</td>",
        "<td>Russia</td><td>6</td>",
        "<td>China</td><td>3</td>",
        "<td>Pakistan</td><td>2</td>",
        "<td>India</td><td>2</td>",
    ] {
        assert!(
            archive.contains(row) || archive.contains(&row.replace("&#39;", "'")),
            "{row} in {archive}"
        );
    }
    assert!(
        !archive.contains("href=\"/letters/1\""),
        "no letters are invented"
    );
}

#[tokio::test]
async fn staff_pages_of_letters_are_closed_to_visitors() {
    let app = spawn_app().await;
    let response = app.get("/staff/letters").await;
    assert_eq!(response.status(), 303, "sent to the login page");
    assert_eq!(
        app.post_form("/staff/letters", &letter_form(&[]))
            .await
            .status(),
        303
    );
}

/// A second browser in which the admin signs in: another member of staff at work.
async fn second_staff_browser(app: &TestApp) -> reqwest::Client {
    let (client, _) = app.new_browser();
    let signed_in = submit(
        &client,
        &app.address,
        "/login",
        "/login",
        &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(signed_in.status(), 303, "signed in");
    client
}

/// The CSRF token of `client`'s session, read from the page at `path`.
async fn token_of(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    csrf_token_on(client, &app.url(path)).await
}

/// Presses a letter's Send button in `client`'s browser.
async fn press_send(app: &TestApp, client: &reqwest::Client, path: &str, token: &str) -> u16 {
    client
        .post(app.url(&format!("{path}/send")))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn two_letters_to_one_state_sent_at_the_same_moment_get_different_numbers() {
    let app = admin_app(&[("MAIL_WORKERS", "0")]).await;
    let other = second_staff_browser(&app).await;
    // Silence is consent after a deadline that has passed: final without answers.
    let yesterday = (solidarity::domain::clock::today() - chrono::Duration::days(1)).to_string();
    let mut paths = Vec::new();
    for subject in [
        "Protest against the first test",
        "Protest against the second test",
    ] {
        let path = create_letter(
            &app,
            &[
                ("subject", subject),
                ("approval_rule", "deadline"),
                ("review_deadline", &yesterday),
            ],
        )
        .await;
        for step in ["circulate", "final"] {
            assert_eq!(
                app.post_form(&format!("{path}/{step}"), &[]).await.status(),
                303,
                "{step}"
            );
        }
        paths.push(path);
    }

    let (first_token, second_token) = (
        token_of(&app, &app.client, &paths[0]).await,
        token_of(&app, &other, &paths[1]).await,
    );
    let (first, second) = tokio::join!(
        press_send(&app, &app.client, &paths[0], &first_token),
        press_send(&app, &other, &paths[1], &second_token),
    );
    assert_eq!((first, second), (303, 303), "both letters are sent");

    let mut numbers = Vec::new();
    for path in &paths {
        let id = path.rsplit('/').next().unwrap();
        let public = app.get_html(&format!("/letters/{id}")).await;
        let number = ["37", "38"]
            .into_iter()
            .find(|n| public.contains(&format!("To United States / {n} in total")))
            .unwrap_or_else(|| panic!("a running number after the 36 of the tally: {public}"));
        numbers.push(number);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, ["37", "38"], "one number each");
    assert!(app
        .get_html("/letters")
        .await
        .contains("<td>United States</td><td>36</td><td>2</td><td>38</td>"));
}
