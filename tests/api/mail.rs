//! Durable email against a real SMTP server on a random port.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as ChronoDuration;
use diesel::prelude::*;
use solidarity::config::Config;
use solidarity::domain::EmailAddress;
use solidarity::i18n::Lang;
use solidarity::mail::transport::Transport;
use solidarity::mail::worker::Workers;
use solidarity::mail::{self, outbox, Email, EmailContent, Status};
use solidarity::schema::outbox as outbox_table;

use crate::helpers::*;
use crate::smtp::SmtpSink;

const SENDER: &str = "Mayors for Peace <secretariat@mayorsforpeace.example>";

async fn spawn_with_smtp(sink: &SmtpSink, extra: &[(&str, &str)]) -> TestApp {
    let url = sink.url();
    let mut settings = vec![("SMTP_URL", url.as_str()), ("MAIL_FROM", SENDER)];
    settings.extend_from_slice(extra);
    spawn_app_with(TestDatabase::fresh(), &settings).await
}

fn test_email(n: usize) -> Email {
    let content = EmailContent {
        subject: format!("Appeal {n}"),
        greeting: "Dear Mayor,".into(),
        paragraphs: vec![format!("Message number {n}.")],
        action: None,
        after: vec![],
    };
    let to = EmailAddress::parse(&format!("city{n}@example.org")).unwrap();
    Email::new(to, None, Lang::english(), &content)
}

