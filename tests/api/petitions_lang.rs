//! Petitions in several languages with one counter, their supporters' updates
//! with one-click unsubscribe, and milestones (issue #19 items 1, 4 and 6; the
//! petition bits of issue #18 item 7).

use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use reqwest::cookie::Jar;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_LANGUAGE};
use solidarity::schema::{audit_log, outbox, petition_milestones, petition_submissions, petitions};

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

const TITLE_JA: &str = "核兵器禁止条約への参加を";
const TEXT_JA: &str = "**被爆者**はすべての国に核兵器禁止条約への参加を求めています。";

/// A browser whose visitor reads Japanese (Accept-Language: ja).
fn japanese_browser() -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("ja,en;q=0.5"));
    reqwest::Client::builder()
        .cookie_provider(Arc::new(Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

async fn petition_id(app: &TestApp) -> i64 {
    app.db
        .run(|conn| {
            Ok(petitions::table
                .filter(petitions::slug.eq("tpnw"))
                .select(petitions::id)
                .first(conn)?)
        })
        .await
        .unwrap()
}

/// Staff add the Japanese version of the open petition.
async fn translate_into_japanese(app: &TestApp, id: i64) {
    let saved = app
        .post_form(
            &format!("/staff/petitions/{id}/versions/ja"),
            &[
                ("title", TITLE_JA),
                ("summary", "被爆者とともに、すべての国に求めます。"),
                ("body_markdown", TEXT_JA),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303, "the translation is saved");
}

/// (recipient, subject, text) of the queued emails whose subject contains `needle`.
async fn queued(app: &TestApp, needle: &str) -> Vec<(String, String, String)> {
    let pattern = format!("%{needle}%");
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::subject.like(pattern))
                .order(outbox::id.asc())
                .select((outbox::recipient_email, outbox::subject, outbox::text_body))
                .load(conn)?)
        })
        .await
        .unwrap()
}

