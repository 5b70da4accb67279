//! Issue 22, items 2, 3, 4 and 6: the client address behind proxies, sign-in
//! throttling that cannot lock an owner out, two-step sign-in (TOTP and
//! recovery codes), breached passwords, sessions that end on the server, the
//! idle timeout, and the HSTS and no-store headers.

use chrono::Duration;
use diesel::prelude::*;
use solidarity::auth::Role;
use solidarity::schema::{login_failures, user_sessions};

use crate::helpers::*;

const PROXY: &[(&str, &str)] = &[("TRUSTED_PROXIES", "127.0.0.1")];

/// Signs in with a password from the client address `forwarded_for` (as the
/// proxy reports it), in a browser of its own.
async fn login_from(
    app: &TestApp,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let (browser, _) = app.new_browser();
    let token = csrf_token_on(&browser, &app.url("/login")).await;
    browser
        .post(app.url("/login"))
        .header("X-Forwarded-For", forwarded_for)
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("POST")
}

/// Moves every failed sign-in `minutes` into the past (instead of waiting).
async fn age_failures(app: &TestApp, minutes: i64) {
    app.db
        .write(move |conn| {
            let then = solidarity::domain::clock::now() - Duration::minutes(minutes);
            diesel::update(login_failures::table)
                .set(login_failures::failed_at.eq(then))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn failure_addresses(app: &TestApp) -> Vec<Option<String>> {
    app.db
        .run(|conn| {
            Ok(login_failures::table
                .select(login_failures::client_ip)
                .order(login_failures::id.asc())
                .load(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
    let app = spawn_app().await;
    let refused = login_from(&app, "203.0.113.9", "nobody@example.org", "guess guess").await;
    assert_eq!(refused.status(), 401);
    assert_eq!(
        failure_addresses(&app).await,
        vec![Some("127.0.0.1".into())]
    );
}

#[tokio::test]
async fn through_a_trusted_proxy_the_rightmost_untrusted_address_counts() {
    let app = spawn_app_with(TestDatabase::fresh(), PROXY).await;
    app.create_first_admin().await;
    // The client wrote the left part; the proxy appended the address it saw.
    let spoofed = login_from(
        &app,
        "198.51.100.1, 203.0.113.9",
        ADMIN_EMAIL,
        "guess guess",
    )
    .await;
    assert_eq!(spoofed.status(), 401);
    // A value that is not an address is never taken, nor stored.
    let garbage = login_from(&app, "<b>x</b>", ADMIN_EMAIL, "guess guess").await;
    assert_eq!(garbage.status(), 401);
    assert_eq!(
        failure_addresses(&app).await,
        vec![Some("203.0.113.9".into()), Some("127.0.0.1".into())]
    );
    let page = app.get_html("/admin/sign-in-failures").await;
    assert!(page.contains("203.0.113.9"));
    assert!(!page.contains("198.51.100.1") && !page.contains("<b>x"));

    // Rotating the client-written part changes nothing: one address, slowed.
    for n in 0..10 {
        let email = format!("sprayed{n}@example.org");
        let forwarded = format!("192.0.2.{n}, 203.0.113.50");
        let response = login_from(&app, &forwarded, &email, "Summer2026!").await;
        assert_eq!(response.status(), 401, "attempt {n}");
    }
    let slowed = login_from(
        &app,
        "192.0.2.99, 203.0.113.50",
        "x@example.org",
        "Summer2026!",
    )
    .await;
    assert_eq!(slowed.status(), 429);
}

#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_keep_the_owner_out() {
    let app = spawn_app_with(TestDatabase::fresh(), PROXY).await;
    app.create_first_admin().await;
    for _ in 0..5 {
        let guess = login_from(&app, "203.0.113.66", ADMIN_EMAIL, "guess guess guess").await;
        assert_eq!(guess.status(), 401);
    }
    // More guesses while the account waits are refused unchecked and not counted.
    for _ in 0..3 {
        let hammered = login_from(&app, "203.0.113.66", ADMIN_EMAIL, "guess guess guess").await;
        assert_eq!(hammered.status(), 429);
    }
    assert_eq!(failure_addresses(&app).await.len(), 5);

    // The owner, elsewhere, is asked to wait seconds (not locked out) ...
    let owner = login_from(&app, "198.51.100.7", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(owner.status(), 429);
    let page = owner.text().await.unwrap();
    assert!(page.contains("try again in 5 seconds"), "{page}");
    // ... and once that short wait is over, signs in.
    age_failures(&app, 2).await;
    let owner = login_from(&app, "198.51.100.7", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(owner.status(), 303);
    assert_eq!(owner.headers()["location"], "/staff");
}

#[tokio::test]
async fn spraying_one_password_across_accounts_from_one_address_is_slowed() {
    let app = spawn_app_with(TestDatabase::fresh(), PROXY).await;
    app.create_first_admin().await;
    for n in 0..10 {
        let email = format!("staff{n}@pcf.city.hiroshima.jp");
        let response = login_from(&app, "203.0.113.80", &email, "Hiroshima2026").await;
        assert_eq!(response.status(), 401, "account {n}");
    }
    let next = login_from(
        &app,
        "203.0.113.80",
        "staff10@pcf.city.hiroshima.jp",
        "Hiroshima2026",
    )
    .await;
    assert_eq!(next.status(), 429, "the eleventh account in a row waits");
    assert!(next.text().await.unwrap().contains("try again in"));
    // Nobody else is slowed by it.
    let owner = login_from(&app, "198.51.100.7", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(owner.status(), 303);
    // Admins see who failed, from where.
    let page = app.get_html("/admin/sign-in-failures").await;
    assert!(page.contains("203.0.113.80"));
    assert!(page.contains("staff3@pcf.city.hiroshima.jp"));
}

/// The secret shown on an enrolment page.
fn shown_secret(html: &str) -> String {
    let start = html
        .find("id=\"two-factor-secret\">")
        .expect("the secret as text")
        + "id=\"two-factor-secret\">".len();
    html[start..start + html[start..].find('<').unwrap()].replace(' ', "")
}

/// The code an authenticator app shows for `secret`, `offset` seconds from now.
fn code(secret: &str, offset: i64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .expect("base32 secret");
    let totp = totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes).expect("totp");
    let now = chrono::Utc::now().timestamp() + offset;
    totp.generate(u64::try_from(now).unwrap())
}

fn recovery_codes(html: &str) -> Vec<String> {
    let list = &html[html.find("id=\"recovery-codes\"").expect("the codes")..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("<code>")
        .skip(1)
        .map(|part| part[..part.find("</code>").unwrap()].to_string())
        .collect()
}

async fn post_code(app: &TestApp, code: &str) -> reqwest::Response {
    app.post_form("/login/code", &[("code", code)]).await
}

#[tokio::test]
async fn an_admin_enrols_an_authenticator_and_signs_in_with_its_codes() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("TWO_FACTOR_REQUIRED", "admin")]).await;
    app.create_first_admin().await;
    // The new admin is not signed in until the app is set up.
    assert_eq!(app.get("/staff").await.status(), 303);
    let enrol = app.get_html("/login/enrol").await;
    assert!(
        enrol.contains("<img src=\"data:image/svg+xml;base64,"),
        "a QR code drawn here"
    );
    let secret = shown_secret(&enrol);
    let wrong = app.post_form("/login/enrol", &[("code", "12345")]).await;
    assert_eq!(wrong.status(), 422);
    let done = app
        .post_form("/login/enrol", &[("code", &code(&secret, 0))])
        .await;
    assert_eq!(done.status(), 200);
    let codes = recovery_codes(&done.text().await.unwrap());
    assert_eq!(codes.len(), 10);
    assert_eq!(app.get("/staff").await.status(), 200);
    app.logout().await;

    // The password alone no longer signs in.
    let password = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(password.status(), 303);
    assert_eq!(password.headers()["location"], "/login/code");
    assert_eq!(app.get("/staff").await.status(), 303);
    let bad = post_code(&app, "not a code").await;
    assert_eq!(bad.status(), 401);
    // A code of the next step (the one used at enrolment cannot be used again).
    let good = post_code(&app, &code(&secret, 30)).await;
    assert_eq!(good.status(), 303);
    assert_eq!(good.headers()["location"], "/staff");
    assert_eq!(app.get("/staff").await.status(), 200);
    app.logout().await;

    // A recovery code works once.
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 303);
    assert_eq!(
        post_code(&app, &codes[0].to_uppercase()).await.status(),
        303
    );
    app.logout().await;
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 303);
    assert_eq!(post_code(&app, &codes[0]).await.status(), 401, "used up");
    assert_eq!(post_code(&app, &codes[1]).await.status(), 303);
    let audit = app.get_html("/admin/audit").await;
    assert!(audit.contains("Signed in with a recovery code"));
}

#[tokio::test]
async fn an_admin_without_a_second_factor_is_sent_to_set_one_up() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("TWO_FACTOR_REQUIRED", "admin")]).await;
    create_account(
        &app,
        "admin2@pcf.city.hiroshima.jp",
        ADMIN_PASSWORD,
        Role::Admin,
        None,
    )
    .await;
    create_account(
        &app,
        "staff@pcf.city.hiroshima.jp",
        ADMIN_PASSWORD,
        Role::Staff,
        None,
    )
    .await;
    let admin = app
        .login("admin2@pcf.city.hiroshima.jp", ADMIN_PASSWORD)
        .await;
    assert_eq!(admin.status(), 303);
    assert_eq!(admin.headers()["location"], "/login/enrol");
    assert_eq!(app.get("/staff").await.status(), 303, "not signed in yet");
    // Staff are not required to under this setting ...
    let (browser, _) = app.new_browser();
    let staff = submit(
        &browser,
        &app.address,
        "/login",
        "/login",
        &[
            ("email", "staff@pcf.city.hiroshima.jp"),
            ("password", ADMIN_PASSWORD),
        ],
    )
    .await;
    assert_eq!(staff.headers()["location"], "/staff");
    // ... but are with TWO_FACTOR_REQUIRED=staff.
    let (database, _) = app.stop().await;
    let app = spawn_app_with(database, &[("TWO_FACTOR_REQUIRED", "staff")]).await;
    let staff = app
        .login("staff@pcf.city.hiroshima.jp", ADMIN_PASSWORD)
        .await;
    assert_eq!(staff.headers()["location"], "/login/enrol");
}

#[tokio::test]
async fn another_admin_resets_a_lost_device() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    // The first admin sets up an app from their account page.
    let secret = shown_secret(&app.get_html("/account/two-factor").await);
    let enrolled = app
        .post_form("/account/two-factor", &[("code", &code(&secret, 0))])
        .await;
    assert_eq!(enrolled.status(), 200);
    let users = app.get_html("/admin/users").await;
    assert!(
        !users.contains("/two-factor/reset\""),
        "no reset of one's own"
    );
    let me = app
        .db
        .run(|conn| {
            use solidarity::schema::users;
            Ok(users::table
                .filter(users::email.eq(ADMIN_EMAIL))
                .select(users::id)
                .first::<i64>(conn)?)
        })
        .await
        .unwrap();
    let own = app
        .post_form(&format!("/admin/users/{me}/two-factor/reset"), &[])
        .await;
    assert_eq!(own.status(), 303);
    assert!(app
        .get_html("/admin/users")
        .await
        .contains("Ask another admin"));
    app.logout().await;

    create_account(
        &app,
        "admin2@pcf.city.hiroshima.jp",
        ADMIN_PASSWORD,
        Role::Admin,
        None,
    )
    .await;
    assert_eq!(
        app.login("admin2@pcf.city.hiroshima.jp", ADMIN_PASSWORD)
            .await
            .status(),
        303
    );
    let reset = app
        .post_form(&format!("/admin/users/{me}/two-factor/reset"), &[])
        .await;
    assert_eq!(reset.status(), 303);
    let audit = app.get_html("/admin/audit").await;
    assert!(
        audit.contains("Reset a user&#x27;s two-step sign-in") || audit.contains("Reset a user")
    );
    app.logout().await;
    // The first admin signs in without a code again.
    let back = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(back.headers()["location"], "/staff");
}

