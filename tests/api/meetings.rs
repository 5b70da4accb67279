//! Meetings (issue #20): invitations through a real SMTP server in the city's
//! language, registration through the signed link without an account, the
//! last place taken at once by two cities, the waiting list, reminders,
//! badges and the CSV, attendance, and adopted texts in the archive.

use base64::Engine;
use chrono::Duration;
use diesel::prelude::*;
use solidarity::domain::clock::today;
use solidarity::schema::outbox;

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

/// A published General Conference in Hiroshima whose registration is open,
/// with `total` places and `per_city` per city; invitations sent. Returns its id.
async fn open_meeting(app: &TestApp, total: &str, per_city: &str, extra: &[(&str, &str)]) -> i64 {
    let day = |n: i64| (today() + Duration::days(n)).to_string();
    let (opens, closes, starts, ends) = (day(-1), day(30), day(60), day(62));
    let mut fields = vec![
        ("kind", "general_conference"),
        ("title_en", "11th General Conference of Mayors for Peace"),
        ("title_ja", "第11回平和首長会議総会"),
        ("title_ko", "제11회 평화시장회의 총회"),
        ("starts_on", starts.as_str()),
        ("ends_on", ends.as_str()),
        ("venue", "International Conference Center Hiroshima"),
        ("country_code", "JP"),
        ("time_zone", "Asia/Tokyo"),
        ("interpretation", "en,ja"),
        ("registration_opens_on", opens.as_str()),
        ("registration_closes_on", closes.as_str()),
        ("capacity_total", total),
        ("capacity_per_city", per_city),
        ("audience", "all"),
        ("audience_detail", ""),
    ];
    for (name, value) in extra {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    let location = app.post_ok("/staff/meetings", &fields).await;
    let id = id_of(&location);
    app.post_ok(&format!("/staff/meetings/{id}/publish"), &[])
        .await;
    app.post_ok(&format!("/staff/meetings/{id}/invite"), &[])
        .await;
    id
}

/// The registration link emailed to `address` (from the outbox, as written).
async fn link_for(app: &TestApp, address: &str) -> String {
    let address = address.to_string();
    let body: String = app
        .db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient_email.eq(address))
                .filter(outbox::reference_type.eq("meeting"))
                .order(outbox::id.asc())
                .select(outbox::text_body)
                .first(conn)?)
        })
        .await
        .unwrap();
    link_path(&body, "/meetings/").expect("a registration link")
}

/// Subjects of the meeting emails to `address`, oldest first.
async fn subjects_to(app: &TestApp, address: &str) -> Vec<String> {
    let address = address.to_string();
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient_email.eq(address))
                .filter(outbox::reference_type.eq("meeting"))
                .order(outbox::id.asc())
                .select(outbox::subject)
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// A visitor without an account: a browser of its own.
fn visitor(app: &TestApp) -> reqwest::Client {
    app.new_browser().0
}

fn delegates<'a>(rows: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (i, (name, email)) in rows.iter().enumerate() {
        fields.push((format!("d{}_name", i + 1), name.to_string()));
        fields.push((format!("d{}_email", i + 1), email.to_string()));
        fields.push((format!("d{}_title", i + 1), "Mayor".to_string()));
    }
    fields
}

async fn register(
    app: &TestApp,
    client: &reqwest::Client,
    link: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    submit(client, &app.address, link, link, &refs).await
}

/// Every MIME part of a message as text: base64 and quoted-printable undone.
fn readable(data: &str) -> String {
    let mut out = String::new();
    for part in data.split("\r\n--") {
        let Some((head, body)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let head = head.to_ascii_lowercase();
        let body = body.split("\r\n\r\n--").next().unwrap_or(body);
        if head.contains("content-transfer-encoding: base64") {
            let joined: String = body.split_whitespace().collect();
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(joined) {
                out.push_str(&String::from_utf8_lossy(&bytes));
            }
        } else {
            out.push_str(&quoted_printable(body));
        }
    }
    out
}

fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `=?utf-8?b?…?=` words of a header decoded.
fn decoded_header(value: &str) -> String {
    value
        .split_whitespace()
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            match lower
                .strip_prefix("=?utf-8?b?")
                .and_then(|w| w.strip_suffix("?="))
            {
                Some(_) => {
                    let encoded = &word["=?utf-8?b?".len()..word.len() - 2];
                    base64::engine::general_purpose::STANDARD
                        .decode(encoded)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default()
                }
                None => word.to_string(),
            }
        })
        .collect()
}

