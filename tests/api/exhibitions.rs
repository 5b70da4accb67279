//! The A-bomb Poster Exhibition: loans without overlaps (buffers included,
//! also under concurrent bookings), the iCalendar feed read by another parser,
//! and cities kept to their own exhibitions.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use solidarity::audit::Actor;
use solidarity::auth::Role;
use solidarity::exhibitions::models::Status;
use solidarity::exhibitions::workflow::{self, Step};
use solidarity::exhibitions::ExhibitionError;
use solidarity::schema::{audit_log, exhibition_loans, exhibitions, outbox, poster_sets};

use crate::fixtures::*;
use crate::helpers::*;

fn live_loans(app: &TestApp, set_id: i64) -> i64 {
    let mut conn = app.db.get().unwrap();
    exhibition_loans::table
        .filter(exhibition_loans::poster_set_id.eq(set_id))
        .filter(exhibition_loans::cancelled_at.is_null())
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

#[tokio::test]
async fn an_overlapping_loan_is_refused_buffers_included_naming_the_clash() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, hiroshima) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let (_, nagasaki) = member_city(&app, "Nagasaki", "JP", "peace@nagasaki.example", "ja").await;
    let set = add_set(&app, "EN-01", "en").await;

    // Asia's buffers: 10 days each side. The first loan keeps the set from
    // 22 July to 20 August; the second exhibition opens on 25 August, so only
    // its buffer (from 15 August) collides.
    let first = register(
        &app,
        &hiroshima,
        "Hiroshima 2031",
        "2031-08-01",
        "2031-08-10",
        &[],
    )
    .await;
    let second = register(
        &app,
        &nagasaki,
        "Nagasaki 2031",
        "2031-08-25",
        "2031-09-01",
        &[],
    )
    .await;
    let detail = app.get_html(&format!("/staff/exhibitions/{first}")).await;
    assert!(detail.contains("EN-01"), "the free set is suggested");

    let booked = app
        .post_form(
            &format!("/staff/exhibitions/{first}/loan"),
            &[("set_id", &set.to_string())],
        )
        .await;
    assert_eq!(booked.status(), 303);
    let page = app.get_html(&format!("/staff/exhibitions/{second}")).await;
    assert!(
        page.contains("No set in this language is free for these dates."),
        "the busy set is not suggested"
    );

    let refused = app
        .post_form(
            &format!("/staff/exhibitions/{second}/loan"),
            &[("set_id", &set.to_string())],
        )
        .await;
    assert_eq!(refused.status(), 409);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains(
            "Set EN-01 is already lent for “Hiroshima 2031” from 22 July 2031 to 20 August 2031"
        ),
        "{}",
        &body[body.find("refusal").unwrap_or(0)..][..400.min(body.len())]
    );
    assert_eq!(live_loans(&app, set), 1);

    // Shorter buffers for Asia, and the same booking fits.
    let mut fields: Vec<(String, String)> = vec![];
    for continent in [
        "asia",
        "oceania",
        "africa",
        "europe",
        "north_america",
        "latin_america",
    ] {
        fields.push((format!("before_{continent}"), "3".into()));
        fields.push((format!("after_{continent}"), "3".into()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.post_form("/staff/exhibitions/settings", &fields)
            .await
            .status(),
        303
    );
    // The first loan keeps its period; the second now reserves 22 August onwards.
    let booked = app
        .post_form(
            &format!("/staff/exhibitions/{second}/loan"),
            &[("set_id", &set.to_string())],
        )
        .await;
    assert_eq!(booked.status(), 303);
    assert_eq!(live_loans(&app, set), 2);
}

#[tokio::test]
async fn two_staff_booking_one_set_at_once_make_exactly_one_loan() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, hannover) = member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let (_, malakoff) = member_city(&app, "Malakoff", "FR", "paix@malakoff.example", "en").await;
    let set = add_set(&app, "EN-02", "en").await;
    let a = register(
        &app,
        &hannover,
        "Hannover 2032",
        "2032-05-01",
        "2032-05-20",
        &[],
    )
    .await;
    let b = register(
        &app,
        &malakoff,
        "Malakoff 2032",
        "2032-05-10",
        "2032-05-30",
        &[],
    )
    .await;
    let first = signed_in(&app, "first@staff.example", Role::Staff, None).await;
    let second = signed_in(&app, "second@staff.example", Role::Staff, None).await;

    let set_text = set.to_string();
    let (path_a, path_b) = (
        format!("/staff/exhibitions/{a}/loan"),
        format!("/staff/exhibitions/{b}/loan"),
    );
    let fields = [("set_id", set_text.as_str())];
    let (one, two) = tokio::join!(first.post(&path_a, &fields), second.post(&path_b, &fields));
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(
        statuses,
        [303, 409],
        "one booking wins, the other is refused"
    );
    assert_eq!(live_loans(&app, set), 1);
}

