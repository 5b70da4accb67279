//! Fixtures every test file may use: member cities, applications, accounts in
//! browsers of their own, exhibitions and poster sets, letters, petitions.
//! Test files take their fixtures from here, never from each other.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use diesel::prelude::*;
use reqwest::cookie::Jar;
use reqwest::multipart::{Form, Part};
use solidarity::auth::Role;
use solidarity::membership::cities::{self, NewCity};
use solidarity::membership::models::{JoinPrecision, MembershipStatus, RoleKind};
use solidarity::schema::member_cities;

use crate::helpers::*;

// ------------------------------------------------------------ from exhibitions

pub const PASSWORD: &str = "Genbaku Dome 1945";

/// A signed-in browser of its own.
pub struct Browser {
    pub(crate) client: reqwest::Client,
    pub(crate) address: String,
}

impl Browser {
    pub(crate) async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap()
    }

    #[must_use = "check the answer's status (and where it redirects)"]
    pub(crate) async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        submit(&self.client, &self.address, "/", path, fields).await
    }
}

/// A user of `role` (for `city_id`), signed in in a new browser.
pub async fn signed_in(app: &TestApp, email: &str, role: Role, city_id: Option<i64>) -> Browser {
    create_account(app, email, PASSWORD, role, city_id).await;
    let jar = Arc::new(Jar::default());
    let browser = Browser {
        client: client_with(jar),
        address: app.address.clone(),
    };
    let response = browser
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status(), 303, "signed in");
    browser
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