#[tokio::test]
async fn a_japanese_city_is_invited_in_japanese_and_registers_two_delegates_without_an_account() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[
            ("SMTP_URL", url.as_str()),
            (
                "MAIL_FROM",
                "Mayors for Peace <secretariat@mayorsforpeace.example>",
            ),
        ],
    )
    .await;
    app.create_first_admin().await;
    let (hiroshima, _) = member_city(
        &app,
        "Hiroshima",
        "JP",
        "heiwa@city.hiroshima.example",
        "ja",
    )
    .await;
    let id = open_meeting(&app, "100", "3", &[]).await;

    let received = sink.wait_for(1).await;
    let invitation = &received[0];
    assert_eq!(invitation.to, ["heiwa@city.hiroshima.example"]);
    let subject = decoded_header(&invitation.header("Subject").unwrap());
    assert!(
        subject.contains("ご招待") && subject.contains("第11回平和首長会議総会"),
        "{subject}"
    );
    let text = readable(&invitation.data);
    assert!(text.contains("代表者をご登録ください"), "{text}");
    let link = link_path(&text, "/meetings/").expect("the personal link in the email");
    assert!(link.starts_with(&format!("/meetings/{id}/register/{hiroshima}/")));

    // A visitor with the link, no account: two delegates, the mayor in person.
    let city = visitor(&app);
    let page = city.get(app.url(&link)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let mut fields = delegates(&[
        ("Kazumi Matsui", "mayor@city.hiroshima.example"),
        ("Aiko Tanaka", "aiko@city.hiroshima.example"),
    ]);
    fields.push(("d1_mayor".into(), "yes".into()));
    fields.push(("d2_visa".into(), "yes".into()));
    fields.push(("dietary".into(), "vegetarian".into()));
    let response = register(&app, &city, &link, &fields).await;
    assert_eq!(response.status(), 303, "registered");
    let again = city
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(again.contains("value=\"Kazumi Matsui\"") && again.contains("value=\"Aiko Tanaka\""));

    let staff = app
        .get_html(&format!("/staff/meetings/{id}?status=registered"))
        .await;
    assert!(
        staff.contains("Hiroshima") && staff.contains("vegetarian"),
        "{staff}"
    );

    // A forged link (another city's id, or a changed token) opens nothing.
    let token = link.rsplit('/').next().unwrap();
    let forged = format!("/meetings/{id}/register/{}/{token}", hiroshima + 1);
    assert_eq!(
        city.get(app.url(&forged)).send().await.unwrap().status(),
        404
    );
    let tampered = format!(
        "/meetings/{id}/register/{hiroshima}/{}x",
        &token[..token.len() - 1]
    );
    assert_eq!(
        city.get(app.url(&tampered)).send().await.unwrap().status(),
        404
    );
    let refused = register(&app, &city, &link, &[]).await;
    assert_eq!(refused.status(), 422, "a registration needs a delegate");
    let intruder = delegates(&[("Intruder", "x@example.org")]);
    let refs: Vec<(&str, &str)> = intruder
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let forged_post = submit(&city, &app.address, &link, &tampered, &refs).await;
    assert_eq!(forged_post.status(), 404, "a forged link registers nobody");
}

#[tokio::test]
async fn the_last_place_taken_by_two_cities_at_once_goes_to_exactly_one() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    member_city(&app, "Nagasaki", "JP", "peace@city.nagasaki.example", "en").await;
    member_city(&app, "Ypres", "BE", "peace@ypres.example", "en").await;
    let id = open_meeting(&app, "2", "2", &[]).await;
    let (nagasaki, ypres) = (
        link_for(&app, "peace@city.nagasaki.example").await,
        link_for(&app, "peace@ypres.example").await,
    );
    let (a, b) = (visitor(&app), visitor(&app));
    let (token_a, token_b) = (
        csrf_token_on(&a, &app.url(&nagasaki)).await,
        csrf_token_on(&b, &app.url(&ypres)).await,
    );
    let post = |client: &reqwest::Client, link: &str, token: &str, who: &str| {
        let mut fields = delegates(&[
            (who, "one@example.org"),
            ("Second delegate", "two@example.org"),
        ]);
        fields.push(("csrf_token".into(), token.to_string()));
        client.post(app.url(link)).form(&fields).send()
    };
    let (first, second) = tokio::join!(
        post(&a, &nagasaki, &token_a, "Shiro Suzuki"),
        post(&b, &ypres, &token_b, "Emmily Talpe")
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409], "one registered, the other refused");
    let refused = if first.status() == 409 { first } else { second };
    let text = refused.text().await.unwrap();
    assert!(
        text.contains("The last places have just been taken"),
        "{text}"
    );

    let page = app.get_html(&format!("/staff/meetings/{id}")).await;
    assert!(page.contains("2 of 2 taken"), "{page}");
    assert!(
        page.contains("Registered: 1") && page.contains("No answer yet: 1"),
        "{page}"
    );
}

