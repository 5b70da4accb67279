//! Issue #18, items 2 to 4: confirmations before what cannot be undone or
//! goes outside (reminders, the registration run, a withdrawal, cancelling an
//! exhibition), mistakes caught in dues, and applicants answering with a file.

use diesel::prelude::*;
use reqwest::multipart::{Form, Part};
use solidarity::auth::Role;
use solidarity::schema::{exhibitions, member_cities, outbox};

use crate::fixtures::*;
use crate::helpers::*;

async fn staff_app() -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    app
}

/// (recipient, subject, text) of the queued emails whose reference is `kind`.
async fn queued(app: &TestApp, kind: &'static str) -> Vec<(String, String, String)> {
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq(kind))
                .order(outbox::id.asc())
                .select((outbox::recipient_email, outbox::subject, outbox::text_body))
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// The flash message on the page a redirect leads to.
async fn flashed(app: &TestApp, location: &str) -> String {
    app.get_html(location).await
}

/// The fiscal year (April to March) a city registered today is asked for.
fn joining_year() -> String {
    use chrono::Datelike;
    let today = solidarity::domain::clock::today();
    let next = solidarity::membership::cities::first_of_next_month(today);
    let year = if next.month() >= 4 {
        next.year()
    } else {
        next.year() - 1
    };
    year.to_string()
}

const BANK: &str = "Hiroshima Bank, Head Office, account 1234567 (Mayors for Peace)";
const CONTACT: &str = "dues@mayorsforpeace.example";

// ------------------------------------------------------------ item 2: confirmations

#[tokio::test]
async fn reminders_go_only_when_confirmed_with_their_numbers_and_carry_bank_details_and_a_contact()
{
    let app = staff_app().await;
    registered_city(&app, &ypres(), false).await;
    let year = joining_year();
    let page_path = format!("/staff/dues/reminders?year={year}");

    // Without the bank details and contact address, nothing can go out.
    let page = app.get_html(&page_path).await;
    assert!(page.contains("id=\"needs-contact\""), "{page}");
    let refused = app
        .post_ok(
            "/staff/dues/reminders",
            &[("year", &year), ("confirm", "1")],
        )
        .await;
    assert!(flashed(&app, &refused)
        .await
        .contains("cannot go out until an administrator"));
    assert!(queued(&app, "dues_reminder").await.is_empty());

    app.post_ok(
        "/admin/dues/payment-contact",
        &[("bank_details", BANK), ("contact", CONTACT)],
    )
    .await;
    let page = app.get_html(&page_path).await;
    assert!(
        page.contains("Send 1 reminder for") && page.contains("in 1 language, by email, now."),
        "the confirmation says what will happen in numbers: {page}"
    );

    // A POST without the confirmation does nothing; nor does one confirming
    // numbers that are not the plan's.
    let unconfirmed = app
        .post_ok("/staff/dues/reminders", &[("year", &year)])
        .await;
    assert!(flashed(&app, &unconfirmed)
        .await
        .contains("tick the box that confirms"));
    let stale = app
        .post_ok(
            "/staff/dues/reminders",
            &[("year", &year), ("confirm", "5")],
        )
        .await;
    assert!(flashed(&app, &stale)
        .await
        .contains("number of cities to remind has changed"));
    assert!(queued(&app, "dues_reminder").await.is_empty());

    app.post_ok(
        "/staff/dues/reminders",
        &[("year", &year), ("confirm", "1")],
    )
    .await;
    let sent = queued(&app, "dues_reminder").await;
    assert_eq!(sent.len(), 1);
    let (to, _, text) = &sent[0];
    assert_eq!(to, "peace@ieper.example");
    assert!(text.contains(BANK), "the bank details: {text}");
    assert!(text.contains(CONTACT), "a contact address: {text}");
    assert!(
        !text.contains("do not reply"),
        "no \"do not reply\" beside \"write to us\": {text}"
    );
}

