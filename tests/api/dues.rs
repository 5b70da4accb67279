//! Voluntary dues: payments, receipts, reversals, bank statements, reminders
//! and reports, driven over HTTP as staff and cities use them.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use reqwest::multipart::{Form, Part};
use solidarity::audit::Actor;
use solidarity::auth::User;
use solidarity::db::DbError;
use solidarity::domain::Money;
use solidarity::dues::fiscal::FiscalYear;
use solidarity::dues::ledger::{self, NewPayment, ReceivedAmount};
use solidarity::dues::models::PaymentMethod;
use solidarity::schema::{dues_entries, dues_reminders, member_cities, outbox, users};

use crate::fixtures::*;
use crate::helpers::*;

fn hannover() -> Vec<(&'static str, &'static str)> {
    with(
        &ypres(),
        &[
            ("name_latin", "Hannover"),
            ("name_native", ""),
            ("country", "DE"),
            ("email", "frieden@hannover.example"),
            ("contact_name", "Anna Schmidt"),
        ],
    )
}

fn incheon() -> Vec<(&'static str, &'static str)> {
    with(
        &ypres(),
        &[
            ("name_latin", "Incheon"),
            ("name_native", "인천광역시"),
            ("country", "KR"),
            ("email", "peace@incheon.example"),
            ("contact_name", "Kim Minji"),
            ("language", "ko"),
        ],
    )
}

fn manchester() -> Vec<(&'static str, &'static str)> {
    with(
        &ypres(),
        &[
            ("name_latin", "Manchester"),
            ("name_native", ""),
            ("country", "GB"),
            ("email", "peace@manchester.example"),
            ("contact_name", "Sam Taylor"),
        ],
    )
}

/// The app with its first admin signed in; no mail workers unless asked.
async fn staff_app(mail_workers: &str) -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", mail_workers)]).await;
    app.create_first_admin().await;
    app
}

/// The bank details and contact address every reminder prints (issue #18):
/// without them reminders are not sent.
async fn set_payment_contact(app: &TestApp) {
    app.post_ok(
        "/admin/dues/payment-contact",
        &[
            (
                "bank_details",
                "Hiroshima Bank, Head Office\nAccount 1234567",
            ),
            ("contact", "dues@mayorsforpeace.example"),
        ],
    )
    .await;
}

/// The fiscal year (April to March) in which a city registered today becomes
/// a member: membership starts on the 1st of next month.
fn joining_fiscal_year() -> i32 {
    let today = solidarity::domain::clock::today();
    let next_month = if today.month() == 12 {
        NaiveDate::from_ymd_opt(today.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(today.year(), today.month() + 1, 1)
    }
    .unwrap();
    if next_month.month() >= 4 {
        next_month.year()
    } else {
        next_month.year() - 1
    }
}

/// A payment form as staff fill it in, with `changes` applied.
fn payment(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("member_number", "00001"),
        ("received_on", "2026-05-10"),
        ("amount", "2,000"),
        ("currency", "JPY"),
        ("rate", ""),
        ("method", "bank_transfer"),
        ("reference", ""),
        ("years", "2026"),
        ("note", ""),
    ]
    .iter()
    .filter(|(name, _)| !changes.iter().any(|(changed, _)| changed == name))
    .chain(changes.iter())
    .map(|(name, value)| (name.to_string(), value.to_string()))
    .collect();
    fields.sort();
    fields
}

async fn post_payment(app: &TestApp, changes: &[(&str, &str)]) -> reqwest::Response {
    let fields = payment(changes);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    app.post_form("/staff/dues/payments", &fields).await
}

/// Records a payment; returns the path of its receipt.
async fn pay(app: &TestApp, changes: &[(&str, &str)]) -> String {
    let response = post_payment(app, changes).await;
    assert_eq!(response.status(), 303, "the payment is recorded");
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/staff/dues/receipts/"), "{location}");
    location
}

fn today() -> String {
    solidarity::domain::clock::today().to_string()
}

fn text_between<'a>(html: &'a str, before: &str, after: &str) -> Option<&'a str> {
    let start = html.find(before)? + before.len();
    let end = html[start..].find(after)? + start;
    Some(&html[start..end])
}