#[tokio::test]
async fn a_withdrawal_frees_the_place_and_the_waiting_city_is_told() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    member_city(&app, "Hannover", "DE", "peace@hannover.example", "en").await;
    member_city(&app, "Granollers", "ES", "pau@granollers.example", "en").await;
    let id = open_meeting(&app, "1", "1", &[]).await;
    let (hannover, granollers) = (
        link_for(&app, "peace@hannover.example").await,
        link_for(&app, "pau@granollers.example").await,
    );
    let (h, g) = (visitor(&app), visitor(&app));
    let one = |name: &str| delegates(&[(name, "delegate@example.org")]);
    assert_eq!(
        register(&app, &h, &hannover, &one("Belit Onay"))
            .await
            .status(),
        303
    );
    assert_eq!(
        register(&app, &g, &granollers, &one("Josep Mayoral"))
            .await
            .status(),
        409
    );
    let mut waiting = one("Josep Mayoral");
    waiting.push(("wait_if_full".into(), "yes".into()));
    assert_eq!(
        register(&app, &g, &granollers, &waiting).await.status(),
        303
    );
    let page = app
        .get_html(&format!("/staff/meetings/{id}?status=waiting"))
        .await;
    assert!(page.contains("Granollers"), "waiting: {page}");

    let withdrawn = submit(
        &h,
        &app.address,
        &hannover,
        &format!("{hannover}/decline"),
        &[],
    )
    .await;
    assert_eq!(withdrawn.status(), 303);
    let page = app
        .get_html(&format!("/staff/meetings/{id}?status=registered"))
        .await;
    assert!(
        page.contains("Granollers") && !page.contains("Hannover"),
        "{page}"
    );
    let told = subjects_to(&app, "pau@granollers.example").await;
    assert!(
        told.iter().any(|s| s.starts_with("A place is yours")),
        "the waiting city is told: {told:?}"
    );
    let audit = app.get_html("/admin/audit").await;
    assert!(audit.contains("Meeting registration withdrawn"), "audited");
}

#[tokio::test]
async fn reminders_go_to_cities_without_an_answer_and_never_to_those_that_declined() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    member_city(&app, "Malakoff", "FR", "paix@malakoff.example", "en").await;
    member_city(&app, "Frogn", "NO", "fred@frogn.example", "en").await;
    member_city(&app, "Des Moines", "US", "peace@desmoines.example", "en").await;
    open_meeting(&app, "50", "2", &[]).await;
    let declines = link_for(&app, "paix@malakoff.example").await;
    let registers = link_for(&app, "fred@frogn.example").await;
    let (a, b) = (visitor(&app), visitor(&app));
    assert_eq!(
        submit(
            &a,
            &app.address,
            &declines,
            &format!("{declines}/decline"),
            &[]
        )
        .await
        .status(),
        303
    );
    let fields = delegates(&[("Fred", "fred@frogn.example")]);
    assert_eq!(register(&app, &b, &registers, &fields).await.status(), 303);

    app.post_ok("/admin/jobs/meeting_reminders/run", &[]).await;
    let reminded = |subjects: Vec<String>| subjects.iter().any(|s| s.starts_with("Reminder"));
    assert!(
        reminded(subjects_to(&app, "peace@desmoines.example").await),
        "no answer: reminded"
    );
    assert!(
        !reminded(subjects_to(&app, "paix@malakoff.example").await),
        "declined: never"
    );
    assert!(
        !reminded(subjects_to(&app, "fred@frogn.example").await),
        "registered: not"
    );
}