#[tokio::test]
async fn the_registration_run_is_confirmed_and_links_each_new_member_and_its_certificate() {
    let app = staff_app().await;
    apply_as_visitor(&app, &ypres()).await;
    let id = application_id(&app, "Ypres").await;
    app.post_ok(&format!("/staff/applications/{id}/approve"), &[])
        .await;

    let page = app.get_html("/staff/registration").await;
    assert!(
        page.contains("Register 1 city as a member from")
            && page.contains("send 1 welcome email with its certificate"),
        "{page}"
    );
    let unconfirmed = app.post_ok("/staff/registration", &[]).await;
    assert!(flashed(&app, &unconfirmed)
        .await
        .contains("tick the box that confirms"));
    let members: i64 = app
        .db
        .run(|conn| Ok(member_cities::table.count().get_result(conn)?))
        .await
        .unwrap();
    assert_eq!(members, 0, "nothing registered without the confirmation");
    let stale = app
        .post_ok("/staff/registration", &[("confirm", "2")])
        .await;
    assert!(flashed(&app, &stale)
        .await
        .contains("list of approved requests has changed"));

    register_all(&app, false).await;
    let city = member_page_id(&app, "Ypres").await;
    let page = app.get_html("/staff/registration").await;
    let listed = page
        .split("id=\"registered-members\"")
        .nth(1)
        .expect("the latest run's members are listed");
    assert!(listed.contains(&format!("href=\"/staff/members/{city}\"")));
    assert!(listed.contains(&format!("href=\"/members/{city}/certificate\"")));
}

#[tokio::test]
async fn a_withdrawal_has_its_own_page_saying_what_it_does_and_needs_the_confirmation() {
    let app = staff_app().await;
    let city = registered_city(&app, &ypres(), false).await;
    let city_page = app.get_html(&format!("/staff/members/{city}")).await;
    assert!(city_page.contains(&format!("href=\"/staff/members/{city}/withdraw\"")));

    let page = app
        .get_html(&format!("/staff/members/{city}/withdraw"))
        .await;
    assert!(page.contains("leaves the public directory") && page.contains("It holds no role."));
    assert!(page.contains("No email is sent."));

    let status = format!("/staff/members/{city}/status");
    let fields = [
        ("status", "withdrawn"),
        ("on", "2026-11-30"),
        ("reason", "Council decision"),
    ];
    let unconfirmed = app.post_ok(&status, &fields).await;
    assert_eq!(unconfirmed, format!("/staff/members/{city}/withdraw"));
    assert!(
        app.get_html("/members").await.contains("Ypres"),
        "still a member"
    );

    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm", "withdraw"));
    app.post_ok(&status, &confirmed).await;
    assert!(!app.get_html("/members").await.contains("Ypres"));
}

#[tokio::test]
async fn cancelling_an_exhibition_asks_for_a_reason_and_a_confirmation_and_keeps_the_reason() {
    let app = staff_app().await;
    let city = registered_city(&app, &ypres(), false).await;
    let number = app
        .db
        .run(move |conn| {
            Ok(member_cities::table
                .find(city)
                .select(member_cities::member_number)
                .first::<i32>(conn)?)
        })
        .await
        .unwrap();
    let number = format!("{number:05}");
    let first = register(
        &app,
        &number,
        "Hibakusha voices",
        "2031-08-01",
        "2031-08-09",
        &[],
    )
    .await;
    let second = register(
        &app,
        &number,
        "Paper cranes",
        "2031-10-01",
        "2031-10-05",
        &[],
    )
    .await;
    let status_of = |id: i64| {
        let db = app.db.clone();
        async move {
            db.run(move |conn| {
                Ok(exhibitions::table
                    .find(id)
                    .select((exhibitions::status, exhibitions::decision_reason))
                    .first::<(String, Option<String>)>(conn)?)
            })
            .await
            .unwrap()
        }
    };

    let page = app.get_html(&format!("/staff/exhibitions/{first}")).await;
    assert!(page.contains("No poster set is booked for it, so none is freed."));
    let path = format!("/staff/exhibitions/{first}/status");
    app.post_ok(&path, &[("to", "cancelled"), ("note", "The hall flooded")])
        .await;
    app.post_ok(&path, &[("to", "cancelled"), ("confirm", "cancel")])
        .await;
    assert_eq!(status_of(first).await.0, "requested", "neither acted");
    app.post_ok(
        &path,
        &[
            ("to", "cancelled"),
            ("note", "The hall flooded"),
            ("confirm", "cancel"),
        ],
    )
    .await;
    assert_eq!(
        status_of(first).await,
        (
            "cancelled".to_string(),
            Some("The hall flooded".to_string())
        )
    );
    let page = app.get_html(&format!("/staff/exhibitions/{first}")).await;
    assert!(page.contains("Reason for cancelling") && page.contains("The hall flooded"));
    assert!(app
        .get_html("/admin/audit?action=exhibition.status")
        .await
        .contains("reason: The hall flooded"));

    // The city cancels its own the same way.
    let user = signed_in(&app, "jan@ieper.example", Role::City, Some(city)).await;
    let cancel = format!("/city/exhibitions/{second}/cancel");
    assert_eq!(user.post(&cancel, &[]).await.status(), 303);
    assert_eq!(status_of(second).await.0, "requested");
    let done = user
        .post(&cancel, &[("reason", "Budget cut"), ("confirm", "cancel")])
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        status_of(second).await,
        ("cancelled".to_string(), Some("Budget cut".to_string()))
    );
}

