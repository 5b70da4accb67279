//! Issue #17, item 3: the membership certificate is shown only for an active
//! member, to staff and to the city's own users, in the city's language;
//! 404 to the public and to other cities, and for a withdrawn city to anyone
//! but staff (who see it marked as no longer valid).

use solidarity::auth::Role;

use crate::fixtures::*;
use crate::helpers::*;

#[tokio::test]
async fn the_certificate_is_for_staff_and_the_citys_own_users_only() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (hiroshima, number) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (ypres, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let path = format!("/members/{hiroshima}/certificate");
    let own = signed_in(&app, "user@hiroshima.example", Role::City, Some(hiroshima)).await;
    let other = signed_in(&app, "user@ieper.example", Role::City, Some(ypres)).await;

    // Staff (signed in as the admin, reading in English).
    let staff = app.get(&path).await;
    assert_eq!(staff.status(), 200);
    assert_eq!(staff.headers()["cache-control"], "no-store");
    let page = staff.text().await.unwrap();
    assert!(page.contains(&number), "staff see the member number");
    assert!(
        page.contains("<article class=\"certificate\" lang=\"ja\">") && page.contains("加盟認定証"),
        "the certificate is in the city's language, whoever reads it: {page}"
    );

    let mine = own.get(&path).await;
    assert_eq!(mine.status(), 200, "the city's own user");
    assert!(mine.text().await.unwrap().contains("加盟認定証"));
    assert_eq!(other.get(&path).await.status(), 404, "another city");
    let (visitor, _) = app.new_browser();
    let public = visitor.get(app.url(&path)).send().await.unwrap();
    assert_eq!(public.status(), 404, "the public");
    let unknown = visitor
        .get(app.url("/members/999999/certificate"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        unknown.status(),
        404,
        "an id that is no member looks the same"
    );
}

#[tokio::test]
async fn a_withdrawn_citys_certificate_is_404_to_the_public_and_void_for_staff() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (ypres, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let own = signed_in(&app, "user@ieper.example", Role::City, Some(ypres)).await;
    let path = format!("/members/{ypres}/certificate");
    assert_eq!(own.get(&path).await.status(), 200);

    app.post_ok(
        &format!("/staff/members/{ypres}/status"),
        &[
            ("status", "withdrawn"),
            ("confirm", "withdraw"),
            ("on", "2026-06-30"),
            ("reason", "Council decision"),
        ],
    )
    .await;

    let (visitor, _) = app.new_browser();
    let public = visitor.get(app.url(&path)).send().await.unwrap();
    assert_eq!(public.status(), 404, "the public");
    assert_eq!(
        own.get(&path).await.status(),
        404,
        "no longer for the city either"
    );
    let staff = app.get(&path).await;
    assert_eq!(staff.status(), 200, "staff keep the record");
    let page = staff.text().await.unwrap();
    assert!(
        page.contains("Withdrawn on 30 June 2026: this certificate is no longer valid.")
            && !page.contains("is a member of the association"),
        "{page}"
    );
}

#[tokio::test]
async fn the_certificate_prints_on_one_a4_page() {
    let app = spawn_app().await;
    let css = app.get_html("/static/app.css").await;
    let print = css
        .find("@page certificate")
        .map(|i| &css[i..])
        .expect("the certificate has a page of its own");
    assert!(print.contains("size: A4 portrait"), "{print}");
    assert!(
        css.contains(".site-header, .site-footer, .skip-link, form, .flash { display: none; }"),
        "the page's header, footer and forms stay off the paper"
    );
    assert!(
        print.contains("break-inside: avoid") && print.contains("max-height: 260mm"),
        "one page: the certificate is not split and fits A4's 267 mm inside its margins"
    );
}
