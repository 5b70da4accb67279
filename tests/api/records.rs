//! The secretariat's records: staff correct every field of a member city, each
//! change kept in the city's history (and the audit log) with its value before
//! and after; the CSV import's update mode; and the public figures computed
//! from the members rather than written into the translations.

use diesel::prelude::*;
use reqwest::multipart::{Form, Part};
use solidarity::auth::Role;
use solidarity::schema::{city_changes, member_cities, outbox};

use crate::fixtures::*;
use crate::helpers::*;

/// Every field of the staff form for a city seeded by `member_city` (joined
/// 2010-05), with `changes` over it.
fn record_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name_latin", "Hiroshima"),
        ("name_native", "広島市"),
        ("country", "JP"),
        ("province", "Hiroshima Prefecture"),
        ("mayor_name", "Kazumi Matsui"),
        ("mayor_title", "Mayor"),
        ("contact_name", "Peace Office"),
        ("email", "peace@hiroshima.example"),
        ("phone", "+81 82 242 7831"),
        (
            "postal_address",
            "1-6-34 Kokutaiji-machi\nNaka-ku, Hiroshima",
        ),
        ("website", "https://www.city.hiroshima.lg.jp"),
        ("population", "1,200,000"),
        ("language", "ja"),
        ("join_date", "2010-05"),
    ];
    for &(name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| *n == name) {
            field.1 = value;
        }
    }
    fields
}

async fn mayor_of(app: &TestApp, id: i64) -> Option<String> {
    app.db
        .run(move |conn| {
            Ok(member_cities::table
                .find(id)
                .select(member_cities::mayor_name)
                .first::<Option<String>>(conn)?)
        })
        .await
        .unwrap()
}