// ------------------------------------------------------------ item 3: dues

fn payment<'a>(payer: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("member_number", payer),
        ("received_on", "2026-05-10"),
        ("amount", "2,000"),
        ("currency", "JPY"),
        ("rate", ""),
        ("method", "bank_transfer"),
        ("reference", ""),
        ("years", "2026"),
        ("note", ""),
    ];
    fields.retain(|(k, _)| !changes.iter().any(|(c, _)| c == k));
    fields.extend_from_slice(changes);
    fields
}

#[tokio::test]
async fn a_likely_duplicate_payment_waits_for_staff_and_an_overpayment_is_said_plainly() {
    let app = staff_app().await;
    let city = registered_city(&app, &ypres(), false).await;
    let first = app
        .post_form("/staff/dues/payments", &payment("00001", &[]))
        .await;
    assert_eq!(first.status(), 303);

    let again = app
        .post_form("/staff/dues/payments", &payment("00001", &[]))
        .await;
    assert_eq!(again.status(), 409, "held back");
    let page = again.text().await.unwrap();
    assert!(
        page.contains("id=\"likely-duplicate\"") && page.contains("2026-0001"),
        "{page}"
    );
    assert!(page.contains("name=\"duplicate_ok\""));
    let entries: i64 = app
        .db
        .run(|conn| {
            Ok(solidarity::schema::dues_entries::table
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(entries, 1, "nothing recorded twice");

    // Another date is no duplicate; a confirmed one is recorded.
    let confirmed = app
        .post_form(
            "/staff/dues/payments",
            &payment("00001", &[("duplicate_ok", "yes")]),
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let city_page = app.get_html(&format!("/staff/members/{city}")).await;
    assert!(
        city_page.contains("(¥2,000 more than the fee)"),
        "overpayment shown plainly: {city_page}"
    );
}

#[tokio::test]
async fn the_payment_form_finds_the_city_by_its_name() {
    let app = staff_app().await;
    registered_city(&app, &ypres(), false).await;
    let page = app.get_html("/staff/dues/payments/new").await;
    assert!(page.contains("Member number or city name"));

    let by_name = app
        .post_form("/staff/dues/payments", &payment("ypres", &[]))
        .await;
    assert_eq!(by_name.status(), 303);
    let receipt = app.get_html(&location(&by_name)).await;
    assert!(receipt.contains("Ypres"));
    let by_native = app
        .post_form(
            "/staff/dues/payments",
            &payment("Ieper", &[("received_on", "2026-06-01")]),
        )
        .await;
    assert_eq!(by_native.status(), 303);

    let unknown = app
        .post_form("/staff/dues/payments", &payment("Atlantis", &[]))
        .await;
    assert_eq!(unknown.status(), 422);
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains("No member city has this name"));
}

#[tokio::test]
async fn the_year_report_explains_its_two_totals_and_its_chart_labels_have_rows_of_their_own() {
    let app = staff_app().await;
    registered_city(&app, &ypres(), false).await;
    let report = app.get_html("/staff/dues/reports?year=2026").await;
    assert!(
        report.contains("Received for the year:") && report.contains("Received during the year:")
    );
    assert!(report.contains("whenever it arrived"));

    let chart = report
        .split("id=\"share-chart\"")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .expect("the share chart");
    let label_rows: Vec<i64> = chart
        .split("<text ")
        .skip(1)
        .filter(|t| t.contains("text-anchor=\"end\""))
        .filter_map(|t| {
            let y = t.split("y=\"").nth(1)?.split('"').next()?;
            y.parse().ok()
        })
        .collect();
    assert!(label_rows.len() >= 2, "a label per continent: {chart}");
    for pair in label_rows.windows(2) {
        assert!(
            pair[1] - pair[0] >= 14,
            "labels a line apart, never on one line: {label_rows:?}"
        );
    }
}

// ------------------------------------------------------------ item 4: applications

const SIGNED_PDF: &[u8] = b"%PDF-1.7\n% council resolution, signed\n";

/// The applicant answers on the status page (multipart, with the CSRF token).
pub(crate) async fn answer(
    visitor: &reqwest::Client,
    app: &TestApp,
    status_path: &str,
    body: &str,
    file: Option<(&str, &[u8], &str)>,
) -> reqwest::Response {
    let token = csrf_token_on(visitor, &app.url(status_path)).await;
    let mut form = Form::new()
        .percent_encode_noop()
        .text("csrf_token", token)
        .text("body", body.to_string());
    if let Some((name, bytes, mime)) = file {
        form = form.part(
            "file",
            Part::bytes(bytes.to_vec())
                .file_name(name.to_string())
                .mime_str(mime)
                .unwrap(),
        );
    }
    visitor
        .post(app.url(&format!("{status_path}/reply")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_applicant_answers_with_the_signed_pdf_staff_are_told_and_only_they_and_the_applicant_open_it(
) {
    let app = staff_app().await;
    let (visitor, _) = app.new_browser();
    let response = apply(&visitor, &app, &ypres(), None).await;
    let status_path = location(&response);
    let id = application_id(&app, "Ypres").await;
    let question = "Please send the council resolution, signed.";
    app.post_ok(
        &format!("/staff/applications/{id}/request-information"),
        &[("note", question)],
    )
    .await;
    let detail = app.get_html(&format!("/staff/applications/{id}")).await;
    assert_eq!(
        detail.matches(question).count(),
        1,
        "the question shown once"
    );

    // A file that is not a PDF or an image is refused, and nothing is kept.
    let refused = answer(
        &visitor,
        &app,
        &status_path,
        "Here it is.",
        Some(("resolution.html", b"<html>not a pdf</html>", "text/html")),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Attach a PDF, PNG or JPEG file."));

    let answered = answer(
        &visitor,
        &app,
        &status_path,
        "Attached: resolution 2026/14.",
        Some(("Résolution signed.pdf", SIGNED_PDF, "application/pdf")),
    )
    .await;
    assert_eq!(answered.status(), 303);

    // Staff are told, and the queue says "answered".
    let told = queued(&app, "application").await;
    assert!(
        told.iter().any(|(to, subject, text)| to == ADMIN_EMAIL
            && subject.contains("Ypres answered your question")
            && text.contains("Résolution signed.pdf")),
        "{told:?}"
    );
    let queue = app.get_html("/staff/applications").await;
    assert!(
        queue.contains("class=\"badge badge-info answered\""),
        "{queue}"
    );

    // The file, for staff: a download with a safe name.
    let detail = app.get_html(&format!("/staff/applications/{id}")).await;
    let marker = format!("/staff/applications/{id}/files/");
    let file_id: i64 = detail
        .split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|id| id.parse().ok())
        .expect("a link to the attached file");
    let download = app.get(&format!("{marker}{file_id}")).await;
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment; filename=\"R_solution_signed.pdf\""));
    assert!(disposition.contains("filename*=UTF-8''R%C3%A9solution%20signed.pdf"));
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.bytes().await.unwrap().as_ref(), SIGNED_PDF);

    // For the applicant, through the status link; for nobody else.
    let own = visitor
        .get(app.url(&format!("{status_path}/files/{file_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    let (stranger, _) = app.new_browser();
    let staff_route = stranger
        .get(app.url(&format!("{marker}{file_id}")))
        .send()
        .await
        .unwrap();
    assert_ne!(staff_route.status(), 200);
    let guessed = stranger
        .get(app.url(&format!("/join/status/not-a-token/files/{file_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(guessed.status(), 404);
    // The letter of intent stays the letter of intent.
    assert_eq!(
        app.get(&format!("/staff/applications/{id}/letter.pdf"))
            .await
            .status(),
        404
    );
}
