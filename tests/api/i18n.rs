use crate::helpers::*;

fn lang_attribute(html: &str) -> &str {
    let start = html
        .find("<html lang=\"")
        .expect("an html element with lang")
        + 12;
    &html[start..start + html[start..].find('"').unwrap()]
}

#[tokio::test]
async fn a_japanese_browser_gets_japanese_pages() {
    let app = spawn_app().await;
    let html = app
        .client
        .get(app.url("/"))
        .header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lang_attribute(&html), "ja");
    assert!(html.contains("核兵器のない世界をめざす都市"));
    assert!(html.contains("ログイン"));
}

#[tokio::test]
async fn pages_render_in_each_language_with_the_right_lang_attribute() {
    let app = spawn_app().await;
    for (code, login_title) in [("en", "Log in"), ("ja", "ログイン"), ("ko", "로그인")] {
        for path in ["/", "/login", "/no-such-page"] {
            let html = app
                .client
                .get(app.url(path))
                .header("Accept-Language", code)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert_eq!(lang_attribute(&html), code, "{path} in {code}");
            assert!(html.contains(login_title), "{path} in {code}");
        }
    }
}

#[tokio::test]
async fn the_language_switcher_wins_over_the_browser() {
    let app = spawn_app().await;
    app.get("/").await;
    let response = app
        .post_form("/language", &[("lang", "ko"), ("next", "/login")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login");
    let html = app
        .client
        .get(app.url("/"))
        .header("Accept-Language", "ja")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lang_attribute(&html), "ko");

    let unknown = app
        .post_form("/language", &[("lang", "xx"), ("next", "/")])
        .await;
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn a_signed_in_users_language_follows_them_to_a_new_browser() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let switched = app
        .post_ok("/language", &[("lang", "ja"), ("next", "/staff")])
        .await;
    assert_eq!(switched, "/staff");
    app.logout().await;

    let (browser, _) = app.new_browser();
    let login = submit(
        &browser,
        &app.address,
        "/login",
        "/login",
        &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(login.status(), 303, "signed in");
    let html = browser
        .get(app.url("/staff"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lang_attribute(&html), "ja");
    assert!(html.contains("ダッシュボード"));
}