#[tokio::test]
async fn common_and_breached_passwords_are_refused() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    for weak in ["password1234", "Qwertyuiop", "Dragon2024!"] {
        let response = app
            .post_form(
                "/account/password",
                &[
                    ("current_password", ADMIN_PASSWORD),
                    ("password", weak),
                    ("password_confirm", weak),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{weak}");
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("on a list of common or leaked passwords"));
    }
    let invitation = app
        .invite("staff@pcf.city.hiroshima.jp", "Aiko Tanaka", "staff")
        .await;
    app.logout().await;
    let refused = app
        .post_form(
            &invitation,
            &[
                ("display_name", "Aiko Tanaka"),
                ("password", "1q2w3e4r5t"),
                ("password_confirm", "1q2w3e4r5t"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn a_copied_cookie_stops_working_after_logout() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let copied = app.session_cookie().expect("a session cookie");
    app.logout().await;
    app.set_session_cookie(&copied);
    assert_eq!(app.get("/staff").await.status(), 303, "the copy is dead");
}

#[tokio::test]
async fn signing_out_everywhere_ends_the_other_browsers_too() {
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
    let response = app.post_form("/account/sign-out-everywhere", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        other.get(app.url("/staff")).send().await.unwrap().status(),
        303
    );
    assert_eq!(app.get("/staff").await.status(), 303);
}

#[tokio::test]
async fn an_idle_session_ends() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("SESSION_IDLE_MINUTES", "30")]).await;
    app.create_first_admin().await;
    assert_eq!(app.get("/staff").await.status(), 200);
    // 31 minutes without a request, as the server sees it.
    app.db
        .write(|conn| {
            let then = solidarity::domain::clock::now() - Duration::minutes(31);
            diesel::update(user_sessions::table)
                .set(user_sessions::last_seen_at.eq(then))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(app.get("/staff").await.status(), 303);
}

#[tokio::test]
async fn signing_in_gives_a_new_csrf_token() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.logout().await;
    let before = app.csrf_token().await;
    assert_eq!(app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(), 303);
    let after = app.csrf_token().await;
    assert_ne!(before, after);
    let stale = app
        .post_raw("/account/sign-out-everywhere", &[("csrf_token", &before)])
        .await;
    assert_eq!(stale.status(), 403);
}

#[tokio::test]
async fn signed_in_pages_are_not_stored_and_https_sites_send_hsts() {
    let app = spawn_app().await;
    let public = app.get("/").await;
    assert!(public.headers().get("strict-transport-security").is_none());
    assert_ne!(
        public
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
    app.create_first_admin().await;
    for path in ["/staff", "/account", "/admin/users", "/"] {
        let page = app.get(path).await;
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
    }

    let https = spawn_app_with(
        TestDatabase::fresh(),
        &[("BASE_URL", "https://solidarity.example.org")],
    )
    .await;
    let page = https.get("/").await;
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

/// A browser whose every request comes through the proxy with this
/// `X-Forwarded-For` (what the client wrote, then what the proxy saw).
fn browser_behind_proxy(forwarded_for: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        reqwest::header::HeaderValue::from_str(forwarded_for).unwrap(),
    );
    reqwest::Client::builder()
        .cookie_provider(std::sync::Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

#[tokio::test]
async fn rotating_the_client_written_address_does_not_escape_a_rate_limit() {
    use crate::fixtures::{apply, with, ypres};
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("TRUSTED_PROXIES", "127.0.0.1"), ("MAIL_WORKERS", "0")],
    )
    .await;
    // Five applications an hour from one address; each from a "new" address
    // on the left, the same one seen by the proxy on the right.
    for (n, name) in ["Ghent", "Bruges", "Leuven", "Mons", "Liège"]
        .iter()
        .enumerate()
    {
        let browser = browser_behind_proxy(&format!("192.0.2.{n}, 203.0.113.5"));
        let response = apply(
            &browser,
            &app,
            &with(&ypres(), &[("name_latin", name)]),
            None,
        )
        .await;
        assert_eq!(response.status(), 303, "{name}");
    }
    let browser = browser_behind_proxy("192.0.2.77, 203.0.113.5");
    let limited = apply(
        &browser,
        &app,
        &with(&ypres(), &[("name_latin", "Namur")]),
        None,
    )
    .await;
    assert_eq!(limited.status(), 429);
    // Another client behind the same proxy is not limited by it.
    let other = browser_behind_proxy("198.51.100.20");
    let response = apply(
        &other,
        &app,
        &with(&ypres(), &[("name_latin", "Namur")]),
        None,
    )
    .await;
    assert_eq!(response.status(), 303);
}
