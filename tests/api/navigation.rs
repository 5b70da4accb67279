//! Navigation and states (issue #18 item 5): the staff menu reaches the
//! petitions, a city's page shows what it was invited to and has not taken up,
//! confirming a loan says what it needs and offers the free sets, the month
//! view draws an exhibition as one bar (and the loans when asked), and empty
//! lists say what to do next.

use solidarity::auth::Role;

use crate::fixtures::*;
use crate::helpers::*;

/// The staff's second menu bar (the work bar), as HTML.
fn staff_menu(page: &str) -> &str {
    let start = page.find("class=\"work-bar\"").expect("a work bar");
    let end = start + page[start..].find("</nav>").expect("its end");
    &page[start..end]
}

#[tokio::test]
async fn the_staff_menu_leads_to_the_petitions() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let dashboard = app.get_html("/staff").await;
    assert!(
        staff_menu(&dashboard).contains("href=\"/staff/petitions\""),
        "Petitions are in the staff menu"
    );
    // On the petitions' own pages the menu marks where the reader is.
    let petitions = app.get_html("/staff/petitions").await;
    assert!(staff_menu(&petitions)
        .contains("href=\"/staff/petitions\" aria-current=\"page\">Petitions</a>"));

    // A city user has no staff menu, and no way into the staff's petitions.
    let (city_id, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let city = signed_in(&app, "user@ieper.example", Role::City, Some(city_id)).await;
    let own = city.get("/city").await.text().await.unwrap();
    assert!(!own.contains("href=\"/staff/petitions\""));
    let refused = city.get("/staff/petitions").await;
    assert!(refused.status() == 403 || refused.status() == 404 || refused.status() == 303);
}

#[tokio::test]
async fn a_pending_invitation_shows_on_the_city_page() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (shobara, number) =
        member_city(&app, "Shobara", "JP", "heiwa@city.shobara.example", "ja").await;
    let page = format!("/staff/members/{shobara}");
    let before = app.get_html(&page).await;
    assert!(!before.contains("id=\"pending-users\""));
    assert!(!before.contains("id=\"pending-sisters\""));
    assert!(
        before.contains("Invite its contact person with the form below"),
        "the empty list of users says what to do next"
    );

    // Staff invite the city's contact person, and a sister city on its behalf.
    app.post_ok(
        &format!("{page}/users"),
        &[
            ("email", "kiyama@city.shobara.example"),
            ("name", "Kiyama Kozo"),
        ],
    )
    .await;
    app.post_ok(
        "/staff/invitations",
        &[
            ("city_name", "Miyoshi"),
            ("country", "JP"),
            ("email", "heiwa@city.miyoshi.example"),
            ("language", "ja"),
            ("inviting_member_number", &number),
        ],
    )
    .await;

    let after = app.get_html(&page).await;
    let users = after
        .split("id=\"pending-users\"")
        .nth(1)
        .expect("the pending user invitation is shown");
    assert!(users.contains("Kiyama Kozo &lt;kiyama@city.shobara.example&gt;"));
    assert!(users.contains("the link is valid until"));
    let sisters = after
        .split("id=\"pending-sisters\"")
        .nth(1)
        .expect("the pending sister-city invitation is shown");
    assert!(sisters.contains("Miyoshi (JP)"));
    assert!(sisters.contains("heiwa@city.miyoshi.example"));

    // Another city's page shows neither.
    let (ypres, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let other = app.get_html(&format!("/staff/members/{ypres}")).await;
    assert!(!other.contains("Kiyama Kozo"));
    assert!(!other.contains("Miyoshi"));
}

/// The exhibition's status as its staff page shows it.
async fn status_shown(app: &TestApp, id: i64) -> String {
    let page = app.get_html(&format!("/staff/exhibitions/{id}")).await;
    let status = page.split("<dd id=\"status\">").nth(1).expect("a status");
    status.split('<').next().unwrap().to_string()
}

#[tokio::test]
async fn confirming_a_loan_explains_what_it_needs_and_offers_the_free_sets() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, number) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let free = add_set(&app, "EN-01", "en").await;
    let busy = add_set(&app, "EN-02", "en").await;
    add_set(&app, "JA-01", "ja").await;
    let earlier = register(&app, &number, "Menin Gate", "2031-08-01", "2031-08-10", &[]).await;
    app.post_ok(
        &format!("/staff/exhibitions/{earlier}/loan"),
        &[("set_id", &busy.to_string())],
    )
    .await;
    let id = register(&app, &number, "Cloth Hall", "2031-08-05", "2031-08-20", &[]).await;

    let page = app.get_html(&format!("/staff/exhibitions/{id}")).await;
    let card = page
        .split("id=\"confirm-loan\"")
        .nth(1)
        .expect("confirming offers a set")
        .split("</form>")
        .next()
        .unwrap();
    assert!(card.contains("Confirming this loan books a poster set from"));
    assert!(
        card.contains(&format!("name=\"set_id\" value=\"{free}\" checked")),
        "the free set is offered: {card}"
    );
    assert!(card.contains("EN-01: 30 panels, free for these dates"));
    assert!(
        !card.contains(&format!("value=\"{busy}\"")),
        "the busy set cannot be chosen"
    );
    assert!(card.contains("EN-02: away for “Menin Gate” from"));
    assert!(!card.contains("JA-01"), "only sets in the poster language");

    // A set taken meanwhile: the page again with the clash, nothing changed.
    let clash = app
        .post_form(
            &format!("/staff/exhibitions/{id}/confirm"),
            &[("set_id", &busy.to_string())],
        )
        .await;
    assert_eq!(clash.status(), 409);
    assert!(clash.text().await.unwrap().contains("Menin Gate"));
    assert_eq!(status_shown(&app, id).await, "requested");

    // The free set: booked and confirmed in one step.
    app.post_ok(
        &format!("/staff/exhibitions/{id}/confirm"),
        &[("set_id", &free.to_string())],
    )
    .await;
    assert_eq!(status_shown(&app, id).await, "confirmed");
    let page = app.get_html(&format!("/staff/exhibitions/{id}")).await;
    assert!(page.contains("id=\"booked-set\""));
    assert!(page.contains("EN-01"));
    assert!(!page.contains("id=\"confirm-loan\""));
}