/// Waits for the queued email to `to` whose subject contains `needle`.
async fn email_to(app: &TestApp, to: &str, needle: &str) -> (String, String) {
    for _ in 0..200 {
        if let Some((_, subject, text)) = queued(app, needle).await.into_iter().find(|m| m.0 == to)
        {
            return (subject, text);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no email to {to} about {needle:?}");
}

#[tokio::test]
async fn a_japanese_visitor_reads_signs_and_confirms_in_japanese_and_one_counter_counts_it() {
    let app = spawn_app_with(TestDatabase::fresh(), &[FAST_COUNTS]).await;
    app.create_first_admin().await;
    // The petition form offers every installed language for the original.
    let form = app.get_html("/staff/petitions/new").await;
    for code in ["en", "ja", "ko"] {
        assert!(
            form.contains(&format!("<option value=\"{code}\"")),
            "{code} offered"
        );
    }
    open_petition(&app).await;
    let id = petition_id(&app).await;

    // Staff see which translations are missing, in every installed language.
    let detail = app.get_html(&format!("/staff/petitions/{id}")).await;
    let missing = detail
        .split("id=\"versions-missing\"")
        .nth(1)
        .expect("missing versions are listed");
    let missing = missing.split("</p>").next().unwrap();
    assert!(
        missing.contains("日本語") && missing.contains("한국어") && !missing.contains("English")
    );
    translate_into_japanese(&app, id).await;
    let detail = app.get_html(&format!("/staff/petitions/{id}")).await;
    let missing = detail.split("id=\"versions-missing\"").nth(1).unwrap();
    let missing = missing.split("</p>").next().unwrap();
    assert!(missing.contains("한국어") && !missing.contains("日本語"));

    // A Japanese visitor reads the Japanese version, with a link to the original.
    let browser = japanese_browser();
    let page = browser
        .get(app.url("/petitions/tpnw"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("<h1>{TITLE_JA}</h1>")),
        "the Japanese title"
    );
    assert!(
        page.contains("<strong>被爆者</strong>"),
        "the Japanese text, rendered"
    );
    assert!(
        page.contains("href=\"/petitions/tpnw?lang=en\""),
        "the English version is linked"
    );
    // The English reader still reads the original, with the Japanese linked.
    let english = app.get_html("/petitions/tpnw").await;
    assert!(english.contains("<h1>Join the Treaty on the Prohibition of Nuclear Weapons</h1>"));
    assert!(english.contains("href=\"/petitions/tpnw?lang=ja\""));
    // A language without a version falls back to the original.
    let korean = app.get_html("/petitions/tpnw?lang=ko").await;
    assert!(korean.contains("<h1>Join the Treaty on the Prohibition of Nuclear Weapons</h1>"));
    assert!(korean.contains("<html lang=\"ko\">"));

    // They sign on the Japanese page (its form carries the page's language).
    let mut fields = signer("佐々木 禎子", "sadako@example.jp");
    fields.push(("lang", "ja"));
    let signed = submit(
        &browser,
        &app.address,
        "/petitions/tpnw",
        "/petitions/tpnw/sign",
        &fields,
    )
    .await;
    assert_eq!(signed.status(), 303);
    assert_eq!(
        signed.headers()["location"],
        "/petitions/tpnw/signed?outcome=sent"
    );

    // The verification email is Japanese, names the Japanese title, and speaks
    // of no city's membership (the signer is a private person).
    let (subject, text) = email_to(&app, "sadako@example.jp", TITLE_JA).await;
    assert!(subject.starts_with("署名の確認をお願いします"), "{subject}");
    assert!(
        !text.contains("貴市の加盟") && !text.contains("membership"),
        "{text}"
    );
    let link = link_path(&text, "/sign/verify/").expect("the link");
    assert!(
        link.ends_with("?lang=ja"),
        "the link carries the language: {link}"
    );

    // The page the link opens is Japanese even in a browser that asks for
    // English; confirming comes back to the Japanese page.
    let (other, _) = app.new_browser();
    let opened = other
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(opened.contains("<html lang=\"ja\">") && opened.contains(TITLE_JA));
    assert!(opened.contains("署名を確認する"));
    let confirmed = press_link_button(&app, &other, &link).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(confirmed.headers()["location"], "/petitions/tpnw?lang=ja");
    let (thanks, thanks_text) = email_to(&app, "sadako@example.jp", "署名が確認されました").await;
    assert!(thanks.contains(TITLE_JA));
    assert!(link_path(&thanks_text, "/sign/withdraw/")
        .unwrap()
        .ends_with("?lang=ja"));

    // One counter: the signature shows on both versions.
    count_reaches(&app, "1").await;
    let page = browser
        .get(app.url("/petitions/tpnw"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<p class=\"big-number\" id=\"signature-count\">1</p>"));
}

#[tokio::test]
async fn the_hand_over_report_says_it_is_a_report_not_a_certificate() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let id = petition_id(&app).await;
    let report = app.get_html(&format!("/staff/petitions/{id}/report")).await;
    assert!(report.contains("print this hand-over report"));
    assert!(!report.contains("this certificate"));
}

/// Signs with `email` in `lang` (keeping informed or not) and confirms.
async fn supporter(
    app: &TestApp,
    name: &'static str,
    email: &'static str,
    lang: &'static str,
    informed: bool,
) {
    let mut fields = signer(name, email);
    fields.push(("lang", lang));
    if informed {
        fields.push(("keep_informed", "yes"));
    }
    let (browser, _) = app.new_browser();
    let signed = submit(
        &browser,
        &app.address,
        "/petitions/tpnw",
        "/petitions/tpnw/sign",
        &fields,
    )
    .await;
    assert_eq!(signed.status(), 303);
    // The first email to the address is its verification.
    let (_, message) = email_to(app, email, "").await;
    let link = link_path(&message, "/sign/verify/").unwrap();
    let confirmed = press_link_button(app, &browser, &link).await;
    assert_eq!(confirmed.status(), 303);
}

#[tokio::test]
async fn a_supporter_update_reaches_only_those_who_asked_in_their_language_and_one_click_unsubscribes(
) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("SMTP_URL", &sink.url()), FAST_COUNTS],
    )
    .await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let id = petition_id(&app).await;
    translate_into_japanese(&app, id).await;
    let detail = app.get_html(&format!("/staff/petitions/{id}")).await;
    assert!(detail.contains("No one who signed and confirmed has asked to be kept informed yet"));

    supporter(&app, "Ann", "ann@example.org", "en", true).await;
    supporter(&app, "Kenji", "kenji@example.jp", "ja", true).await;
    supporter(&app, "Bob", "bob@example.org", "en", false).await;
    let detail = app.get_html(&format!("/staff/petitions/{id}")).await;
    assert!(detail.contains("2 supporters asked to be kept informed."));
    // The update form offers every installed language.
    for code in ["en", "ja", "ko"] {
        assert!(detail.contains(&format!("name=\"subject:{code}\"")));
    }

    let update = [
        ("subject:en", "The treaty enters into force"),
        ("body:en", "Thank you.\n\nThe treaty is now law."),
        ("subject:ja", "条約が発効しました"),
        ("body:ja", "ありがとうございました。"),
    ];
    let sent = app
        .post_form(&format!("/staff/petitions/{id}/updates"), &update)
        .await;
    assert_eq!(sent.status(), 303);
    // Only the two who asked, each in their language.
    let english = queued(&app, "The treaty enters into force").await;
    let japanese = queued(&app, "条約が発効しました").await;
    assert_eq!(
        english.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["ann@example.org"]
    );
    assert_eq!(
        japanese.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["kenji@example.jp"]
    );
    assert!(
        japanese[0].2.contains(TITLE_JA),
        "the petition named in its Japanese version"
    );
    assert!(!english[0].2.contains("membership"));

    // At the SMTP server: the RFC 8058 headers.
    let received = sink.wait_for(8).await;
    let to_ann = received
        .iter()
        .find(|m| m.to == ["ann@example.org"] && m.header("List-Unsubscribe").is_some())
        .expect("the update reached Ann with List-Unsubscribe");
    assert_eq!(
        to_ann.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let header = to_ann.header("List-Unsubscribe").unwrap();
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let path = url.trim_start_matches("http://127.0.0.1:0");
    assert!(path.starts_with("/unsubscribe/petition/"), "{path}");

    // A forged token changes nothing; the real one works without a session or token.
    let bare = reqwest::Client::new();
    let forged = format!("{}X", path.split('?').next().unwrap());
    let refused = bare
        .post(app.url(&forged))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    let done = bare
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done
        .text()
        .await
        .unwrap()
        .contains("You will receive no more updates"));
    let (informed, audited): (bool, i64) = app
        .db
        .run(|conn| {
            let informed = petition_submissions::table
                .filter(petition_submissions::email.eq("ann@example.org"))
                .select(petition_submissions::keep_informed)
                .first(conn)?;
            let audited = audit_log::table
                .filter(audit_log::action.eq("petition.supporter_unsubscribe"))
                .count()
                .get_result(conn)?;
            Ok((informed, audited))
        })
        .await
        .unwrap();
    assert!(!informed);
    assert_eq!(audited, 1);

    // The next update goes to Kenji alone, in the petition's original language
    // when it has no Japanese version.
    let next = [
        ("subject:en", "A second update"),
        ("body:en", "Still counting."),
    ];
    let sent = app
        .post_form(&format!("/staff/petitions/{id}/updates"), &next)
        .await;
    assert_eq!(sent.status(), 303);
    let second = queued(&app, "A second update").await;
    assert_eq!(
        second.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["kenji@example.jp"]
    );
    let audited: i64 = app
        .db
        .run(|conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("petition.supporter_update"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(audited, 2, "each update is audited");

    // A half-written version is refused and sends nothing.
    let half = [("subject:ko", "제목만")];
    let refused = app
        .post_form(&format!("/staff/petitions/{id}/updates"), &half)
        .await;
    assert_eq!(refused.status(), 303);
    let page = app.get_html(&format!("/staff/petitions/{id}")).await;
    assert!(page.contains("needs both a subject and a text"));
    assert!(queued(&app, "제목만").await.is_empty());
}

async fn milestones(app: &TestApp) -> Vec<i64> {
    app.db
        .run(|conn| {
            Ok(petition_milestones::table
                .select(petition_milestones::signatures)
                .load::<i64>(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_milestone_is_recorded_once_when_a_recount_crosses_it_and_announced_once() {
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[FAST_COUNTS, ("PETITION_MILESTONES", "every 2")],
    )
    .await;
    app.create_first_admin().await;
    open_petition(&app).await;
    let id = petition_id(&app).await;
    supporter(&app, "Ann", "ann@example.org", "en", true).await;
    count_reaches(&app, "1").await;
    assert!(milestones(&app).await.is_empty(), "not crossed yet");

    supporter(&app, "Kenji", "kenji@example.jp", "en", false).await;
    count_reaches(&app, "2").await;
    // Several recounts later, still one record.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(milestones(&app).await, vec![2]);
    let page = app.get_html("/petitions/tpnw").await;
    assert!(
        page.contains("2 signatures reached"),
        "in the page's history"
    );

    // Withdrawn below it and crossed again: still recorded once.
    let (_, thanks) = email_to(&app, "kenji@example.jp", "Your signature counts").await;
    let withdraw = link_path(&thanks, "/sign/withdraw/").unwrap();
    let (browser, _) = app.new_browser();
    assert_eq!(
        press_link_button(&app, &browser, &withdraw).await.status(),
        303
    );
    count_reaches(&app, "1").await;
    supporter(&app, "Bob", "bob@example.org", "en", false).await;
    count_reaches(&app, "2").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(milestones(&app).await, vec![2]);

    // Announced to the supporters who asked, once.
    let milestone_id: i64 = app
        .db
        .run(|conn| {
            Ok(petition_milestones::table
                .select(petition_milestones::id)
                .first(conn)?)
        })
        .await
        .unwrap();
    let announce = format!("/staff/petitions/{id}/milestones/{milestone_id}/announce");
    assert_eq!(app.post_form(&announce, &[]).await.status(), 303);
    let told = queued(&app, "2 signatures: Join the Treaty").await;
    let told_to: Vec<&str> = told.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(told_to, ["ann@example.org"], "only the supporter who asked");
    assert_eq!(app.post_form(&announce, &[]).await.status(), 303);
    let page = app.get_html(&format!("/staff/petitions/{id}")).await;
    assert!(page.contains("This milestone was announced already."));
    assert_eq!(queued(&app, "2 signatures").await.len(), 1);
}