/// The history rows of the city: (field, old, new, source).
async fn changes_of(
    app: &TestApp,
    id: i64,
) -> Vec<(String, Option<String>, Option<String>, String)> {
    app.db
        .run(move |conn| {
            Ok(city_changes::table
                .filter(city_changes::city_id.eq(id))
                .order(city_changes::id.asc())
                .select((
                    city_changes::field,
                    city_changes::old_value,
                    city_changes::new_value,
                    city_changes::source,
                ))
                .load(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_staff_edit_of_the_mayor_shows_in_the_history_and_the_audit_log() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (id, _) = member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let page = app.get_html(&format!("/staff/members/{id}")).await;
    assert!(page.contains(&format!("href=\"/staff/members/{id}/edit\"")));
    assert!(page.contains("No field of this record has been changed"));
    let form = app.get_html(&format!("/staff/members/{id}/edit")).await;
    assert!(
        form.contains("value=\"2010-05\""),
        "the join date with its precision"
    );

    let path = format!("/staff/members/{id}/edit");
    app.post_ok(&path, &record_form(&[])).await;
    app.post_ok(&path, &record_form(&[("mayor_name", "Tomoko Ito")]))
        .await;
    assert_eq!(mayor_of(&app, id).await.as_deref(), Some("Tomoko Ito"));

    let history = changes_of(&app, id).await;
    assert!(history.contains(&(
        "mayor_name".into(),
        Some("Kazumi Matsui".into()),
        Some("Tomoko Ito".into()),
        "staff".into()
    )));
    assert!(history.contains(&(
        "mayor_name".into(),
        None,
        Some("Kazumi Matsui".into()),
        "staff".into()
    )));
    assert!(
        !history.iter().any(|(field, ..)| field == "join_date"),
        "a field given its own value again is no change"
    );

    let page = app.get_html(&format!("/staff/members/{id}")).await;
    assert!(
        page.contains("Mayor changed from “Kazumi Matsui” to “Tomoko Ito” on"),
        "{page}"
    );
    assert!(page.contains("by Hiroshima Secretariat (staff form)"));
    assert!(page.contains("Population set to “1,200,000”"));

    let audit = app.get_html("/admin/audit?action=member.edit").await;
    assert!(
        audit.contains("mayor_name: Kazumi Matsui → Tomoko Ito"),
        "{audit}"
    );
    assert!(audit.contains("mayor_name: (none) → Kazumi Matsui"));

    let switched = app
        .post_form("/language", &[("lang", "ja"), ("next", "/")])
        .await;
    assert_eq!(switched.status(), 303);
    let japanese = app.get_html(&format!("/staff/members/{id}")).await;
    assert!(
        japanese.contains("首長を「Kazumi Matsui」から「Tomoko Ito」に変更"),
        "the history in the reader's language"
    );
}

#[tokio::test]
async fn a_bad_value_shows_the_form_again_with_its_error_and_changes_nothing() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (id, _) = member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let path = format!("/staff/members/{id}/edit");

    for (field, value) in [
        ("email", "not an address"),
        ("join_date", "July 2019"),
        ("country", "ZZ"),
        ("name_latin", "広島市"),
    ] {
        let response = app
            .post_form(
                &path,
                &record_form(&[("mayor_name", "Tomoko Ito"), (field, value)]),
            )
            .await;
        assert_eq!(response.status(), 422, "{field}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field}: the error beside its field"
        );
        assert!(
            html.contains("value=\"Tomoko Ito\""),
            "what was typed is kept"
        );
        assert_eq!(mayor_of(&app, id).await, None, "{field}: nothing changed");
        assert!(changes_of(&app, id).await.is_empty());
    }
    let audit = app.get_html("/admin/audit?action=member.edit").await;
    assert!(!audit.contains("Tomoko Ito"));
}

/// Uploads `csv` to the import form in update mode; `mode` is the button.
async fn upload_update(app: &TestApp, csv: &str, mode: &str) -> reqwest::Response {
    let form = Form::new()
        .text("csrf_token", app.csrf_token().await)
        .part(
            "file",
            Part::bytes(csv.as_bytes().to_vec())
                .file_name("corrections.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("purpose", "update")
        .text("mode", mode.to_string());
    app.client
        .post(app.url("/staff/members/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_update_import_lists_its_changes_then_applies_them_all_or_none() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (hiroshima, _) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (nagasaki, _) = member_city(&app, "Nagasaki", "JP", "peace@nagasaki.example", "ja").await;
    let good = "member_number,mayor_name,population,status\n\
                00001,Kazumi Matsui,1200000,active\n\
                2,Shiro Suzuki,,active\n";

    let dry_run = upload_update(&app, good, "dry_run").await;
    assert_eq!(dry_run.status(), 200);
    let html = dry_run.text().await.unwrap();
    assert!(html.contains("id=\"update-preview\""), "{html}");
    for expected in [
        "Kazumi Matsui",
        "Shiro Suzuki",
        "1200000",
        "Mayor",
        "Population",
    ] {
        assert!(html.contains(expected), "the preview shows {expected}");
    }
    assert!(html.contains("2 rows change the records below."));
    assert_eq!(
        mayor_of(&app, hiroshima).await,
        None,
        "a dry run writes nothing"
    );
    assert!(changes_of(&app, hiroshima).await.is_empty());

    let bad = "member_number,mayor_name,status\n\
               1,Kazumi Matsui,active\n\
               99,Nobody,active\n\
               2,Shiro Suzuki,withdrawn\n";
    let checked = upload_update(&app, bad, "dry_run").await;
    assert_eq!(checked.status(), 422);
    let html = checked.text().await.unwrap();
    assert!(
        html.contains("id=\"update-preview\"") && html.contains("Kazumi Matsui"),
        "the dry run lists the good rows' changes beside the bad rows"
    );
    assert!(html.contains("No member city has this number."));
    let refused = upload_update(&app, bad, "import").await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("No member city has this number."));
    assert!(html.contains("withdraw or reinstate a city on its page"));
    assert_eq!(
        mayor_of(&app, hiroshima).await,
        None,
        "the good row is not written either"
    );

    let imported = upload_update(&app, good, "import").await;
    assert_eq!(imported.status(), 303);
    assert_eq!(
        mayor_of(&app, hiroshima).await.as_deref(),
        Some("Kazumi Matsui")
    );
    assert_eq!(
        mayor_of(&app, nagasaki).await.as_deref(),
        Some("Shiro Suzuki")
    );
    assert_eq!(
        changes_of(&app, hiroshima).await,
        [
            (
                "mayor_name".to_string(),
                None,
                Some("Kazumi Matsui".to_string()),
                "import".to_string()
            ),
            (
                "population".to_string(),
                None,
                Some("1200000".to_string()),
                "import".to_string()
            ),
        ]
    );
    let page = app.get_html(&format!("/staff/members/{nagasaki}")).await;
    assert!(page.contains("Mayor set to “Shiro Suzuki”"));
    assert!(page.contains("(CSV update)"));
    let audit = app.get_html("/admin/audit?action=member.edit").await;
    assert!(audit.contains("Nagasaki: mayor_name: (none) → Shiro Suzuki (from corrections.csv)"));

    let again = upload_update(&app, good, "dry_run").await;
    let html = again.text().await.unwrap();
    assert!(
        html.contains("2 rows change nothing."),
        "the same file again changes nothing"
    );
}

#[tokio::test]
async fn the_home_page_counts_change_after_a_registration_run() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let home = app.get_html("/").await;
    assert!(home.contains("An association of cities and regions, founded by Hiroshima"));
    assert!(!home.contains("7,800") && !home.contains("163 countries"));
    let by_country = app.get_html("/statistics/countries").await;
    assert!(by_country.contains("There are no member cities yet."));

    registered_city(&app, &ypres(), false).await;

    let home = app.get_html("/").await;
    assert!(
        home.contains("An association of one city, founded by Hiroshima"),
        "{home}"
    );
    assert!(home.contains("Today: one member city in one country or region."));
    assert!(home.contains("Member cities by continent today: Europe 1."));
    let (visitor, _) = app.new_browser();
    let japanese = visitor
        .get(app.url("/"))
        .header("Accept-Language", "ja")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(japanese.contains("1の国と地域の1都市が加盟する連合です"));

    let statistics = app.get_html("/statistics").await;
    assert!(statistics.contains("href=\"/statistics/countries\""));
    let by_country = app.get_html("/statistics/countries").await;
    assert!(by_country.contains("id=\"members-by-country\""));
    assert!(by_country.contains("<a href=\"/members?country=BE\">Belgium</a>"));
    assert!(by_country.contains("One member city in one country or region."));
    let by_count = app.get_html("/statistics/countries?sort=cities").await;
    assert!(by_count.contains("Belgium"));

    // The sister-city invitation counts the members too.
    app.post_ok(
        "/staff/invitations",
        &[
            ("city_name", "Poperinge"),
            ("country", "BE"),
            ("email", "mayor@poperinge.example"),
            ("language", "en"),
            ("inviting_member_number", ""),
        ],
    )
    .await;
    let body: String = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::recipient_email.eq("mayor@poperinge.example"))
                .select(outbox::text_body)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert!(
        body.contains("the association of one city working for a world without nuclear weapons"),
        "{body}"
    );
    assert!(!body.contains("7,800"));

    let hannover = with(
        &ypres(),
        &[
            ("name_latin", "Hannover"),
            ("name_native", ""),
            ("country", "DE"),
            ("email", "frieden@hannover.example"),
            ("contact_name", "Anna Schmidt"),
        ],
    );
    registered_city(&app, &hannover, false).await;
    let home = app.get_html("/").await;
    assert!(home.contains("An association of 2 cities in 2 countries and regions"));
    assert!(home.contains("Today: 2 member cities in 2 countries and regions."));
}

#[tokio::test]
async fn a_city_users_own_edit_is_kept_in_the_same_history() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let (id, _) = member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "en").await;
    let city_user = signed_in(&app, "peace@hiroshima.example", Role::City, Some(id)).await;
    let own = city_user.get("/city").await.text().await.unwrap();
    assert!(own.contains("No field of your record has been changed yet."));
    let saved = city_user
        .post(
            "/city/edit",
            &[
                ("mayor_name", "Kazumi Matsui"),
                ("mayor_title", "Mayor"),
                ("contact_name", "Peace Office"),
                ("email", "peace@hiroshima.example"),
                ("phone", ""),
                ("postal_address", "1-6-34 Kokutaiji-machi"),
                ("website", ""),
                ("population", ""),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let history = changes_of(&app, id).await;
    assert!(history.contains(&(
        "mayor_name".into(),
        None,
        Some("Kazumi Matsui".into()),
        "city".into()
    )));
    assert!(
        !history.iter().any(|(field, ..)| field == "email"),
        "an unchanged field is no change"
    );
    let own = city_user.get("/city").await.text().await.unwrap();
    assert!(own.contains("Mayor set to “Kazumi Matsui”"), "{own}");
    let staff_page = app.get_html(&format!("/staff/members/{id}")).await;
    assert!(staff_page.contains("Mayor set to “Kazumi Matsui”"));
    assert!(staff_page.contains("own account)"));
}

/// Run by hand: `cargo test --test api records:: -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, not a check"]
async fn updating_8000_members_takes_seconds() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let mut list = String::from("name_latin,country_code,join_date\n");
    for n in 1..=8000 {
        list.push_str(&format!(
            "City {n},JP,{}-{:02}\n",
            1982 + n % 40,
            1 + n % 12
        ));
    }
    let form = Form::new()
        .text("csrf_token", app.csrf_token().await)
        .part(
            "file",
            Part::bytes(list.into_bytes())
                .file_name("members.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("mode", "import");
    let added = app
        .client
        .post(app.url("/staff/members/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let mut update = String::from("member_number,mayor_name,population\n");
    for n in 1..=8000 {
        update.push_str(&format!("{n},Mayor {n},{}\n", 1000 + n));
    }
    let started = std::time::Instant::now();
    let dry_run = upload_update(&app, &update, "dry_run").await;
    assert_eq!(dry_run.status(), 200);
    let dry_run_took = started.elapsed();
    let started = std::time::Instant::now();
    let imported = upload_update(&app, &update, "import").await;
    assert_eq!(imported.status(), 303);
    let import_took = started.elapsed();
    assert_eq!(mayor_of(&app, 8000).await.as_deref(), Some("Mayor 8000"));
    eprintln!(
        "{}: update of 8,000 members (2 fields each): dry run {:.2} s, import {:.2} s",
        if app.database.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        dry_run_took.as_secs_f64(),
        import_took.as_secs_f64(),
    );
}