#[tokio::test]
async fn the_ics_feed_parses_elsewhere_with_the_right_local_times() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, ypres) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let (_, hiroshima) =
        member_city(&app, "Hiroshima", "JP", "peace@hiroshima.example", "ja").await;
    let printed = [
        ("format", "print"),
        ("opens_at", "10:00"),
        ("closes_at", "17:00"),
    ];
    let summer = register(
        &app,
        &ypres,
        "Ypres, summer; 2031",
        "2031-07-01",
        "2031-07-05",
        &printed,
    )
    .await;
    let winter = register(
        &app,
        &hiroshima,
        "Hiroshima winter",
        "2031-12-01",
        "2031-12-03",
        &printed,
    )
    .await;
    let hidden = register(
        &app,
        &ypres,
        "Not published",
        "2031-07-10",
        "2031-07-12",
        &[("format", "print"), ("publish", "")],
    )
    .await;
    for id in [summer, winter, hidden] {
        let r = app
            .post_form(
                &format!("/staff/exhibitions/{id}/status"),
                &[("to", "confirmed")],
            )
            .await;
        assert_eq!(r.status(), 303);
    }

    let response = app.get("/exhibitions.ics").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = response.text().await.unwrap();
    let calendar = ical::IcalParser::new(body.as_bytes())
        .next()
        .expect("one calendar")
        .expect("it parses");
    assert_eq!(calendar.events.len(), 2, "only published exhibitions");

    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let tzid = |p: &ical::property::Property| {
        p.params
            .as_ref()
            .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
            .map(|(_, v)| v[0].clone())
    };
    let event = calendar
        .events
        .iter()
        .find(|e| {
            prop(&e.properties, "SUMMARY").value.as_deref() == Some("Ypres\\, summer\\; 2031")
        })
        .expect("the Ypres event, its text escaped");
    let start = prop(&event.properties, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20310701T100000"));
    assert_eq!(tzid(&start).as_deref(), Some("Europe/Brussels"));
    assert_eq!(
        prop(&event.properties, "DTEND").value.as_deref(),
        Some("20310701T170000")
    );
    assert_eq!(
        prop(&event.properties, "RRULE").value.as_deref(),
        Some("FREQ=DAILY;COUNT=5")
    );

    // Every TZID used has its VTIMEZONE, whose observances give the offsets.
    let zone = |name: &str| {
        calendar
            .timezones
            .iter()
            .find(|z| prop(&z.properties, "TZID").value.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("VTIMEZONE {name}"))
    };
    // The offset in force at a local time: the last observance started before it.
    let offset_at = |name: &str, local: &str| {
        let mut best: Option<(String, String)> = None;
        for t in &zone(name).transitions {
            let starts = prop(&t.properties, "DTSTART").value.unwrap();
            let to = prop(&t.properties, "TZOFFSETTO").value.unwrap();
            if starts.as_str() <= local && best.as_ref().is_none_or(|(s, _)| starts > *s) {
                best = Some((starts, to));
            }
        }
        best.expect("an observance").1
    };
    assert_eq!(
        offset_at("Europe/Brussels", "20310701T100000"),
        "+0200",
        "summer time: 08:00 UTC"
    );
    assert_eq!(offset_at("Europe/Brussels", "20310101T100000"), "+0100");
    let winter_event = calendar
        .events
        .iter()
        .find(|e| prop(&e.properties, "SUMMARY").value.as_deref() == Some("Hiroshima winter"))
        .unwrap();
    let start = prop(&winter_event.properties, "DTSTART");
    assert_eq!(tzid(&start).as_deref(), Some("Asia/Tokyo"));
    assert_eq!(offset_at("Asia/Tokyo", "20311201T100000"), "+0900");
}

