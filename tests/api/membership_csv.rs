//! The member list as CSV: the staff directory's export, the import of an
//! existing list, and formula cells neutralised between the two.

use std::time::Instant;

use diesel::prelude::*;
use reqwest::multipart::{Form, Part};
use solidarity::schema::{audit_log, member_cities, membership_events};

use crate::fixtures::*;
use crate::helpers::*;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Uploads `csv` to the import form as a browser does: multipart, the CSRF
/// token first, and the button pressed (`dry_run` or `import`).
async fn upload(app: &TestApp, csv: impl AsRef<[u8]>, mode: &str) -> reqwest::Response {
    let form = Form::new()
        .text("csrf_token", app.csrf_token().await)
        .part(
            "file",
            Part::bytes(csv.as_ref().to_vec())
                .file_name("members.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("mode", mode.to_string());
    app.client
        .post(app.url("/staff/members/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The export of every member, by number, as downloaded.
async fn export(app: &TestApp) -> Vec<u8> {
    let response = app.get("/staff/members/export.csv?sort=number").await;
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

/// The export's rows as text cells, header first.
fn rows(export: &[u8]) -> Vec<Vec<String>> {
    let body = export
        .strip_prefix(BOM)
        .expect("the export starts with a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}

async fn member_count(app: &TestApp) -> i64 {
    app.db
        .run(|conn| Ok(member_cities::table.count().get_result(conn)?))
        .await
        .unwrap()
}

async fn import_audit_entries(app: &TestApp) -> Vec<String> {
    app.db
        .run(|conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("member.import"))
                .select(audit_log::summary)
                .load(conn)?)
        })
        .await
        .unwrap()
}

async fn signed_in_admin() -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    app
}

/// Members from before the system: month and year precision, a withdrawal,
/// Japanese and Korean names, a multi-line address and rows without numbers.
const HISTORICAL_LIST: &str = "\
member_number,name_latin,name_native,country_code,province,email,phone,postal_address,population,language,join_date,join_precision,status,withdrawn_on,withdrawal_reason\r
20,Nagasaki,長崎市,JP,Nagasaki,heiwa@city.nagasaki.example,+81 95 822 8888,\"2-22 Sakura-machi\r
Nagasaki\",\"400,000\",ja,1982-06,month,active,,\r
,Jeju City,제주시,KR,Jeju,peace@jeju.example,,,,ko,2008,year,active,,\r
,Malakoff,,FR,Hauts-de-Seine,,,,,,2005-03-21,,withdrawn,2015-01-31,\"Council decision, \"\"final\"\"\"\r
";

#[tokio::test]
async fn an_exported_list_imports_into_a_fresh_app_as_it_was() {
    let first = signed_in_admin().await;
    let ypres_id = registered_city(&first, &ypres(), false).await;
    registered_city(
        &first,
        &with(
            &ypres(),
            &[
                ("name_latin", "Hiroshima"),
                ("name_native", "広島市"),
                ("country", "JP"),
                ("email", "a@hiroshima.example"),
            ],
        ),
        false,
    )
    .await;
    first
        .post_ok(
            &format!("/staff/members/{ypres_id}/status"),
            &[
                ("status", "withdrawn"),
                ("confirm", "withdraw"),
                ("on", "2030-11-30"),
                ("reason", "Council decision"),
            ],
        )
        .await;
    assert_eq!(
        upload(&first, HISTORICAL_LIST, "import").await.status(),
        303
    );

    let response = first.get("/staff/members/export.csv?sort=number").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"members-")
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let exported = response.bytes().await.unwrap().to_vec();
    let table = rows(&exported);
    assert_eq!(table.len(), 6, "the header and five members");
    assert_eq!(table[0][0], "member_number");
    assert_eq!(table[0][18], "withdrawal_reason");
    let numbers: Vec<&str> = table[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(
        numbers,
        ["1", "2", "20", "21", "22"],
        "numbers given after the highest"
    );
    let nagasaki = &table[3];
    assert_eq!(nagasaki[2], "長崎市");
    assert_eq!(nagasaki[14], "1982-06", "month precision");
    assert_eq!(nagasaki[10], "2-22 Sakura-machi\nNagasaki");
    assert_eq!(table[4][14], "2008", "year precision");

    let second = signed_in_admin().await;
    let exported_text = String::from_utf8(exported.clone()).unwrap();
    assert_eq!(
        upload(&second, &exported_text, "import").await.status(),
        303
    );
    assert_eq!(
        export(&second).await,
        exported,
        "the second app holds the same members"
    );

    let found = second.get_html("/staff/members?q=%E5%BA%83%E5%B3%B6").await;
    assert!(found.contains("Hiroshima"), "search keys are computed");
    let joined: i64 = second
        .db
        .run(|conn| {
            Ok(membership_events::table
                .filter(membership_events::kind.eq("joined"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(joined, 5, "every imported city has joined in its history");
}

#[tokio::test]
async fn a_list_saved_by_japanese_excel_in_shift_jis_imports_with_its_names() {
    let app = signed_in_admin().await;
    let list = "member_number,name_latin,name_native,country_code,join_date\r\n\
                20,Nagasaki,長崎市,JP,1982-06-24\r\n\
                21,Hiroshima,広島市,JP,1982-06-24\r\n";
    let (shift_jis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(list);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&shift_jis).is_err(), "not UTF-8");
    assert_eq!(upload(&app, &shift_jis, "import").await.status(), 303);
    let directory = app.get_html("/staff/members?q=%E9%95%B7%E5%B4%8E").await;
    assert!(
        directory.contains("長崎市"),
        "the Japanese name is read, not mangled"
    );
    assert_eq!(member_count(&app).await, 2);

    let refused = upload(&app, b"%PDF-1.7\n\x00\x01binary", "dry_run").await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("The file is not text"));
}

#[tokio::test]
async fn a_formula_in_a_city_name_is_exported_as_text_and_imported_as_it_was() {
    let formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let first = signed_in_admin().await;
    let list = "name_latin,country_code,join_date,phone\r\n\
                \"=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",BE,2019-07-01,+32 57 45 18 00\r\n\
                's-Hertogenbosch,NL,1985,\r\n";
    assert_eq!(upload(&first, list, "import").await.status(), 303);

    let exported = export(&first).await;
    let table = rows(&exported);
    assert_eq!(table[1][1], format!("'{formula}"), "shown as text");
    assert_eq!(table[1][9], "'+32 57 45 18 00");
    assert_eq!(
        table[2][1], "'s-Hertogenbosch",
        "an apostrophe of the name itself is left alone"
    );

    let second = signed_in_admin().await;
    let exported_text = String::from_utf8(exported).unwrap();
    assert_eq!(
        upload(&second, &exported_text, "import").await.status(),
        303
    );
    let stored: Vec<(String, Option<String>)> = second
        .db
        .run(|conn| {
            Ok(member_cities::table
                .order(member_cities::member_number)
                .select((member_cities::name_latin, member_cities::phone))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(
        stored,
        [
            (formula.to_string(), Some("+32 57 45 18 00".to_string())),
            ("'s-Hertogenbosch".to_string(), None),
        ]
    );
}

/// Lines 2 and 3 are one row (a quoted line break); lines 4, 5, 6 and 8 are bad.
const LIST_WITH_BAD_ROWS: &str = "\
name_latin,country_code,join_date,email,postal_address,member_number\r
Ypres,BE,2019-07-01,peace@ieper.example,\"Grote Markt 34\r
8900 Ieper\",\r
Nowhere,ZZ,2019-07,,,\r
Hannover,DE,July 2019,,,\r
Nagasaki,JP,1982,not-an-email,,\r
Hiroshima,JP,1982,,,1\r
Kure,JP,1982,,,1\r
";

fn problem_lines(html: &str) -> Vec<u64> {
    html.match_indices("<td class=\"line\">")
        .filter_map(|(i, marker)| html[i + marker.len()..].split('<').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn a_dry_run_reports_bad_rows_by_line_and_writes_nothing() {
    let app = signed_in_admin().await;
    let response = upload(&app, LIST_WITH_BAD_ROWS, "dry_run").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(problem_lines(&html), [4, 5, 6, 8]);
    assert!(html.contains("4 rows have problems."), "{html}");
    assert!(html.contains("2 other rows are good."));
    assert!(html.contains("There is no country or region with this code."));
    assert!(html.contains("Please write the date as 2019-07-01, 2019-07 or 2019."));
    assert!(html.contains("Please enter an email address such as name@example.org."));
    assert!(html.contains("An earlier row of the file has this member number too."));
    assert_eq!(member_count(&app).await, 0);

    let good: String = LIST_WITH_BAD_ROWS
        .split("\r\n")
        .enumerate()
        .filter(|(i, _)| ![3, 4, 5, 7].contains(i))
        .map(|(_, line)| format!("{line}\r\n"))
        .collect();
    let response = upload(&app, &good, "dry_run").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("All 2 rows are ready to import."), "{html}");
    assert!(html.contains("This was a check only: nothing has been written."));
    assert_eq!(member_count(&app).await, 0);
    assert!(import_audit_entries(&app).await.is_empty());
}

#[tokio::test]
async fn an_import_with_one_bad_row_writes_nothing() {
    let app = signed_in_admin().await;
    let good_rows = "name_latin,country_code,join_date,member_number\r\n\
                     Ypres,BE,2019-07-01,7\r\n\
                     Hannover,DE,1983,\r\n\
                     Volgograd,RU,1989-10,\r\n";
    let with_bad_row = format!("{good_rows}Atlantis,XX,1990,\r\n");
    let response = upload(&app, &with_bad_row, "import").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(problem_lines(&html), [5]);
    assert!(html.contains("Nothing has been imported."));
    assert_eq!(member_count(&app).await, 0);
    assert!(import_audit_entries(&app).await.is_empty());

    let response = upload(&app, good_rows, "import").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/staff/members?sort=number");
    assert!(app
        .get_html("/staff/members?sort=number")
        .await
        .contains("3 member cities were imported."));
    let numbers: Vec<i32> = app
        .db
        .run(|conn| {
            Ok(member_cities::table
                .order(member_cities::member_number)
                .select(member_cities::member_number)
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(numbers, [7, 8, 9], "numbers follow the highest");
    let audit = import_audit_entries(&app).await;
    assert_eq!(audit, ["3 member cities imported from members.csv"]);

    let again = upload(&app, good_rows, "import").await;
    assert_eq!(again.status(), 422);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("A member city has this number already."));
    assert_eq!(member_count(&app).await, 3);
}

#[tokio::test]
async fn only_staff_may_export_or_import() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "1")]).await;
    app.create_first_admin().await;
    registered_city(&app, &ypres(), true).await;

    let (visitor, _) = app.new_browser();
    let anonymous = visitor
        .get(app.url("/staff/members/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 303);
    assert!(anonymous.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?next="));

    let email = app
        .wait_for_email("To: \"Jan Peeters\" <peace@ieper.example>\r\nSubject: Your invitation")
        .await;
    let invitation = link_path(&email, "/invite/").unwrap();
    app.logout().await;
    app.get(&invitation).await;
    let accepted = app
        .post_form(
            &invitation,
            &[
                ("display_name", "Jan Peeters"),
                ("password", "Menin Gate 1927"),
                ("password_confirm", "Menin Gate 1927"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), 303, "signed in as the city's user");
    assert_eq!(app.get("/staff/members/export.csv").await.status(), 403);
    assert_eq!(app.get("/staff/members/import").await.status(), 403);
    let list = "name_latin,country_code,join_date\r\nHannover,DE,1983\r\n";
    assert_eq!(upload(&app, list, "import").await.status(), 403);
    assert_eq!(member_count(&app).await, 1, "only Ypres");
}

/// Run by hand: `cargo test --test api membership_csv -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, not a check"]
async fn importing_8000_members_takes_seconds() {
    let app = signed_in_admin().await;
    let mut list = String::from(
        "member_number,name_latin,name_native,country_code,province,mayor_name,mayor_title,contact_name,email,phone,postal_address,website,population,language,join_date,join_precision,status,withdrawn_on,withdrawal_reason\r\n",
    );
    for n in 1..=8000 {
        list.push_str(&format!(
            "{n},City {n},都市{n},JP,Prefecture {p},Mayor {n},Mayor,Contact {n},peace{n}@city{n}.example,+81 82 242 {n:04},\"{n} Peace Street\r\nTown {n}\",https://city{n}.example,{pop},ja,{year}-{month:02},month,active,,\r\n",
            p = n % 47,
            pop = 1000 + n * 13,
            year = 1982 + n % 40,
            month = 1 + n % 12,
        ));
    }
    let started = Instant::now();
    let response = upload(&app, &list, "import").await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 303);
    assert_eq!(member_count(&app).await, 8000);
    let started = Instant::now();
    let exported = export(&app).await;
    eprintln!(
        "{}: importing 8,000 members ({} KB) took {:.2} s; exporting them {:.2} s",
        if app.database.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        list.len() / 1024,
        elapsed.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );
    assert_eq!(rows(&exported).len(), 8001);
}
