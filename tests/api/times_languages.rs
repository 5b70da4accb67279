//! Times in the reader's zone, country lists in each language's order and
//! current names, plural forms, names in the language's order, the welcome
//! email's tense and the city user's invitation (issue #18 item 7).

use diesel::prelude::*;
use solidarity::auth::Role;
use solidarity::schema::outbox;

use crate::fixtures::*;
use crate::helpers::*;

/// The text of the first element with this id, tags removed.
fn text_of<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let rest = &html[start + marker.len()..];
    &rest[..rest.find('<').unwrap_or(rest.len())]
}

#[tokio::test]
async fn times_are_shown_in_the_secretariat_s_zone_which_an_admin_changes() {
    let app = spawn_app().await;
    app.create_first_admin().await;

    let audit = app.get_html("/admin/audit").await;
    assert!(
        audit.contains(" JST</td>"),
        "Hiroshima's time by default: {audit}"
    );
    assert!(!audit.contains(" UTC</td>"), "never bare UTC: {audit}");

    let refused = app
        .post_form("/admin/time-zone", &[("zone", "Mars/Olympus")])
        .await;
    assert_eq!(refused.status(), 303);
    assert!(app
        .get_html("/account/time-zone")
        .await
        .contains("Choose a time zone from the list."));

    app.post_ok("/admin/time-zone", &[("zone", "Asia/Seoul")])
        .await;
    let audit = app.get_html("/admin/audit?action=settings.time_zone").await;
    assert!(audit.contains("Asia/Tokyo → Asia/Seoul"), "{audit}");
    assert!(audit.contains(" KST</td>"), "{audit}");

    // Staff see the secretariat's zone; a staff member's own choice is theirs alone.
    let staff = signed_in(&app, "staff@pcf.city.hiroshima.jp", Role::Staff, None).await;
    let account = staff.get("/account").await.text().await.unwrap();
    assert!(account.contains("Asia/Seoul"), "{account}");
    let saved = staff
        .post("/account/time-zone", &[("zone", "Europe/Oslo")])
        .await;
    assert_eq!(saved.status(), 303);
    let account = staff.get("/account").await.text().await.unwrap();
    assert!(account.contains("Europe/Oslo"), "{account}");
    assert!(app.get_html("/admin/audit").await.contains(" KST</td>"));

    // Back to the secretariat's.
    let back = staff.post("/account/time-zone", &[("zone", "")]).await;
    assert_eq!(back.status(), 303);
    let account = staff.get("/account").await.text().await.unwrap();
    assert!(account.contains("Asia/Seoul"), "{account}");

    assert_eq!(
        staff
            .post("/admin/time-zone", &[("zone", "Europe/Oslo")])
            .await
            .status(),
        403,
        "only admins set the secretariat's zone"
    );
}

#[tokio::test]
async fn a_user_s_own_zone_names_itself_on_the_pages() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.post_ok("/account/time-zone", &[("zone", "Europe/Oslo")])
        .await;
    let audit = app.get_html("/admin/audit").await;
    let rows = &audit[audit.find("<tbody>").expect("the log's rows")..];
    let first = text_of(rows, "<td>");
    assert!(
        first.ends_with(" CET") || first.ends_with(" CEST"),
        "the first column is the time in Oslo: {first:?}"
    );
}

#[tokio::test]
async fn job_schedules_show_the_time_in_the_reader_s_zone_beside_utc() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let page = app.get_html("/admin/jobs/dues_reminders").await;
    assert!(
        page.contains("On day 1 of each month at 09:00 UTC (18:00 JST)"),
        "{page}"
    );
}

async fn join_page(app: &TestApp, language: &str) -> String {
    let (visitor, _) = app.new_browser();
    visitor
        .get(app.url("/join"))
        .header("Accept-Language", language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn position(page: &str, name: &str) -> usize {
    page.find(&format!(">{name}</option>"))
        .unwrap_or_else(|| panic!("{name} is offered"))
}

#[tokio::test]
async fn country_lists_follow_each_language_s_order_and_current_names() {
    let app = spawn_app().await;

    let ja = join_page(&app, "ja").await;
    assert!(
        position(&ja, "ナミビア") < position(&ja, "日本")
            && position(&ja, "日本") < position(&ja, "ニュージーランド"),
        "日本 (にほん) sorts among the に's, not after every kana"
    );
    assert!(position(&ja, "アイスランド") < position(&ja, "中国"));
    assert!(position(&ja, "中国") < position(&ja, "ドイツ"));
    assert!(ja.contains(">ジョージア</option>") && !ja.contains("グルジア"));
    assert!(ja.contains(">大韓民国</option>"));

    let ko = join_page(&app, "ko").await;
    assert!(ko.contains(">튀르키예</option>") && !ko.contains(">터키<"));
    assert!(position(&ko, "가나") < position(&ko, "일본"));

    let en = join_page(&app, "en").await;
    assert!(
        position(&en, "Åland Islands") < position(&en, "Albania"),
        "Å sorts with the A's"
    );
    assert!(position(&en, "Réunion") < position(&en, "Romania"));
}

#[tokio::test]
async fn counts_take_the_plural_form_of_their_number() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.post_ok(
        "/admin/dues/settings",
        &[
            ("fee_jpy", "2000"),
            ("first_month", "4"),
            ("reminder_interval_days", "1"),
        ],
    )
    .await;
    let page = app.get_html("/staff/dues/reminders").await;
    assert!(
        page.contains("A city is reminded at most once a day."),
        "{page}"
    );
}

#[tokio::test]
async fn the_welcome_email_speaks_of_a_membership_yet_to_start_in_the_future() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    registered_city(&app, &ypres(), false).await;
    let text: String = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("member_city"))
                .select(outbox::text_body)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert!(
        text.contains("Ypres becomes a member of Mayors for Peace on 1 "),
        "membership starts on the 1st of next month: {text}"
    );
    assert!(!text.contains("is now a member"), "{text}");
}

#[tokio::test]
async fn a_city_user_s_invitation_says_it_sets_up_the_city_s_account() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (city, _) = member_city(&app, "Shobara", "JP", "heiwa@city.shobara.example", "en").await;
    app.post_ok(
        &format!("/staff/members/{city}/users"),
        &[
            ("email", "heiwa@city.shobara.example"),
            ("name", "Peace Office"),
        ],
    )
    .await;
    let message = app.wait_for_email("heiwa@city.shobara.example").await;
    let path = link_path(&message, "/invite/").expect("an invitation link");
    let (visitor, _) = app.new_browser();
    let page = visitor
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<h1>Set up your city"), "{page}");
    assert!(!page.contains("Join the secretariat"), "{page}");
}

#[tokio::test]
async fn audit_details_read_in_the_reader_s_language() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let new_password = "Atomic Bomb Dome 1996";
    app.post_ok(
        "/account/password",
        &[
            ("current_password", ADMIN_PASSWORD),
            ("password", new_password),
            ("password_confirm", new_password),
        ],
    )
    .await;
    let english = app
        .get_html("/admin/audit?action=user.change_password")
        .await;
    assert!(
        english.contains("password changed; other sessions ended"),
        "{english}"
    );
    app.post_ok("/language", &[("lang", "ja"), ("next", "/admin/audit")])
        .await;
    let japanese = app
        .get_html("/admin/audit?action=user.change_password")
        .await;
    assert!(
        japanese.contains("パスワードを変更し、他のセッションを終了しました"),
        "{japanese}"
    );
    assert!(!japanese.contains("other sessions ended"), "{japanese}");
}