#[tokio::test]
async fn badges_and_the_csv_hold_every_registered_delegate_and_neutralise_formulas() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    member_city(&app, "Bangkok", "TH", "peace@bangkok.example", "en").await;
    member_city(&app, "Fremantle", "AU", "peace@fremantle.example", "en").await;
    let id = open_meeting(&app, "10", "2", &[]).await;
    for (address, rows) in [
        (
            "peace@bangkok.example",
            vec![
                ("=HYPERLINK(\"http://evil.example\")", "a@bangkok.example"),
                ("Somchai", "s@bangkok.example"),
            ],
        ),
        (
            "peace@fremantle.example",
            vec![("Hannah Fitzhardinge", "h@fremantle.example")],
        ),
    ] {
        let link = link_for(&app, address).await;
        let response = register(&app, &visitor(&app), &link, &delegates(&rows)).await;
        assert_eq!(response.status(), 303);
    }
    let csv = app
        .get(&format!("/staff/meetings/{id}/delegates.csv"))
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert_eq!(
        csv.lines().count(),
        4,
        "a header and three delegates: {csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "formula neutralised: {csv}");
    assert!(!csv
        .lines()
        .any(|l| l.starts_with("=") || l.starts_with("\"=")));
    assert!(csv.contains("Somchai") && csv.contains("Hannah Fitzhardinge"));

    let badges = app.get_html(&format!("/staff/meetings/{id}/badges")).await;
    assert_eq!(
        badges.matches("class=\"name-badge\"").count(),
        3,
        "{badges}"
    );
    assert!(badges.contains("Fremantle") && badges.contains("Australia"));
    assert!(
        badges.contains("=HYPERLINK(&#34;http://evil.example&#34;)")
            || badges.contains("=HYPERLINK(&quot;")
    );
    let sheet = app.get_html(&format!("/staff/meetings/{id}/sign-in")).await;
    assert!(sheet.contains("Somchai") && sheet.contains("Hannah Fitzhardinge"));
}

#[tokio::test]
async fn attendance_marked_by_staff_shows_in_the_figures_and_on_the_city_page() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (sarajevo, _) = member_city(&app, "Sarajevo", "BA", "mir@sarajevo.example", "en").await;
    member_city(&app, "Cervia", "IT", "pace@cervia.example", "en").await;
    let id = open_meeting(&app, "10", "2", &[]).await;
    for (address, name) in [
        ("mir@sarajevo.example", "Benjamina Karić"),
        ("pace@cervia.example", "Mattia Missiroli"),
    ] {
        let link = link_for(&app, address).await;
        let response = register(
            &app,
            &visitor(&app),
            &link,
            &delegates(&[(name, "d@example.org")]),
        )
        .await;
        assert_eq!(response.status(), 303);
    }
    let search = app
        .get_html(&format!("/staff/meetings/{id}/attendance?q=karić"))
        .await;
    assert!(
        search.contains("Benjamina Karić") && !search.contains("Mattia Missiroli"),
        "{search}"
    );
    let marker = format!("action=\"/staff/meetings/{id}/attendance/");
    let start = search.find(&marker).expect("a button per delegate") + marker.len();
    let delegate: String = search[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    app.post_ok(
        &format!("/staff/meetings/{id}/attendance/{delegate}"),
        &[("present", "yes"), ("q", "karić")],
    )
    .await;

    let page = app.get_html(&format!("/staff/meetings/{id}")).await;
    assert!(
        page.contains("one delegate present · one city represented · one country or region"),
        "{page}"
    );
    let city = app.get_html(&format!("/staff/members/{sarajevo}")).await;
    assert!(
        city.contains("Meetings attended:") && city.contains("11th General Conference"),
        "{city}"
    );
}

#[tokio::test]
async fn an_adopted_resolution_appears_in_the_archive_and_on_the_meeting_page() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    seed_cities(&app, officers()).await;
    let id = open_meeting(&app, "10", "2", &[]).await;
    let yesterday = (today() - Duration::days(1)).to_string();
    let path = create_letter(
        &app,
        &[
            ("kind", "resolution"),
            ("target_country", ""),
            ("subject", "Hiroshima Resolution on the hibakusha"),
            ("approval_rule", "deadline"),
            ("review_deadline", &yesterday),
        ],
    )
    .await;
    for step in ["circulate", "final", "send"] {
        app.post_ok(&format!("{path}/{step}"), &[]).await;
    }
    let letter = path.rsplit('/').next().unwrap();
    app.post_ok(
        &format!("/staff/meetings/{id}/outcomes"),
        &[("letter_id", letter)],
    )
    .await;

    let archive = app.get_html("/letters").await;
    assert!(
        archive.contains("adopted at 11th General Conference of Mayors for Peace"),
        "{archive}"
    );
    let public = app.get_html(&format!("/meetings/{id}")).await;
    assert!(
        public.contains("Hiroshima Resolution on the hibakusha"),
        "{public}"
    );
    let ics = app.get(&format!("/meetings/{id}/meeting.ics")).await;
    assert_eq!(ics.status(), 200);
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:11th General Conference"));
}