/// Puts `count` messages in the outbox directly, as an area would.
async fn enqueue_many(app: &TestApp, count: usize) {
    app.db
        .write(move |conn| {
            for n in 0..count {
                mail::enqueue(conn, &format!("test-{n}"), &test_email(n), None)?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

async fn statuses(app: &TestApp) -> Vec<(String, i32)> {
    app.db
        .run(|conn| {
            Ok(outbox_table::table
                .order(outbox_table::id)
                .select((outbox_table::status, outbox_table::attempts))
                .load(conn)?)
        })
        .await
        .unwrap()
}

async fn wait_until_status(app: &TestApp, wanted: Status) -> Vec<(String, i32)> {
    for _ in 0..400 {
        let rows = statuses(app).await;
        if !rows.is_empty() && rows.iter().all(|(s, _)| s == wanted.as_str()) {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!(
        "messages did not all become {}: {:?}",
        wanted.as_str(),
        statuses(app).await
    );
}

fn message_ids(received: &[crate::smtp::Received]) -> Vec<String> {
    received
        .iter()
        .map(|m| m.header("Message-ID").expect("a Message-ID"))
        .collect()
}

#[tokio::test]
async fn an_invitation_arrives_with_the_right_headers_and_body() {
    let sink = SmtpSink::start();
    let app = spawn_with_smtp(&sink, &[]).await;
    app.create_first_admin().await;
    let response = app
        .post_form(
            "/admin/users/invite",
            &[
                ("email", "aiko@pcf.city.hiroshima.jp"),
                ("display_name", "Aiko Tanaka"),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    let received = sink.wait_for(1).await;
    let message = &received[0];
    assert_eq!(message.to, ["aiko@pcf.city.hiroshima.jp"]);
    assert_eq!(
        message.header("From").unwrap(),
        "\"Mayors for Peace\" <secretariat@mayorsforpeace.example>"
    );
    assert_eq!(
        message.header("To").unwrap(),
        "\"Aiko Tanaka\" <aiko@pcf.city.hiroshima.jp>"
    );
    assert_eq!(
        message.header("Subject").unwrap(),
        "Your invitation to the secretariat's system"
    );
    assert!(message
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    assert!(message.data.contains("Content-Type: text/plain"));
    assert!(message.data.contains("Content-Type: text/html"));
    assert!(message.data.contains("Dear Aiko Tanaka,"));
    let link = link_path(&message.data, "/invite/").expect("the link");
    assert_eq!(
        app.get(&link).await.status(),
        200,
        "the emailed link opens the invitation"
    );

    let stored_id: String = app
        .db
        .run(|conn| {
            Ok(outbox_table::table
                .select(outbox_table::message_id)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(
        message.header("Message-ID").unwrap(),
        stored_id,
        "our own Message-ID"
    );
    wait_until_status(&app, Status::Sent).await;
    assert!(app
        .get_html("/admin/outbox?status=sent")
        .await
        .contains("aiko@pcf.city.hiroshima.jp"));
}

#[tokio::test]
async fn a_451_reply_is_retried_and_the_message_delivered_exactly_once() {
    let sink = SmtpSink::start();
    sink.refuse_next(&[451]);
    let app = spawn_with_smtp(&sink, &[]).await;
    enqueue_many(&app, 1).await;

    let rows = wait_until_status(&app, Status::Sent).await;
    assert_eq!(
        rows,
        [("sent".to_string(), 2)],
        "one refusal, then delivered"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 1, "delivered once");
}

#[tokio::test]
async fn a_550_reply_fails_the_message_and_the_outbox_page_shows_why() {
    let sink = SmtpSink::start();
    sink.refuse_next(&[550]);
    let app = spawn_with_smtp(&sink, &[]).await;
    app.create_first_admin().await;
    enqueue_many(&app, 1).await;

    let rows = wait_until_status(&app, Status::Failed).await;
    assert_eq!(
        rows,
        [("failed".to_string(), 1)],
        "no retry after a permanent refusal"
    );
    let page = app.get_html("/admin/outbox?status=failed").await;
    assert!(page.contains("city0@example.org"));
    assert!(
        page.contains("scripted refusal 550"),
        "the last error is shown"
    );
    assert!(
        page.contains("Failed: <strong>1</strong>") || page.contains("failed: <strong>1</strong>")
    );
    assert!(sink.received().is_empty());

    // The admin retries it, and it goes out.
    let id: i64 = app
        .db
        .run(|conn| Ok(outbox_table::table.select(outbox_table::id).first(conn)?))
        .await
        .unwrap();
    assert_eq!(
        app.post_form(&format!("/admin/outbox/{id}/retry"), &[])
            .await
            .status(),
        303
    );
    sink.wait_for(1).await;
    wait_until_status(&app, Status::Sent).await;
    assert!(app.get_html("/admin/audit").await.contains("outbox.retry"));
}

#[tokio::test]
async fn an_admin_can_cancel_a_queued_message() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    enqueue_many(&app, 1).await;
    let id: i64 = app
        .db
        .run(|conn| Ok(outbox_table::table.select(outbox_table::id).first(conn)?))
        .await
        .unwrap();
    assert_eq!(
        app.post_form(&format!("/admin/outbox/{id}/cancel"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(statuses(&app).await, [("cancelled".to_string(), 0)]);
    assert!(app.get_html("/admin/audit").await.contains("outbox.cancel"));

    // A second cancel finds nothing to stop: refused, and nothing is recorded.
    let again = app
        .post_ok(&format!("/admin/outbox/{id}/cancel"), &[])
        .await;
    assert_eq!(again, "/admin/outbox");
    assert!(app
        .get_html("/admin/outbox")
        .await
        .contains("nothing was done"));
    let audit = app.get_html("/admin/audit?action=outbox.cancel").await;
    assert_eq!(audit.matches("(status was queued)").count(), 1, "{audit}");
    assert_eq!(
        app.post_form("/admin/outbox/999999/cancel", &[])
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn several_workers_on_one_queue_deliver_every_message_exactly_once() {
    let sink = SmtpSink::start();
    // Two "instances" of two workers each, plus the app's own worker.
    let app = spawn_with_smtp(&sink, &[("MAIL_WORKERS", "1")]).await;
    enqueue_many(&app, 60).await;
    let config = test_config(
        &app.database,
        &[("SMTP_URL", &sink.url()), ("MAIL_WORKERS", "2")],
    );
    let others: Vec<Workers> = (0..2).map(|_| start_workers(&app, &config)).collect();

    let received = sink.wait_for(60).await;
    wait_until_status(&app, Status::Sent).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ids = message_ids(&sink.received());
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(
        ids.len(),
        60,
        "no message twice: {} received",
        received.len()
    );
    assert_eq!(unique.len(), 60);
    for workers in others {
        workers.shutdown().await;
    }
}

fn start_workers(app: &TestApp, config: &Config) -> Workers {
    let transport = Transport::from_config(config).unwrap();
    Workers::start(app.db.clone(), Arc::new(transport), config.mail.clone())
}

#[tokio::test]
async fn stopping_in_the_middle_of_a_queue_loses_nothing_and_doubles_nothing() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let pace = [("SMTP_URL", url.as_str()), ("MAIL_RATE_PER_SECOND", "40")];
    let app = spawn_app_with(TestDatabase::fresh(), &pace).await;
    enqueue_many(&app, 40).await;
    sink.wait_for(5).await;
    let (database, _) = app.stop().await;

    let delivered_before = sink.received().len();
    assert!(
        delivered_before < 40,
        "stopped in the middle ({delivered_before} sent)"
    );
    // Restarted without its own workers, so that none claims a message before
    // the rows are read; the workers start after.
    let no_workers = [("SMTP_URL", url.as_str()), ("MAIL_WORKERS", "0")];
    let restarted = spawn_app_with(database, &no_workers).await;
    let rows = statuses(&restarted).await;
    let sent = rows.iter().filter(|(s, _)| s == "sent").count();
    assert_eq!(
        sent, delivered_before,
        "every accepted message is marked sent"
    );
    assert!(
        rows.iter().all(|(s, _)| s == "sent" || s == "queued"),
        "nothing left claimed: {rows:?}"
    );

    let workers = start_workers(&restarted, &test_config(&restarted.database, &pace));
    sink.wait_for(40).await;
    wait_until_status(&restarted, Status::Sent).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let ids = message_ids(&sink.received());
    assert_eq!(ids.len(), 40);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 40);
    workers.shutdown().await;
}

#[tokio::test]
async fn a_message_claimed_by_a_worker_that_died_is_sent_once_its_lease_expires() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(
        TestDatabase::fresh(),
        &[("SMTP_URL", &sink.url()), ("MAIL_WORKERS", "0")],
    )
    .await;
    enqueue_many(&app, 1).await;
    let claimed = app
        .db
        .run(|conn| {
            outbox::claim(
                conn,
                "worker-that-dies",
                10,
                ChronoDuration::milliseconds(300),
            )
        })
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);

    // A live worker elsewhere: it must leave the message alone until the lease runs out.
    let config = test_config(&app.database, &[("SMTP_URL", &sink.url())]);
    let workers = start_workers(&app, &config);
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(sink.received().is_empty(), "not taken while leased");
    sink.wait_for(1).await;
    let rows = wait_until_status(&app, Status::Sent).await;
    assert_eq!(rows, [("sent".to_string(), 2)]);
    workers.shutdown().await;
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn the_same_idempotency_key_twice_yields_one_message() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let (first, second) = app
        .db
        .write(|conn| {
            let first = mail::enqueue(conn, "application-7-welcome", &test_email(1), None)?;
            let second = mail::enqueue(conn, "application-7-welcome", &test_email(2), None)?;
            Ok((first, second))
        })
        .await
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(statuses(&app).await.len(), 1);
}

#[tokio::test]
async fn a_change_rolled_back_sends_nothing() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let result: Result<(), solidarity::db::DbError> = app
        .db
        .write(|conn| {
            mail::enqueue(conn, "doomed", &test_email(1), None)?;
            Err(diesel::result::Error::RollbackTransaction.into())
        })
        .await;
    assert!(result.is_err());
    assert!(
        statuses(&app).await.is_empty(),
        "the message went with the change"
    );
}

#[tokio::test]
async fn without_smtp_every_message_is_written_as_an_eml_file() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    app.post_ok(
        "/admin/users/invite",
        &[
            ("email", "kenji@city.nagasaki.example"),
            ("display_name", "Kenji Sato"),
            ("role", "staff"),
        ],
    )
    .await;
    let eml = app.wait_for_email("kenji@city.nagasaki.example").await;
    assert!(eml.contains("Subject: Your invitation to the secretariat's system"));
    assert!(eml.contains("Message-ID: <"));
    wait_until_status(&app, Status::Sent).await;
}

#[tokio::test]
async fn a_line_break_in_a_name_cannot_inject_a_header() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let response = app
        .post_form(
            "/admin/users/invite",
            &[
                ("email", "aiko@example.org"),
                ("display_name", "Aiko\r\nBcc: victim@example.org"),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Please use one line of plain text."));
    assert!(statuses(&app).await.is_empty(), "nothing was queued");
}

#[tokio::test]
async fn an_invitation_email_is_in_the_inviting_admins_language() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let back = app
        .post_ok("/language", &[("lang", "ko"), ("next", "/admin/users")])
        .await;
    assert_eq!(back, "/admin/users");
    app.post_ok(
        "/admin/users/invite",
        &[
            ("email", "minji@incheon.example"),
            ("display_name", "Minji Kim"),
            ("role", "staff"),
        ],
    )
    .await;
    let (subject, text): (String, String) = app
        .db
        .run(|conn| {
            Ok(outbox_table::table
                .select((outbox_table::subject, outbox_table::text_body))
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(subject, "사무국 시스템 초대");
    assert!(text.contains("Minji Kim 님께,"));
    assert!(text.contains("비밀번호 정하기"));
}
