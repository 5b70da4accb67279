use crate::helpers::*;

#[tokio::test]
async fn health_check_answers_when_the_database_does() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn the_home_page_says_what_the_association_is_and_how_to_join() {
    let app = spawn_app().await;
    let html = app.get_html("/").await;
    assert!(html.contains("Cities for a world without nuclear weapons"));
    assert!(
        html.contains(
            "An association of cities and regions, founded by Hiroshima and Nagasaki in 1982"
        ),
        "no member yet: no count (the counts come from the members, see records.rs)"
    );
    assert!(html.contains("¥2,000"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"));
}

#[tokio::test]
async fn unknown_pages_get_the_404_page() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("<title>Page not found · Solidarity</title>"));
    assert!(html.contains("There is no page at this address."));
}

#[tokio::test]
async fn the_stylesheet_is_served_by_the_app() {
    let app = spawn_app().await;
    let response = app.get("/static/app.css").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert!(response.text().await.unwrap().contains("@media print"));
}

#[tokio::test]
async fn the_dashboard_greets_staff_and_links_admin_pages() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let html = app.get_html("/staff").await;
    assert!(
        html.contains("Your admin account is ready."),
        "the flash from setup"
    );
    assert!(html.contains("Welcome, Hiroshima Secretariat."));
    assert!(html.contains("href=\"/admin/audit\""));
    let again = app.get_html("/staff").await;
    assert!(
        !again.contains("Your admin account is ready."),
        "a flash shows once"
    );
}

#[tokio::test]
async fn backup_writes_a_consistent_copy_of_the_sqlite_database() {
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return; // pg_dump's job; the command says so
    }
    app.create_first_admin().await;
    let target = app.database.data_dir.join("backup.db");
    let config = test_config(&app.database, &[]);
    solidarity::cli::backup(&config, &target)
        .await
        .expect("backup");
    let copy = TestDatabase::copy_of(&target);
    let copied = spawn_app_on(copy).await;
    assert!(copied.setup_link.is_none(), "the copy holds the admin");
    assert_eq!(
        copied.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
        303
    );
}

#[tokio::test]
async fn the_dashboard_counts_what_waits_in_each_area() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let dashboard = app.get_html("/staff").await;
    assert!(
        dashboard.contains("No exhibition awaits confirmation"),
        "{dashboard}"
    );
    assert!(dashboard.contains("No draft letter"));
    assert!(dashboard.contains("No campaign awaits a second admin"));

    let (_, number) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    crate::fixtures::register(&app, &number, "Ypres 2031", "2031-08-01", "2031-08-15", &[]).await;
    crate::fixtures::create_letter(&app, &[]).await;
    let dashboard = app.get_html("/staff").await;
    assert!(
        dashboard.contains("One exhibition awaits confirmation"),
        "{dashboard}"
    );
    assert!(dashboard.contains("href=\"/staff/exhibitions?status=requested\""));
    assert!(dashboard.contains("One draft letter"));
}