pub fn id_of(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// Staff register an exhibition for a member city; returns its id.
pub async fn register(
    app: &TestApp,
    number: &str,
    title: &str,
    starts: &str,
    ends: &str,
    extra: &[(&str, &str)],
) -> i64 {
    let mut fields = vec![
        ("member_number", number),
        ("title", title),
        ("venue", "City Hall"),
        ("address", "1 Main Street"),
        ("starts_on", starts),
        ("ends_on", ends),
        ("poster_language", "en"),
        ("format", "loan"),
        ("publish", "yes"),
    ];
    fields.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
    fields.extend_from_slice(extra);
    let response = app.post_form("/staff/exhibitions", &fields).await;
    assert_eq!(
        response.status(),
        303,
        "registered: {}",
        response.text().await.unwrap()
    );
    id_of(&location(&response))
}

pub async fn add_set(app: &TestApp, code: &str, language: &str) -> i64 {
    let response = app
        .post_form(
            "/staff/poster-sets",
            &[
                ("code", code),
                ("language", language),
                ("size", "B2"),
                ("panels", "30"),
                ("condition", "good"),
                ("location", "Hiroshima"),
                ("status", "in_service"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html("/staff/poster-sets").await;
    let marker = "href=\"/staff/poster-sets/";
    page.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &page[i + marker.len()..];
            let (id, after) = rest.split_once('"')?;
            after
                .starts_with(&format!(">{code}<"))
                .then(|| id.parse().ok())?
        })
        .next()
        .expect("the set is listed")
}

// ------------------------------------------------------------ from letters

/// A member city to put in the database directly.
pub struct City {
    pub name: &'static str,
    pub country: &'static str,
    pub mayor: &'static str,
    pub email: Option<&'static str>,
    pub role: Option<RoleKind>,
    pub active: bool,
}

impl City {
    #[allow(dead_code)]
    pub const fn new(name: &'static str, country: &'static str, email: &'static str) -> City {
        City {
            name,
            country,
            mayor: "",
            email: Some(email),
            role: None,
            active: true,
        }
    }

    pub const fn officer(
        name: &'static str,
        country: &'static str,
        mayor: &'static str,
        email: &'static str,
        role: RoleKind,
    ) -> City {
        City {
            name,
            country,
            mayor,
            email: Some(email),
            role: Some(role),
            active: true,
        }
    }
}

/// Inserts the cities (joined in 2010) with their roles; returns their ids in order.
pub async fn seed_cities(app: &TestApp, list: Vec<City>) -> Vec<i64> {
    app.db
        .write(move |conn| {
            let first = cities::next_member_number(conn)?;
            let joined = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
            let rows: Vec<NewCity> = list
                .iter()
                .enumerate()
                .map(|(i, c)| NewCity {
                    member_number: first + i as i32,
                    name_latin: c.name,
                    name_native: None,
                    country_code: c.country,
                    province: None,
                    mayor_name: (!c.mayor.is_empty()).then_some(c.mayor),
                    mayor_title: Some("Mayor"),
                    contact_name: None,
                    email: c.email,
                    phone: None,
                    postal_address: None,
                    website: None,
                    population: None,
                    language: "en",
                    join_date: joined,
                    join_precision: JoinPrecision::Day,
                    status: if c.active {
                        MembershipStatus::Active
                    } else {
                        MembershipStatus::Withdrawn
                    },
                    withdrawn_on: (!c.active).then_some(joined),
                    withdrawal_reason: None,
                    application_id: None,
                    demo: false,
                })
                .collect();
            cities::insert_many(conn, &rows, None)?;
            let mut ids = Vec::new();
            for (i, city) in list.iter().enumerate() {
                let id: i64 = member_cities::table
                    .filter(member_cities::member_number.eq(first + i as i32))
                    .select(member_cities::id)
                    .first(conn)?;
                if let Some(role) = city.role {
                    cities::add_role(conn, id, role, joined, None)?;
                }
                ids.push(id);
            }
            Ok(ids)
        })
        .await
        .unwrap()
}

/// The president and three vice-presidents of Table 5, with addresses.
pub fn officers() -> Vec<City> {
    vec![
        City::officer(
            "Hiroshima",
            "JP",
            "Kazumi Matsui",
            "mayor@city.hiroshima.example",
            RoleKind::President,
        ),
        City::officer(
            "Nagasaki",
            "JP",
            "Shiro Suzuki",
            "mayor@city.nagasaki.example",
            RoleKind::VicePresident,
        ),
        City::officer(
            "Hannover",
            "DE",
            "Belit Onay",
            "mayor@hannover.example",
            RoleKind::VicePresident,
        ),
        City::officer(
            "Ypres",
            "BE",
            "Emmily Talpe",
            "mayor@ypres.example",
            RoleKind::VicePresident,
        ),
    ]
}

pub const EMBASSY: &str = "ambassador@usembassy.example";

pub fn letter_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "letter"),
        ("target_country", "US"),
        ("occasion", "Subcritical nuclear test"),
        ("occasion_on", "2026-11-10"),
        ("addressee_name", "The President of the United States"),
        ("addressee_title", "The White House"),
        ("addressee_emails", EMBASSY),
        ("subject", "Protest against the subcritical nuclear test"),
        (
            "body_markdown",
            "We protest the test in the name of the hibakusha.\n\nWe call on you to stop testing.",
        ),
        (
            "signatories",
            "Kazumi Matsui, Mayor of Hiroshima, President\nShiro Suzuki, Mayor of Nagasaki, Vice-President",
        ),
        ("language", "en"),
        ("approval_rule", "president_and_majority"),
        ("review_deadline", ""),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

/// Creates a letter; returns its staff path.
pub async fn create_letter(app: &TestApp, changes: &[(&str, &str)]) -> String {
    let response = app.post_form("/staff/letters", &letter_form(changes)).await;
    assert_eq!(response.status(), 303, "the letter is created");
    response.headers()["location"].to_str().unwrap().to_string()
}

// ------------------------------------------------------------ from petitions

pub const FAST_COUNTS: (&str, &str) = ("PETITION_RECOUNT_SECONDS", "1");

/// Staff publish an open petition; returns its public path.
pub async fn open_petition(app: &TestApp) -> String {
    let today = solidarity::domain::clock::today();
    let created = app
        .post_form(
            "/staff/petitions",
            &[
                ("language", "en"),
                ("title", "Join the Treaty on the Prohibition of Nuclear Weapons"),
                ("slug", "tpnw"),
                ("addressee", "All states"),
                ("body_markdown", "The **hibakusha** ask every state to join the TPNW.\n\n<script>alert(1)</script>"),
                ("goal", "1,000"),
                ("opens_on", &today.to_string()),
                ("closes_on", &(today + chrono::Duration::days(30)).to_string()),
                ("status", "open"),
                ("retention_days", "180"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303, "the petition is created");
    "/petitions/tpnw".to_string()
}

/// Signs in a fresh browser; returns the response to the POST.
pub async fn sign(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let (browser, _) = app.new_browser();
    submit(
        &browser,
        &app.address,
        "/petitions/tpnw",
        "/petitions/tpnw/sign",
        fields,
    )
    .await
}

/// Signs in a fresh browser and checks the answer: the page after signing, with `outcome`.
pub async fn sign_ok(app: &TestApp, fields: &[(&str, &str)], outcome: &str) {
    let response = sign(app, fields).await;
    assert_eq!(response.status(), 303, "signed");
    assert_eq!(
        response.headers()["location"],
        format!("/petitions/tpnw/signed?outcome={outcome}").as_str()
    );
}

/// Presses the button on the page an emailed link opens (confirm or withdraw),
/// in `browser`, as its owner would.
pub async fn press_link_button(
    app: &TestApp,
    browser: &reqwest::Client,
    link: &str,
) -> reqwest::Response {
    submit(browser, &app.address, link, link, &[]).await
}

/// Confirms a signature through its emailed link, in a fresh browser.
pub async fn confirm_by_link(app: &TestApp, link: &str) {
    let (browser, _) = app.new_browser();
    let confirmed = press_link_button(app, &browser, link).await;
    assert_eq!(confirmed.status(), 303, "confirmed");
    assert_eq!(confirmed.headers()["location"], "/petitions/tpnw");
}

pub fn signer(name: &'static str, email: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", name),
        ("country", "JP"),
        ("city", "Hiroshima"),
        ("email", email),
        ("consent", "yes"),
    ]
}

/// The count as the public page shows it, once the recount has caught up.
pub async fn count_reaches(app: &TestApp, expected: &str) -> String {
    for _ in 0..100 {
        let html = app.get_html("/petitions/tpnw").await;
        if html.contains(&format!(
            "<p class=\"big-number\" id=\"signature-count\">{expected}</p>"
        )) {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the count never reached {expected}");
}

pub async fn verification_link(app: &TestApp, email: &str) -> String {
    let message = app.wait_for_email(&format!("<{email}>")).await;
    link_path(&message, "/sign/verify/").expect("a verification link")
}

// ------------------------------------------------------------ from membership

/// The fields of a complete application for Ypres, Belgium.
pub fn ypres() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name_latin", "Ypres"),
        ("name_native", "Ieper"),
        ("country", "BE"),
        ("province", "West Flanders"),
        ("population", "35,000"),
        ("website", "www.ieper.be"),
        ("mayor_name", "Emmily Talpe"),
        ("mayor_title", "Mayor"),
        ("contact_name", "Jan Peeters"),
        ("email", "peace@ieper.example"),
        ("phone", "+32 57 45 18 00"),
        ("postal_address", "Grote Markt 34\n8900 Ieper"),
        ("message", "Ypres, city of peace, wishes to join."),
        ("language", "en"),
    ]
}

pub fn with(
    fields: &[(&'static str, &'static str)],
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut fields: Vec<_> = fields
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    fields.extend_from_slice(changes);
    fields
}

/// Submits the application form as a browser would (multipart, with the CSRF token).
pub async fn apply(
    client: &reqwest::Client,
    app: &TestApp,
    fields: &[(&str, &str)],
    letter: Option<Vec<u8>>,
) -> reqwest::Response {
    let page = client
        .get(app.url("/join"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = hidden_value(&page, "csrf_token").expect("the form has a CSRF token");
    let mut form = Form::new().text("csrf_token", token);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some(bytes) = letter {
        form = form.part(
            "letter",
            Part::bytes(bytes)
                .file_name("intent.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    }
    client
        .post(app.url("/join"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// An applicant in their own browser; returns the status page's path.
pub async fn apply_as_visitor(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let (visitor, _) = app.new_browser();
    let response = apply(&visitor, app, fields, None).await;
    assert_eq!(response.status(), 303, "the application is accepted");
    response.headers()["location"].to_str().unwrap().to_string()
}

pub async fn application_id(app: &TestApp, name: &str) -> i64 {
    let queue = app.get_html("/staff/applications?status=all").await;
    let marker = format!("<td>{name}");
    let position = queue
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} is in the queue"));
    let before = &queue[..position];
    let start = before
        .rfind("/staff/applications/")
        .unwrap_or_else(|| panic!("a link to the application of {name}"))
        + "/staff/applications/".len();
    before[start..].split('"').next().unwrap().parse().unwrap()
}

pub async fn register_all(app: &TestApp, invite_contacts: bool) {
    // Staff confirm the number of requests the page shows (issue #18).
    let page = app.get_html("/staff/registration").await;
    let confirm = hidden_value(&page, "confirm").unwrap_or_default();
    let mut fields = vec![("confirm", confirm.as_str())];
    if invite_contacts {
        fields.push(("invite_contacts", "yes"));
    }
    let response = app.post_form("/staff/registration", &fields).await;
    assert_eq!(response.status(), 303);
}

pub async fn member_page_id(app: &TestApp, name: &str) -> i64 {
    let directory = app.get_html(&format!("/staff/members?q={name}")).await;
    directory
        .match_indices("href=\"/staff/members/")
        .find_map(|(i, m)| directory[i + m.len()..].split('"').next()?.parse().ok())
        .expect("a link to the member's page")
}

/// Admin signed in, one city approved and registered; returns the city's id.
pub async fn registered_city(app: &TestApp, fields: &[(&str, &str)], invite_contacts: bool) -> i64 {
    apply_as_visitor(app, fields).await;
    let name = fields.iter().find(|(k, _)| *k == "name_latin").unwrap().1;
    let id = application_id(app, name).await;
    assert_eq!(
        app.post_form(&format!("/staff/applications/{id}/approve"), &[])
            .await
            .status(),
        303
    );
    register_all(app, invite_contacts).await;
    member_page_id(app, name).await
}
