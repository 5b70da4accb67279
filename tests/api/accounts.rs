use crate::helpers::*;

#[tokio::test]
async fn setup_link_works_once_and_only_while_no_admin_exists() {
    let app = spawn_app().await;
    let link = app
        .setup_link
        .clone()
        .expect("a fresh app prints a setup link");
    let path = link.trim_start_matches(&app.address).to_string();
    assert!(path.starts_with("/setup/"), "{link}");

    let form = app.get(&path).await;
    assert_eq!(form.status(), 200);
    assert!(form
        .text()
        .await
        .unwrap()
        .contains("name=\"password_confirm\""));

    app.create_first_admin().await;
    assert_eq!(
        app.get("/staff").await.status(),
        200,
        "the new admin is signed in"
    );

    // The link is dead now, for reading and for posting.
    assert_eq!(app.get(&path).await.status(), 410);
    let again = app
        .post_form(
            &path,
            &[
                ("email", "other@example.org"),
                ("display_name", "Other"),
                ("password", "another long password"),
                ("password_confirm", "another long password"),
            ],
        )
        .await;
    assert_eq!(again.status(), 410);
    assert_eq!(
        app.login("other@example.org", "another long password")
            .await
            .status(),
        401
    );

    // A restart with an admin in place offers no new link.
    let (database, _) = app.stop().await;
    let restarted = spawn_app_on(database).await;
    assert!(restarted.setup_link.is_none());
}

#[tokio::test]
async fn a_wrong_setup_token_gets_nothing() {
    let app = spawn_app().await;
    assert_eq!(app.get("/setup/not-the-token").await.status(), 410);
}

