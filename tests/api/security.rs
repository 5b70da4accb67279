use crate::helpers::*;

#[tokio::test]
async fn a_post_without_csrf_token_gets_403_and_changes_nothing() {
    let app = spawn_app().await;
    let path = app
        .setup_link
        .clone()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string();
    app.get(&path).await; // a session exists, so only the token is missing
    let fields = [
        ("email", ADMIN_EMAIL),
        ("display_name", "Hiroshima Secretariat"),
        ("password", ADMIN_PASSWORD),
        ("password_confirm", ADMIN_PASSWORD),
    ];
    let without = app.post_raw(&path, &fields).await;
    assert_eq!(without.status(), 403);
    assert!(without
        .text()
        .await
        .unwrap()
        .contains("did not come from this site"));

    let mut wrong = fields.to_vec();
    wrong.push(("csrf_token", "forged"));
    assert_eq!(app.post_raw(&path, &wrong).await.status(), 403);

    // Nothing happened: no admin exists and the link still works.
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 401);
    assert_eq!(app.get(&path).await.status(), 200);
}

#[tokio::test]
async fn a_password_change_without_csrf_token_is_refused() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let response = app
        .post_raw(
            "/account/password",
            &[
                ("current_password", ADMIN_PASSWORD),
                ("password", "a brand new password"),
                ("password_confirm", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    app.logout().await;
    assert_eq!(
        app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
        303,
        "the old password still works"
    );
}

#[tokio::test]
async fn a_tampered_session_cookie_logs_the_user_out() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    assert_eq!(app.get("/staff").await.status(), 200);

    let cookie = app.session_cookie().expect("a session cookie");
    let mut bytes = cookie.into_bytes();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    app.set_session_cookie(&String::from_utf8(bytes).unwrap());

    let response = app.get("/staff").await;
    assert_eq!(response.status(), 303, "treated as signed out");
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(headers.contains_key("x-request-id"));
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
}

#[tokio::test]
async fn user_input_is_escaped_on_pages() {
    let app = spawn_app().await;
    let path = app
        .setup_link
        .clone()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string();
    app.get(&path).await;
    let html = app
        .post_form(
            &path,
            &[
                ("email", "x"),
                ("display_name", "<script>alert(1)</script>"),
                ("password", ""),
                ("password_confirm", ""),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
}