fn receipt_number(html: &str) -> String {
    text_between(html, "id=\"receipt-number\">", "<")
        .expect("a receipt number")
        .to_string()
}

/// The status class of a fiscal year's row on a city's page (paid, partly_paid, …).
fn year_status(html: &str, year: i32) -> String {
    let row = &html[html
        .find(&format!("id=\"dues-year-{year}\""))
        .unwrap_or_else(|| panic!("a row for {year}"))..];
    text_between(row, "dues-status dues-status-", "\"")
        .unwrap()
        .to_string()
}

fn entry_id(receipt_path: &str) -> i64 {
    receipt_path.rsplit('/').next().unwrap().parse().unwrap()
}

/// Words that would tell a city its membership depends on paying.
const THREATENING: [&str; 8] = [
    "overdue",
    "arrears",
    "suspend",
    "terminat",
    "lapse",
    "inactive",
    "expel",
    "no longer a member",
];

fn assert_gentle(text: &str) {
    let lower = text.to_lowercase();
    for word in THREATENING {
        assert!(!lower.contains(word), "{word:?} in {text}");
    }
}

#[tokio::test]
async fn a_partial_payment_then_the_rest_makes_the_year_paid() {
    let app = staff_app("0").await;
    let city = registered_city(&app, &ypres(), false).await;

    let first = pay(&app, &[("amount", "1,000")]).await;
    let receipt = app.get_html(&first).await;
    assert_eq!(receipt_number(&receipt), "2026-0001");
    assert!(receipt.contains("¥1,000") && receipt.contains("Ypres"));
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2026), "partly_paid");

    let second = pay(&app, &[("amount", "1000"), ("received_on", "2026-06-01")]).await;
    assert_eq!(receipt_number(&app.get_html(&second).await), "2026-0002");
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2026), "paid");
    let overview = app.get_html("/staff/dues?year=2026&status=paid").await;
    assert!(overview.contains(&format!("id=\"dues-city-{city}\"")));
    assert!(app
        .get_html("/admin/audit?action=dues.payment")
        .await
        .contains("receipt 2026-0002"));

    // The receipt by email, on request; a double click sends it once.
    let receipt = app.get_html(&second).await;
    let request_id = hidden_value(&receipt, "request_id").unwrap();
    for _ in 0..2 {
        let sent = app
            .post_form(
                &format!("{second}/email"),
                &[("request_id", request_id.as_str())],
            )
            .await;
        assert_eq!(sent.status(), 303);
    }
    let emails: Vec<(String, String, String)> = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("dues_receipt"))
                .select((outbox::recipient_email, outbox::subject, outbox::text_body))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(emails.len(), 1);
    let (to, subject, text) = &emails[0];
    assert_eq!(to, "peace@ieper.example");
    assert_eq!(subject, "Receipt 2026-0002 for your voluntary contribution");
    assert!(text.contains("Amount: ¥1,000") && text.contains("FY2026"));
}

#[tokio::test]
async fn one_payment_covers_three_years() {
    let app = staff_app("0").await;
    let city = registered_city(&app, &ypres(), false).await;

    // An unknown member number: the form again, and nothing recorded.
    let unknown = post_payment(&app, &[("member_number", "00099")]).await;
    assert_eq!(unknown.status(), 422);
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains("No member city has this number."));

    let receipt_path = pay(&app, &[("amount", "6,000"), ("years", "2024-2026")]).await;
    let receipt = app.get_html(&receipt_path).await;
    assert_eq!(
        receipt_number(&receipt),
        "2026-0001",
        "no number was taken before"
    );
    for year in ["FY2024", "FY2025", "FY2026"] {
        assert!(receipt.contains(year), "the receipt lists {year}");
    }
    assert_eq!(receipt.matches("<td>¥2,000</td>").count(), 3, "{receipt}");
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    for year in [2024, 2025, 2026] {
        assert_eq!(year_status(&page, year), "paid", "FY{year}");
    }
}