#[tokio::test]
async fn without_a_free_set_confirming_says_what_to_do_instead() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, number) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let id = register(&app, &number, "Cloth Hall", "2031-08-05", "2031-08-20", &[]).await;
    let page = app.get_html(&format!("/staff/exhibitions/{id}")).await;
    assert!(page.contains("id=\"confirm-no-set\""));
    assert!(page.contains("book a set in another language above, move the dates, or decline"));
}

/// The bars of the month view that lead to exhibition `id`, its own or (with
/// `loan`) its poster set's: (days spanned, first day, last day).
fn bars(page: &str, id: i64, loan: bool) -> Vec<(usize, String, String)> {
    let link = format!("href=\"/staff/exhibitions/{id}\" data-from=\"");
    page.split("<td colspan=\"")
        .skip(1)
        .map(|chunk| chunk.split("</td>").next().unwrap())
        .filter(|cell| cell.contains(&link) && cell.contains("calendar-loan") == loan)
        .map(|cell| {
            let span = cell.split('"').next().unwrap().parse().unwrap();
            let from = cell.split(&link).nth(1).unwrap()[..10].to_string();
            let to = cell.split("data-to=\"").nth(1).unwrap()[..10].to_string();
            (span, from, to)
        })
        .collect()
}

#[tokio::test]
async fn the_month_view_draws_an_exhibition_as_one_bar_and_can_show_loans() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, number) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let set = add_set(&app, "EN-01", "en").await;
    // Monday 4 to Wednesday 13 August 2031: one bar over the seven days of
    // its first week, and one over the three of the next.
    let id = register(&app, &number, "Cloth Hall", "2031-08-04", "2031-08-13", &[]).await;
    app.post_ok(
        &format!("/staff/exhibitions/{id}/loan"),
        &[("set_id", &set.to_string())],
    )
    .await;

    let august = app.get_html("/staff/exhibitions?month=2031-08").await;
    assert_eq!(
        bars(&august, id, false),
        vec![
            (7, "2031-08-04".into(), "2031-08-10".into()),
            (3, "2031-08-11".into(), "2031-08-13".into()),
        ],
        "one bar a week, spanning the days"
    );
    assert!(!august.contains("calendar-loan"), "loans only when asked");
    assert!(august.contains("href=\"/staff/exhibitions?month=2031-08&amp;loans=1\""));

    let with_loans = app
        .get_html("/staff/exhibitions?month=2031-08&loans=1")
        .await;
    let loans = bars(&with_loans, id, true);
    assert!(!loans.is_empty(), "the loan's window is drawn");
    // The set leaves before the exhibition opens and comes back after it.
    assert!(loans.first().unwrap().1.as_str() < "2031-08-04");
    assert!(loans.last().unwrap().2.as_str() > "2031-08-13");
    assert!(with_loans.contains("Set EN-01 away: Cloth Hall"));
    // Moving to the next month keeps the loans shown.
    assert!(with_loans.contains("href=\"/staff/exhibitions?month=2031-09&amp;loans=1\""));

    let empty = app.get_html("/staff/exhibitions?month=2032-02").await;
    assert!(empty.contains("No exhibition is on this month."));
}

#[tokio::test]
async fn empty_lists_say_what_to_do_next() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    for (path, hint) in [
        ("/staff/petitions", "Start one with “New petition” above"),
        (
            "/staff/letters",
            "Write the first one with “New letter” above",
        ),
        (
            "/staff/poster-sets",
            "Add the first one with the form below",
        ),
        ("/staff/posters", "Upload a PDF or ZIP with the form below"),
        (
            "/admin/petitions/blocklist",
            "No domain is blocked. Add one above",
        ),
        (
            "/staff/exhibitions?status=returned",
            "No exhibition has this status. Choose another status",
        ),
        (
            "/staff/dues?q=nowhere",
            "No member city matches. Clear the search",
        ),
        (
            "/staff/invitations",
            "Invite a sister city with the form above",
        ),
        ("/petitions", "New petitions are announced on this page."),
    ] {
        let page = app.get_html(path).await;
        assert!(page.contains(hint), "{path} says what to do next: {hint}");
    }
}

#[tokio::test]
async fn empty_states_are_translated() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.post_ok("/language", &[("lang", "ja"), ("next", "/staff/petitions")])
        .await;
    let page = app.get_html("/staff/petitions").await;
    assert!(page.contains("まだ署名活動はありません。上の「新しい署名活動」から始める"));
    let menu = staff_menu(&page);
    assert!(menu.contains("href=\"/staff/petitions\""));
}