#[tokio::test]
async fn setup_form_keeps_input_and_explains_errors() {
    let app = spawn_app().await;
    let path = app
        .setup_link
        .clone()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string();
    app.get(&path).await;
    let response = app
        .post_form(
            &path,
            &[
                ("email", "not-an-address"),
                ("display_name", "Nagasaki Office"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("value=\"not-an-address\""),
        "the input is kept"
    );
    assert!(html.contains("value=\"Nagasaki Office\""));
    assert!(html.contains("Please enter an email address"));
    assert!(html.contains("Use at least 10 characters"));
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(
        app.get(&path).await.status(),
        200,
        "a refused form leaves the link usable"
    );
}

#[tokio::test]
async fn wrong_password_or_unknown_email_fail_alike() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.logout().await;

    let wrong_password = app.login(ADMIN_EMAIL, "not the password at all").await;
    let wrong_status = wrong_password.status();
    let wrong_password_html = wrong_password.text().await.unwrap();
    let unknown_email = app.login("nobody@example.org", ADMIN_PASSWORD).await;
    assert_eq!(wrong_status, 401);
    assert_eq!(unknown_email.status(), 401);
    let unknown_email_html = unknown_email.text().await.unwrap();
    let message = "The email address or password is wrong.";
    assert!(wrong_password_html.contains(message));
    assert!(unknown_email_html.contains(message));
    assert_eq!(
        login_error(&wrong_password_html),
        login_error(&unknown_email_html),
        "the same words either way"
    );
    assert_eq!(app.get("/staff").await.status(), 303, "still signed out");

    let right = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(right.status(), 303);
    assert_eq!(right.headers()["location"], "/staff");
}

#[tokio::test]
async fn repeated_failures_slow_the_account_down_for_seconds_not_minutes() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.logout().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(ADMIN_EMAIL, "guess guess guess").await.status(),
            401
        );
    }
    let slowed = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(
        slowed.status(),
        429,
        "even the right password waits a moment"
    );
    let html = slowed.text().await.unwrap();
    assert!(html.contains("try again in 5 seconds"), "{html}");
    assert!(!html.contains("minute"));
    assert_eq!(app.get("/staff").await.status(), 303);

    // Unknown addresses are slowed the same way, so the wait reveals nothing.
    for _ in 0..5 {
        assert_eq!(
            app.login("nobody@example.org", "guess guess guess")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        app.login("nobody@example.org", "guess guess guess")
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn staff_cannot_open_admin_pages() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let invitation = app
        .invite("staff@pcf.city.hiroshima.jp", "Aiko Tanaka", "staff")
        .await;
    app.logout().await;

    assert_eq!(app.get(&invitation).await.status(), 200);
    let accepted = app
        .post_form(
            &invitation,
            &[
                ("display_name", "Aiko Tanaka"),
                ("password", "Orizuru cranes 1000"),
                ("password_confirm", "Orizuru cranes 1000"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), 303);
    assert_eq!(
        app.get("/staff").await.status(),
        200,
        "staff see the dashboard"
    );
    assert_eq!(app.get("/admin/users").await.status(), 403);
    assert_eq!(app.get("/admin/audit").await.status(), 403);
    let invite_attempt = app
        .post_form(
            "/admin/users/invite",
            &[
                ("email", "x@example.org"),
                ("display_name", "X"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(invite_attempt.status(), 403);

    // The invitation worked once.
    app.logout().await;
    assert_eq!(app.get(&invitation).await.status(), 410);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_login_and_back() {
    let app = spawn_app().await;
    let response = app.get("/admin/audit?action=user").await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/login?next=%2Fadmin%2Faudit%3Faction%3Duser"
    );
    app.create_first_admin().await;
    app.logout().await;
    app.get("/login?next=/admin/audit").await;
    let login = app
        .post_form(
            "/login",
            &[
                ("email", ADMIN_EMAIL),
                ("password", ADMIN_PASSWORD),
                ("next", "/admin/audit"),
            ],
        )
        .await;
    assert_eq!(login.status(), 303);
    assert_eq!(login.headers()["location"], "/admin/audit");
    app.logout().await;
    let offsite = app
        .post_form(
            "/login",
            &[
                ("email", ADMIN_EMAIL),
                ("password", ADMIN_PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(offsite.status(), 303);
    assert_eq!(
        offsite.headers()["location"],
        "/staff",
        "never redirect off the site"
    );
}

#[tokio::test]
async fn staff_actions_are_in_the_audit_log() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.invite("staff@pcf.city.hiroshima.jp", "Aiko Tanaka", "staff")
        .await;

    let html = app.get_html("/admin/audit").await;
    assert!(html.contains("user.create_first_admin"));
    assert!(html.contains("user.invite"));
    assert!(html.contains("invited staff@pcf.city.hiroshima.jp as staff"));
    assert!(html.contains(ADMIN_EMAIL), "who did it");

    let filtered = app
        .get_html("/admin/audit?action=user.invite&from=&to=")
        .await;
    assert!(filtered.contains("user.invite"));
    assert!(!filtered.contains("user.create_first_admin"));
    assert!(filtered.contains("1 entry"));
}

#[tokio::test]
async fn a_deactivated_user_is_logged_out_and_cannot_log_in() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let invitation = app
        .invite("staff@pcf.city.hiroshima.jp", "Aiko Tanaka", "staff")
        .await;

    let (staff, _) = app.new_browser();
    let accepted = submit(
        &staff,
        &app.address,
        &invitation,
        &invitation,
        &[
            ("display_name", "Aiko Tanaka"),
            ("password", "Orizuru cranes 1000"),
            ("password_confirm", "Orizuru cranes 1000"),
        ],
    )
    .await;
    assert_eq!(accepted.status(), 303, "the invitation is accepted");
    assert_eq!(
        staff.get(app.url("/staff")).send().await.unwrap().status(),
        200
    );

    let users = app.get_html("/admin/users").await;
    let id = users
        .split("/admin/users/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a deactivate button for the staff member")
        .to_string();
    let response = app
        .post_form(&format!("/admin/users/{id}/active"), &[("active", "false")])
        .await;
    assert_eq!(response.status(), 303);

    assert_eq!(
        staff.get(app.url("/staff")).send().await.unwrap().status(),
        303,
        "their session ended"
    );
    assert!(app
        .get_html("/admin/audit")
        .await
        .contains("user.deactivate"));
}

fn login_error(html: &str) -> String {
    let start = html.find("id=\"login-error\">").expect("an error message");
    html[start..].split('<').next().unwrap().to_string()
}