#[tokio::test]
async fn a_dollar_payment_keeps_its_rate_and_yen_equivalent() {
    let app = staff_app("0").await;
    let city = registered_city(&app, &ypres(), false).await;

    let without_rate = post_payment(&app, &[("amount", "15.50"), ("currency", "USD")]).await;
    assert_eq!(without_rate.status(), 422);
    let form = without_rate.text().await.unwrap();
    assert!(form.contains("Please give the exchange rate for this currency."));
    assert!(form.contains("value=\"15.50\""), "what was typed is kept");

    let receipt_path = pay(
        &app,
        &[("amount", "15.50"), ("currency", "USD"), ("rate", "150.25")],
    )
    .await;
    let receipt = app.get_html(&receipt_path).await;
    assert!(
        receipt.contains("id=\"receipt-amount\">USD 15.50<"),
        "{receipt}"
    );
    assert!(receipt.contains("id=\"receipt-rate\">150.25<"));
    // 15.50 × 150.25 = 2,328.875 yen, rounded to 2,329.
    assert!(receipt.contains("id=\"receipt-yen\">¥2,329<"));
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2026), "paid");

    let stored: (i64, String, Option<String>, i64) = app
        .db
        .run(|conn| {
            Ok(dues_entries::table
                .select((
                    dues_entries::amount_minor,
                    dues_entries::currency,
                    dues_entries::exchange_rate,
                    dues_entries::amount_jpy,
                ))
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(stored, (1550, "USD".into(), Some("150.25".into()), 2329));

    let report = app.get_html("/staff/dues/reports?year=2026").await;
    assert!(report.contains("USD 15.50") && report.contains("¥2,329"));
}

#[tokio::test]
async fn a_reversal_corrects_a_payment_and_both_stay_in_the_ledger() {
    let app = staff_app("0").await;
    let city = registered_city(&app, &ypres(), false).await;
    let receipt_path = pay(&app, &[]).await;
    let entry = entry_id(&receipt_path);

    let no_reason = app
        .post_form(
            &format!("/staff/dues/entries/{entry}/reverse"),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status(), 303);
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert!(page.contains("Please give the reason for the reversal."));
    assert_eq!(year_status(&page, 2026), "paid");

    let reversed = app
        .post_form(
            &format!("/staff/dues/entries/{entry}/reverse"),
            &[("reason", "Recorded for the wrong city")],
        )
        .await;
    assert_eq!(reversed.status(), 303);
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2026), "unpaid");
    assert!(page.contains("Reversal") && page.contains("Recorded for the wrong city"));
    assert!(
        page.contains(&format!("id=\"dues-entry-{entry}\" class=\"reversed\"")),
        "the original stays, marked"
    );
    let receipt = app.get_html(&receipt_path).await;
    assert!(receipt.contains("the receipt is no longer valid"));

    let again = app
        .post_ok(
            &format!("/staff/dues/entries/{entry}/reverse"),
            &[("reason", "again")],
        )
        .await;
    assert_eq!(again, format!("/staff/members/{city}#dues"));
    assert!(app
        .get_html(&format!("/staff/members/{city}"))
        .await
        .contains("This entry has been reversed already."));
    let entries: i64 = app
        .db
        .run(|conn| Ok(dues_entries::table.count().get_result(conn)?))
        .await
        .unwrap();
    assert_eq!(entries, 2, "the payment and its one reversal");
    assert!(app
        .get_html("/admin/audit?action=dues.reverse")
        .await
        .contains("Recorded for the wrong city"));

    // A waiver is a ledger entry too, and reversible the same way.
    let waived = app
        .post_ok(
            &format!("/staff/dues/cities/{city}/waivers"),
            &[("years", "2025"), ("reason", "Earthquake relief")],
        )
        .await;
    assert_eq!(waived, format!("/staff/members/{city}#dues"));
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2025), "waived");
}