#[tokio::test]
async fn a_city_user_cannot_change_another_citys_exhibition() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (ypres, _) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let (hannover, _) = member_city(&app, "Hannover", "DE", "frieden@hannover.example", "en").await;
    let own = signed_in(&app, "jan@ieper.example", Role::City, Some(ypres)).await;
    let other = signed_in(&app, "anna@hannover.example", Role::City, Some(hannover)).await;

    let created = own
        .post(
            "/city/exhibitions",
            &[
                ("title", "Ypres remembers"),
                ("venue", "Cloth Hall"),
                ("address", "Grote Markt 34, Ieper"),
                ("starts_on", "2031-11-01"),
                ("ends_on", "2031-11-11"),
                ("opens_at", "09:00"),
                ("closes_at", "18:00"),
                ("time_zone", ""),
                ("poster_language", "en"),
                ("format", "print"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let id = id_of(&location(&created));
    let page = own
        .get(&format!("/city/exhibitions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Europe/Brussels"),
        "the zone defaults from the country"
    );

    assert_eq!(
        other.get(&format!("/city/exhibitions/{id}")).await.status(),
        404
    );
    let edit = other
        .post(
            &format!("/city/exhibitions/{id}"),
            &[
                ("title", "Taken over"),
                ("venue", "x"),
                ("address", "x"),
                ("starts_on", "2031-11-01"),
                ("ends_on", "2031-11-02"),
                ("poster_language", "en"),
                ("format", "print"),
            ],
        )
        .await;
    assert_eq!(edit.status(), 404);
    assert_eq!(
        other
            .post(&format!("/city/exhibitions/{id}/cancel"), &[])
            .await
            .status(),
        404
    );
    assert_eq!(
        other
            .post(
                &format!("/staff/exhibitions/{id}/status"),
                &[("to", "cancelled")]
            )
            .await
            .status(),
        403
    );

    let mut conn = app.db.get().unwrap();
    let (title, status): (String, String) = exhibitions::table
        .find(id)
        .select((exhibitions::title, exhibitions::status))
        .first(&mut *conn)
        .unwrap();
    assert_eq!(
        (title.as_str(), status.as_str()),
        ("Ypres remembers", "requested")
    );
    let mails: i64 = outbox::table
        .filter(outbox::idempotency_key.eq(format!("exhibition-{id}-requested")))
        .filter(outbox::recipient_email.eq("peace@ieper.example"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(mails, 1, "the city is told its exhibition was received");
}

/// Everything a workflow step may write: the loans, the set, the exhibition,
/// the outbox and the audit log.
#[derive(Debug, PartialEq)]
struct Written {
    loans: Vec<(
        i64,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<String>,
    )>,
    set: (String, String, NaiveDateTime),
    exhibition: (String, Option<String>, NaiveDateTime),
    outbox: i64,
    audit: i64,
}

fn written(app: &TestApp, id: i64, set_id: i64) -> Written {
    let mut conn = app.db.get().unwrap();
    Written {
        loans: exhibition_loans::table
            .filter(exhibition_loans::exhibition_id.eq(id))
            .order(exhibition_loans::id.asc())
            .select((
                exhibition_loans::id,
                exhibition_loans::cancelled_at,
                exhibition_loans::returned_at,
                exhibition_loans::return_condition,
            ))
            .load(&mut *conn)
            .unwrap(),
        set: poster_sets::table
            .find(set_id)
            .select((
                poster_sets::location,
                poster_sets::condition,
                poster_sets::updated_at,
            ))
            .first(&mut *conn)
            .unwrap(),
        exhibition: exhibitions::table
            .find(id)
            .select((
                exhibitions::status,
                exhibitions::decision_reason,
                exhibitions::updated_at,
            ))
            .first(&mut *conn)
            .unwrap(),
        outbox: outbox::table.count().get_result(&mut *conn).unwrap(),
        audit: audit_log::table.count().get_result(&mut *conn).unwrap(),
    }
}

#[tokio::test]
async fn a_workflow_step_refused_after_moving_the_set_leaves_nothing_behind() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (_, ypres) = member_city(&app, "Ypres", "BE", "peace@ieper.example", "en").await;
    let set = add_set(&app, "EN-03", "en").await;
    let id = register(&app, &ypres, "Ypres 2031", "2031-11-01", "2031-11-11", &[]).await;
    let detail = format!("/staff/exhibitions/{id}");
    let to = app
        .post_ok(&format!("{detail}/loan"), &[("set_id", &set.to_string())])
        .await;
    assert_eq!(to, detail);
    for step in ["confirmed", "shipped", "on_display"] {
        let to = app
            .post_ok(&format!("{detail}/status"), &[("to", step)])
            .await;
        assert_eq!(to, detail);
    }
    // Meanwhile the set's location was corrected by hand.
    diesel::update(poster_sets::table.find(set))
        .set(poster_sets::location.eq("Ypres, In Flanders Fields Museum store"))
        .execute(&mut *app.db.get().unwrap())
        .unwrap();
    let before = written(&app, id, set);
    assert_eq!(before.exhibition.0, "on_display");

    // A step chosen on a page that still showed "confirmed": shipping moves the
    // set to the venue, cancelling frees the loan, and then the status change
    // finds the exhibition moved on and refuses. Through HTTP the operation
    // reads the status in its own transaction, so this refusal after a write
    // is only reached by a concurrent change; the test calls the operation
    // through the library with the stale status instead.
    for to in [Status::Shipped, Status::Cancelled] {
        let step = Step {
            to,
            note: Some("stale page".into()),
            from: Some(Status::Confirmed),
        };
        let refused =
            workflow::advance(&app.db, &Actor::system(), id, step, "http://127.0.0.1:0").await;
        assert!(
            matches!(refused, Err(ExhibitionError::Refused("exh-error-changed"))),
            "{to:?}: {refused:?}"
        );
        assert_eq!(
            written(&app, id, set),
            before,
            "the refused step to {to:?} left nothing behind"
        );
    }

    // The same operation from the status it really has goes through.
    let step = Step::to(Status::Returned, Some("All panels fine.".into()));
    let done = workflow::advance(&app.db, &Actor::system(), id, step, "http://127.0.0.1:0")
        .await
        .expect("the step is taken");
    assert_eq!(done.status, Status::Returned);
    let after = written(&app, id, set);
    assert_eq!(after.set.0, "Hiroshima Peace Culture Foundation");
    assert_eq!(after.audit, before.audit + 1);
}
