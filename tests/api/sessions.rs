use crate::helpers::*;

#[tokio::test]
async fn a_restart_keeps_sessions_valid() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    assert_eq!(app.get("/staff").await.status(), 200);

    // Same data folder (and so the same generated secret key), new process state.
    let (database, jar) = app.stop().await;
    let restarted = spawn_app_on(database).await;
    let browser = client_with(jar);
    let response = browser.get(restarted.url("/staff")).send().await.unwrap();
    assert_eq!(
        response.status(),
        200,
        "the cookie from before the restart still signs in"
    );
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_but_not_this_one() {
    let app = spawn_app().await;
    app.create_first_admin().await;

    let (other, _) = app.new_browser();
    let login = submit(
        &other,
        &app.address,
        "/login",
        "/login",
        &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(login.status(), 303);
    assert_eq!(
        other.get(app.url("/staff")).send().await.unwrap().status(),
        200
    );

    let changed = app
        .post_form(
            "/account/password",
            &[
                ("current_password", ADMIN_PASSWORD),
                ("password", "Genbaku Dome stands"),
                ("password_confirm", "Genbaku Dome stands"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    assert!(app
        .get_html("/account")
        .await
        .contains("Your password is changed"));
    assert_eq!(
        app.get("/staff").await.status(),
        200,
        "this session goes on"
    );
    assert_eq!(
        other.get(app.url("/staff")).send().await.unwrap().status(),
        303,
        "the other one ended"
    );

    app.logout().await;
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 401);
    assert_eq!(
        app.login(ADMIN_EMAIL, "Genbaku Dome stands").await.status(),
        303
    );
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.get("/account/password").await;
    let response = app
        .post_form(
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("password", "Genbaku Dome stands"),
                ("password_confirm", "Genbaku Dome stands"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("This is not your current password."));
    app.logout().await;
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.logout().await;
    assert_eq!(app.get("/staff").await.status(), 303);
    assert!(app.get_html("/").await.contains("href=\"/login\""));
}