#[tokio::test]
async fn receipt_numbers_stay_gapless_when_payments_are_posted_at_once() {
    let app = staff_app("0").await;
    registered_city(&app, &ypres(), false).await;
    registered_city(&app, &hannover(), false).await;

    let token = app.csrf_token().await;
    let posts = (0..8).map(|i| {
        let number = if i % 2 == 0 { "00001" } else { "00002" };
        // The same amount on the same day: staff confirmed each (issue #18).
        let mut form = payment(&[("member_number", number), ("duplicate_ok", "yes")]);
        form.push(("csrf_token".into(), token.clone()));
        let client = app.client.clone();
        let url = app.url("/staff/dues/payments");
        async move { client.post(url).form(&form).send().await.unwrap() }
    });
    let responses = futures_util::future::join_all(posts).await;
    assert!(responses.iter().all(|r| r.status() == 303));

    let mut numbers: Vec<String> = app
        .db
        .run(|conn| {
            Ok(dues_entries::table
                .select(dues_entries::receipt_number.assume_not_null())
                .load(conn)?)
        })
        .await
        .unwrap();
    numbers.sort();
    let expected: Vec<String> = (1..=8).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn a_payment_rolled_back_gives_its_receipt_number_back() {
    let app = staff_app("0").await;
    registered_city(&app, &ypres(), false).await;
    let (actor, city_id): (User, i64) = app
        .db
        .run(|conn| {
            Ok((
                users::table.select(User::as_select()).first(conn)?,
                member_cities::table.select(member_cities::id).first(conn)?,
            ))
        })
        .await
        .unwrap();

    // Six writers at once; every third one fails after taking its number.
    let writes = (0..6).map(|i| {
        let actor = actor.clone();
        app.db.write(move |conn| {
            let settings = solidarity::dues::settings::load(conn)?;
            let payment = NewPayment {
                city_id,
                received_on: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                amount: ReceivedAmount::new(Money::jpy(2000), None).unwrap(),
                method: PaymentMethod::Cash,
                reference: None,
                note: None,
                years: vec![FiscalYear::new(2026)],
            };
            let by = Actor::user(&actor, None);
            let recorded = ledger::record_payment(conn, &payment, &settings, &by)?;
            if i % 3 == 2 {
                return Err(DbError::Query(diesel::result::Error::RollbackTransaction));
            }
            Ok(recorded.receipt_number.to_string())
        })
    });
    let outcomes = futures_util::future::join_all(writes).await;
    assert_eq!(outcomes.iter().filter(|o| o.is_err()).count(), 2);
    let mut committed: Vec<String> = outcomes.into_iter().filter_map(Result::ok).collect();
    committed.sort();
    assert_eq!(
        committed,
        ["2026-0001", "2026-0002", "2026-0003", "2026-0004"],
        "no number is skipped or given twice"
    );
    let next = pay(&app, &[("received_on", "2026-07-02")]).await;
    assert_eq!(receipt_number(&app.get_html(&next).await), "2026-0005");
}

#[tokio::test]
async fn reminders_are_gentle_go_once_per_window_and_skip_opted_out_cities() {
    let app = staff_app("0").await;
    let year = joining_fiscal_year();
    let year_text = year.to_string();
    let ypres_id = registered_city(&app, &ypres(), false).await;
    let hannover_id = registered_city(&app, &hannover(), false).await;
    let incheon_id = registered_city(&app, &incheon(), false).await;
    registered_city(&app, &manchester(), false).await;

    let today = today();
    pay(
        &app,
        &[
            ("member_number", "00001"),
            ("received_on", &today),
            ("years", &year_text),
        ],
    )
    .await;
    pay(
        &app,
        &[
            ("member_number", "00004"),
            ("amount", "1,000"),
            ("received_on", &today),
            ("years", &year_text),
        ],
    )
    .await;
    let turned_off = app
        .post_form(
            &format!("/staff/dues/cities/{hannover_id}/reminders"),
            &[("reminders", "off")],
        )
        .await;
    assert_eq!(turned_off.status(), 303);
    assert!(app
        .get_html(&format!("/staff/members/{hannover_id}"))
        .await
        .contains("This city does not want reminders."));

    let plan = app
        .get_html(&format!("/staff/dues/reminders?year={year}"))
        .await;
    assert!(plan.contains("2 cities will be reminded"), "{plan}");
    assert!(plan.contains("1 city has turned reminders off"));
    set_payment_contact(&app).await;
    let sent = app
        .post_form(
            "/staff/dues/reminders",
            &[("year", &year_text), ("confirm", "2")],
        )
        .await;
    assert_eq!(sent.status(), 303);

    let queued = queued_reminders(&app).await;
    let recipients: Vec<&str> = queued.iter().map(|(to, _, _)| to.as_str()).collect();
    assert_eq!(
        recipients,
        ["peace@incheon.example", "peace@manchester.example"],
        "not the city that paid, not the one that opted out"
    );
    let links: Vec<(i64, Option<i64>, Option<String>)> = app
        .db
        .run(|conn| {
            Ok(dues_reminders::table
                .left_join(outbox::table.on(dues_reminders::outbox_id.eq(outbox::id.nullable())))
                .select((
                    dues_reminders::id,
                    dues_reminders::outbox_id,
                    outbox::reference_id.nullable(),
                ))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(links.len(), 2);
    for (reminder, email, reference) in links {
        assert!(email.is_some(), "each reminder knows its email");
        assert_eq!(reference, Some(reminder.to_string()));
    }
    let (_, korean_subject, korean_text) = &queued[0];
    assert!(
        korean_subject.starts_with(&format!("{year}회계연도 평화시장회의 자발적 회비 안내")),
        "{korean_subject}"
    );
    assert!(korean_text.contains("회원 번호 00003"));
    let (_, subject, text) = &queued[1];
    assert!(subject.contains("an invitation to contribute"), "{subject}");
    assert!(text.contains("voluntary contribution of ¥2,000"), "{text}");
    assert!(text.contains("We have already received ¥1,000 for this year"));
    assert!(text.contains("remains a full member"));
    assert_gentle(text);

    // Within the window nobody is reminded twice.
    let again = app
        .post_form(
            "/staff/dues/reminders",
            &[("year", &year_text), ("confirm", "0")],
        )
        .await;
    assert_eq!(again.status(), 303);
    assert_eq!(queued_reminders(&app).await.len(), 2);
    let plan = app
        .get_html(&format!("/staff/dues/reminders?year={year}"))
        .await;
    assert!(plan.contains("2 cities were reminded recently"), "{plan}");
    assert!(app
        .get_html("/admin/audit?action=dues.reminders")
        .await
        .contains("2 reminders queued"));

    // An unpaid, reminded city is still an active member, and its pages say so.
    let page = app.get_html(&format!("/staff/members/{incheon_id}")).await;
    assert!(page.contains("Member number 00003 · Republic of Korea · active"));
    assert_eq!(year_status(&page, year), "unpaid");
    assert!(page.contains("remains a member with every right"));
    assert_gentle(&page);
    let status: String = app
        .db
        .run(move |conn| {
            Ok(member_cities::table
                .find(incheon_id)
                .select(member_cities::status)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(status, "active");
    app.logout().await;
    assert!(app.get_html("/members?q=incheon").await.contains("Incheon"));
    let _ = ypres_id;
}

#[tokio::test]
async fn a_city_sees_its_own_dues_and_turns_reminders_off_itself() {
    let app = staff_app("1").await;
    let year = joining_fiscal_year();
    let ypres_id = registered_city(&app, &ypres(), true).await;
    registered_city(&app, &hannover(), false).await;
    let (today, year_text) = (today(), year.to_string());
    let own_receipt = pay(&app, &[("received_on", &today), ("years", &year_text)]).await;
    let other_receipt = pay(
        &app,
        &[
            ("member_number", "00002"),
            ("received_on", &today),
            ("years", &year_text),
        ],
    )
    .await;

    let email = app
        .wait_for_email("To: \"Jan Peeters\" <peace@ieper.example>\r\nSubject: Your invitation")
        .await;
    let invitation = link_path(&email, "/invite/").unwrap();
    app.logout().await;
    app.get(&invitation).await;
    app.post_ok(
        &invitation,
        &[
            ("display_name", "Jan Peeters"),
            ("password", "Menin Gate 1927"),
            ("password_confirm", "Menin Gate 1927"),
        ],
    )
    .await;

    assert!(app.get_html("/city").await.contains("href=\"/city/dues\""));
    let dues = app.get_html("/city/dues").await;
    assert_eq!(year_status(&dues, year), "paid");
    assert!(dues.contains("your city remains a member whether or not it contributes"));
    assert!(dues.contains("please quote your member number 00001"));
    assert!(dues.contains("Member number 00001 · active"));
    assert_gentle(&dues);
    let city_receipt = own_receipt.replace("/staff/dues/", "/city/dues/");
    assert_eq!(app.get(&city_receipt).await.status(), 200);
    let other = other_receipt.replace("/staff/dues/", "/city/dues/");
    assert_eq!(app.get(&other).await.status(), 404, "not another city's");
    assert_eq!(app.get("/staff/dues").await.status(), 403);

    let off = app
        .post_form("/city/dues/reminders", &[("reminders", "off")])
        .await;
    assert_eq!(off.status(), 303);
    assert!(app
        .get_html("/city/dues")
        .await
        .contains("Your city receives no reminders about contributions."));

    app.logout().await;
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let audit = app.get_html("/admin/audit?action=dues.reminders_off").await;
    assert!(audit.contains("Ypres: dues reminders turned off"));
    let page = app.get_html(&format!("/staff/members/{ypres_id}")).await;
    assert!(page.contains("This city does not want reminders."));
}

#[tokio::test]
async fn an_opted_out_unpaid_city_gets_no_reminder() {
    let app = staff_app("0").await;
    let year = joining_fiscal_year().to_string();
    let city = registered_city(&app, &ypres(), false).await;
    app.post_ok(
        &format!("/staff/dues/cities/{city}/reminders"),
        &[("reminders", "off")],
    )
    .await;
    set_payment_contact(&app).await;
    let sent = app
        .post_ok(
            "/staff/dues/reminders",
            &[("year", &year), ("confirm", "0")],
        )
        .await;
    assert_eq!(sent, format!("/staff/dues/reminders?year={year}"));
    let reminders: i64 = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("dues_reminder"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(reminders, 0);
}

/// The reminders in the outbox: recipient, subject and text, oldest first.
async fn queued_reminders(app: &TestApp) -> Vec<(String, String, String)> {
    app.db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("dues_reminder"))
                .select((outbox::recipient_email, outbox::subject, outbox::text_body))
                .order(outbox::id.asc())
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// The review page's ticked rows, posted as a browser would send the form.
async fn post_ticked_rows(app: &TestApp, review_path: &str) -> reqwest::Response {
    let review = app.get_html(review_path).await;
    let mut fields: Vec<(String, String)> = Vec::new();
    for (start, _) in review.match_indices("name=\"post\" value=\"") {
        let rest = &review[start + "name=\"post\" value=\"".len()..];
        let id = rest.split('"').next().unwrap().to_string();
        let tag_end = rest.find('>').unwrap();
        if !rest[..tag_end].contains("checked") {
            continue;
        }
        for field in ["number", "years"] {
            let name = format!("{field}_{id}");
            let value = text_between(&review, &format!("name=\"{name}\""), ">")
                .and_then(|attributes| text_between(attributes, "value=\"", "\""))
                .unwrap_or_default()
                .to_string();
            fields.push((name, value));
        }
        fields.push(("post".into(), id));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let action = format!("{review_path}/post");
    submit(&app.client, &app.address, review_path, &action, &fields).await
}

async fn upload_statement(app: &TestApp, csv: &str) -> String {
    let token = app.csrf_token().await;
    let form = Form::new().text("csrf_token", token).part(
        "statement",
        Part::bytes(csv.as_bytes().to_vec())
            .file_name("statement-2026-06.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let response = app
        .client
        .post(app.url("/staff/dues/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_bank_statement_is_matched_reviewed_and_posted() {
    let app = staff_app("0").await;
    let ypres_id = registered_city(&app, &ypres(), false).await;
    let hannover_id = registered_city(&app, &hannover(), false).await;
    let statement = "Date,Amount,Currency,Description\n\
        2026-05-12,\"2,000\",JPY,MEMBER 00001 PEACE CONTRIBUTION\n\
        2026-06-01,2000,JPY,STADT HANNOVER FRIEDENSBUERO\n\
        2026-06-02,2000,JPY,UNKNOWN PAYER\n\
        2026-06-03,lots,JPY,BROKEN ROW\n";

    let review_path = upload_statement(&app, statement).await;
    assert!(review_path.starts_with("/staff/dues/import/"));
    let review = app.get_html(&review_path).await;
    assert!(review.contains("Ypres") && review.contains("(member number)"));
    assert!(review.contains("Hannover") && review.contains("(name)"));
    assert!(review.contains("UNKNOWN PAYER") && review.contains("no city found"));
    assert!(review.contains("The amount could not be read"));

    let posted = post_ticked_rows(&app, &review_path).await;
    assert_eq!(posted.status(), 303);
    assert_eq!(posted.headers()["location"], review_path.as_str());
    let review = app.get_html(&review_path).await;
    assert!(review.contains("2 payments posted."), "{review}");
    assert!(review.contains(">2026-0001</a>") && review.contains(">2026-0002</a>"));
    assert!(
        review.contains("UNKNOWN PAYER") && review.contains("no city found"),
        "the unmatched row stays listed"
    );
    for city in [ypres_id, hannover_id] {
        let page = app.get_html(&format!("/staff/members/{city}")).await;
        assert_eq!(year_status(&page, 2026), "paid");
    }

    let imports = app.get_html("/staff/dues/import").await;
    assert!(imports.contains("statement-2026-06.csv"));
    assert!(
        imports.contains("<td>4</td>\n      <td>2</td>\n      <td>1</td>"),
        "4 rows, 2 posted, 1 without a city: {imports}"
    );

    // The same statement again: its rows are flagged and not ticked.
    let again = upload_statement(&app, statement).await;
    let review = app.get_html(&again).await;
    assert_eq!(
        review
            .matches("A payment with this date and amount is recorded already")
            .count(),
        2
    );
    assert!(!review.contains(" checked>"));
    assert!(app
        .get_html("/admin/audit?action=dues.import")
        .await
        .contains("4 rows, 2 matched to a city"));
}

#[tokio::test]
async fn the_report_shows_who_contributed_by_continent_with_a_chart_and_a_csv() {
    let app = staff_app("0").await;
    let year = joining_fiscal_year();
    registered_city(&app, &ypres(), false).await;
    registered_city(&app, &incheon(), false).await;
    let year_text = year.to_string();
    pay(&app, &[("received_on", &today()), ("years", &year_text)]).await;

    let report = app
        .get_html(&format!("/staff/dues/reports?year={year}"))
        .await;
    assert!(
        report.contains("1 of 2 cities asked have paid (50%)"),
        "{report}"
    );
    assert!(report.contains("<svg class=\"chart\""));
    assert!(!report.contains("style="), "the CSP forbids inline styles");
    let europe = &report[report.find(">Europe</th>").unwrap()..];
    assert!(
        europe.starts_with(">Europe</th>\n      <td>1</td>\n      <td>1</td>\n      <td>100%</td>")
    );

    let csv = app
        .get(&format!("/staff/dues/reports.csv?year={year}"))
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "fiscal_year,member_number,city,city_native,country_code,continent,status,fee_jpy,paid_jpy"
    );
    assert_eq!(
        lines[1],
        format!("{year},00001,Ypres,Ieper,BE,europe,paid,2000,2000")
    );
    assert_eq!(
        lines[2],
        format!("{year},00002,Incheon,인천광역시,KR,asia,unpaid,2000,0")
    );

    let dashboard = app.get_html("/staff").await;
    assert!(dashboard.contains("id=\"dashboard-dues\""));
    if dashboard.contains(&format!("FY{year}")) {
        assert!(dashboard.contains("1 of 2 cities asked have paid (50%)"));
    }
}

#[tokio::test]
async fn admins_change_the_fee_and_earlier_years_keep_theirs() {
    let app = staff_app("0").await;
    let city = registered_city(&app, &ypres(), false).await;
    pay(&app, &[("years", "2024"), ("received_on", "2024-06-01")]).await;

    let saved = app
        .post_form(
            "/admin/dues/settings",
            &[
                ("fee_jpy", "3,000"),
                ("first_month", "4"),
                ("reminder_interval_days", "90"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert_eq!(year_status(&page, 2024), "paid", "FY2024 keeps its ¥2,000");
    let current = &page[page
        .find(&format!("id=\"dues-year-{}\"", joining_fiscal_year()))
        .unwrap()..];
    assert!(
        current.contains("¥3,000"),
        "the current year asks the new fee"
    );
    let audit = app.get_html("/admin/audit?action=settings.dues").await;
    assert!(audit.contains("fee JPY: 2000 → 3000; reminder interval days: 180 → 90"));

    let refused = app
        .post_form(
            "/admin/dues/settings",
            &[
                ("fee_jpy", "lots"),
                ("first_month", "13"),
                ("reminder_interval_days", "0"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    assert!(app
        .get_html("/staff/dues")
        .await
        .contains("Please give a contribution in whole yen"));
}
