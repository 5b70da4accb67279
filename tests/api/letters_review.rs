//! Letters' review as staff and officers rely on it (issue #18 item 1, #19
//! item 3): every current officer counts, the unreachable hold circulation
//! until staff decide, the page says why the rule is met or not, no unnamed
//! signatory, audit entries that say what changed, the send confirmation in
//! numbers, the public page under the site's header, and translations that
//! officers read beside the original and the archive lists once.

use diesel::prelude::*;
use solidarity::membership::models::RoleKind;
use solidarity::schema::member_cities;

use crate::fixtures::*;
use crate::helpers::*;

async fn app_with(cities: Vec<City>) -> TestApp {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    seed_cities(&app, cities).await;
    app
}

/// Granollers, a vice-president whose record has no email address.
fn unreachable_officer() -> City {
    City {
        name: "Granollers",
        country: "ES",
        mayor: "Josep Mayoral",
        email: None,
        role: Some(RoleKind::VicePresident),
        active: true,
    }
}

fn id_in(path: &str) -> String {
    path.rsplit('/').next().unwrap().to_string()
}

/// Posts a staff form and returns the page it leads to, with its flash.
async fn post_and_follow(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> String {
    let response = app.post_form(path, fields).await;
    assert_eq!(response.status(), 303, "{path}");
    let to = response.headers()["location"].to_str().unwrap().to_string();
    app.get_html(&to).await
}

/// The review requests queued in the outbox, one per officer asked.
async fn review_requests(app: &TestApp) -> i64 {
    use solidarity::schema::outbox;
    app.db
        .write(|conn| {
            Ok(outbox::table
                .filter(outbox::subject.like("For your review%"))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .unwrap()
}

/// The review link in the request queued for `address`.
async fn review_link(app: &TestApp, address: &'static str) -> String {
    use solidarity::schema::outbox;
    let bodies: Vec<String> = app
        .db
        .write(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient_email.eq(address))
                .select(outbox::text_body)
                .load(conn)?)
        })
        .await
        .unwrap();
    let body = bodies.into_iter().next().expect("the officer was asked");
    link_path(&body, "/letters/review/").expect("a review link")
}

async fn set_city_language(app: &TestApp, name: &'static str, language: &'static str) {
    app.db
        .write(move |conn| {
            diesel::update(member_cities::table.filter(member_cities::name_latin.eq(name)))
                .set(member_cities::language.eq(language))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn an_officer_without_an_address_holds_the_review_until_staff_exclude_them_with_a_reason() {
    let mut cities = officers();
    cities.push(unreachable_officer());
    let app = app_with(cities).await;
    let path = create_letter(&app, &[("approval_rule", "majority")]).await;

    let detail = app.get_html(&path).await;
    assert!(
        detail.contains("0 of 5 officers approved this version."),
        "every current officer counts, reachable or not: {detail}"
    );
    assert!(detail.contains("Granollers") && detail.contains("No email address."));
    assert!(
        detail.contains("One officer cannot be reached."),
        "{detail}"
    );
    assert!(detail.contains("href=\"/staff/members/") && detail.contains("Add an address"));
    assert!(!detail.contains("Mark final"));

    // Circulating is refused and asks nobody, and says so.
    let refused = post_and_follow(&app, &format!("{path}/circulate"), &[]).await;
    assert!(
        refused.contains("Nobody was asked: one officer cannot be reached (Granollers)."),
        "{refused}"
    );
    assert_eq!(review_requests(&app).await, 0, "nobody was asked");

    // An exclusion needs a reason.
    let granollers = app
        .db
        .write(|conn| {
            Ok(member_cities::table
                .filter(member_cities::name_latin.eq("Granollers"))
                .select(member_cities::id)
                .first::<i64>(conn)?)
        })
        .await
        .unwrap();
    let exclude = format!("{path}/officers/{granollers}/exclude");
    let no_reason = post_and_follow(&app, &exclude, &[("reason", " ")]).await;
    assert!(no_reason.contains("Say why the officer is excluded from the review."));
    let excluded = post_and_follow(
        &app,
        &exclude,
        &[("reason", "The city hall's address is being changed")],
    )
    .await;
    assert!(
        excluded.contains("Granollers is excluded from this letter&#39;s review.")
            || excluded.contains("Granollers is excluded from this letter's review.")
    );
    assert!(
        excluded
            .contains("Excluded from this review: The city hall&#39;s address is being changed")
            || excluded
                .contains("Excluded from this review: The city hall's address is being changed")
    );
    assert!(
        excluded.contains("0 of 4 officers approved this version."),
        "{excluded}"
    );
    let audit = app.get_html("/admin/audit").await;
    assert!(
        audit.contains("Granollers (vice_president) excluded from the review: The city hall"),
        "the exclusion is audited with its reason"
    );

    // Now the four reachable officers are asked, and the page says exactly that.
    let asked = post_and_follow(&app, &format!("{path}/circulate"), &[]).await;
    assert!(
        asked.contains("4 officers were asked to review this version. One officer is excluded from this review."),
        "{asked}"
    );
    assert_eq!(review_requests(&app).await, 4);
    let again = post_and_follow(&app, &format!("{path}/circulate"), &[]).await;
    assert!(
        again.contains("Nobody new was asked. 4 officers had been asked already. One officer is excluded from this review."),
        "never 'everyone was asked' when not: {again}"
    );
    assert_eq!(review_requests(&app).await, 4, "nobody asked twice");
}

#[tokio::test]
async fn the_page_says_in_words_why_the_rule_is_met_or_not() {
    let app = app_with(officers()).await;
    let path = create_letter(&app, &[("approval_rule", "majority")]).await;
    let before = app.get_html(&path).await;
    assert!(
        before.contains("4 officers have not been asked about this version yet."),
        "{before}"
    );
    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let review_ids: Vec<(String, i64)> = app
        .db
        .write(|conn| {
            use solidarity::schema::letter_reviews;
            Ok(letter_reviews::table
                .inner_join(member_cities::table)
                .select((member_cities::name_latin, letter_reviews::id))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(review_ids.len(), 4);
    // Answers recorded as the officers' links would (the links are tested in letters.rs).
    let answer = |name: &'static str| {
        let id = review_ids.iter().find(|(n, _)| n == name).unwrap().1;
        app.db.write(move |conn| {
            use solidarity::schema::letter_reviews;
            diesel::update(letter_reviews::table.find(id))
                .set((
                    letter_reviews::answer.eq("approve"),
                    letter_reviews::answered_at.eq(solidarity::domain::clock::now()),
                ))
                .execute(conn)?;
            Ok(())
        })
    };
    answer("Hiroshima").await.unwrap();
    let one = app.get_html(&path).await;
    assert!(
        one.contains("1 of 4 officers approved this version."),
        "{one}"
    );
    assert!(
        one.contains("A majority of the 4 officers is 3; one has approved."),
        "{one}"
    );
    assert!(!one.contains("Mark final"));
    assert_eq!(
        app.post_form(&format!("{path}/final"), &[]).await.status(),
        400
    );
    answer("Nagasaki").await.unwrap();
    answer("Hannover").await.unwrap();
    let met = app.get_html(&path).await;
    assert!(
        met.contains("The rule is met: 3 of the 4 officers approved, a majority."),
        "{met}"
    );
    assert!(met.contains("Mark final"));
}

#[tokio::test]
async fn a_signatory_without_a_name_is_never_proposed_nor_saved() {
    let mut cities = officers();
    cities[0].mayor = "";
    let app = app_with(cities).await;
    let form = app.get_html("/staff/letters/new").await;
    assert!(
        !form.contains(", Mayor of Hiroshima"),
        "no nameless line is proposed: {form}"
    );
    assert!(form.contains(
        "Not among the signatories, because their city&#39;s record has no mayor&#39;s name: Hiroshima."
    ) || form.contains(
        "Not among the signatories, because their city's record has no mayor's name: Hiroshima."
    ), "{form}");
    assert!(form.contains("Shiro Suzuki, Mayor of Nagasaki"));
    let refused = app
        .post_form(
            "/staff/letters",
            &letter_form(&[(
                "signatories",
                ", Mayor of Hiroshima, President of Mayors for Peace\nShiro Suzuki, Mayor of Nagasaki",
            )]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("A signatory has no name"));
}

#[tokio::test]
async fn audit_entries_say_what_changed() {
    let app = app_with(officers()).await;
    let path = create_letter(&app, &[]).await;
    app.post_ok(&path, &letter_form(&[("approval_rule", "all")]))
        .await;
    app.post_ok(
        &path,
        &letter_form(&[
            ("approval_rule", "all"),
            (
                "body_markdown",
                "We protest the test in the name of the hibakusha.",
            ),
        ]),
    )
    .await;
    let audit = app.get_html("/admin/audit").await;
    assert!(
        audit.contains("approval rule president_and_majority → all; text unchanged (version 1)"),
        "{audit}"
    );
    assert!(audit.contains("text changed, version 1 → 2"), "{audit}");
    assert!(!audit.contains("version 1 → 1"));
}

#[tokio::test]
async fn sending_is_confirmed_in_numbers_and_the_public_page_has_the_site_header() {
    let app = app_with(officers()).await;
    let yesterday = (solidarity::domain::clock::today() - chrono::Duration::days(1)).to_string();
    let path = create_letter(
        &app,
        &[
            ("approval_rule", "deadline"),
            ("review_deadline", &yesterday),
        ],
    )
    .await;
    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let detail = app.get_html(&path).await;
    assert!(
        detail.contains("The rule is met: the deadline of"),
        "{detail}"
    );
    app.post_ok(&format!("{path}/final"), &[]).await;

    let confirm = app.get_html(&format!("{path}/send")).await;
    assert!(
        confirm.contains("One email goes to the addressee with 4 officers in copy."),
        "{confirm}"
    );
    assert!(confirm.contains(EMBASSY) && confirm.contains("mayor@ypres.example"));
    assert!(confirm.contains("To United States / 37 in total"));
    assert!(confirm.contains("Send to 1 addressee"));
    assert!(confirm.contains("name=\"csrf_token\""));
    let sent = post_and_follow(&app, &format!("{path}/send"), &[]).await;
    assert!(
        sent.contains("The letter is on its way to one addressee"),
        "{sent}"
    );

    let public = app.get_html(&format!("/letters/{}", id_in(&path))).await;
    assert!(
        public.contains("class=\"site-header\""),
        "the site's header"
    );
    assert!(public.contains("<a href=\"/letters\">Back to the letters archive</a>"));
    assert!(public.contains("To United States / 37 in total"));
}

#[tokio::test]
async fn officers_read_the_draft_in_their_language_beside_the_original_and_the_archive_lists_it_once(
) {
    let app = app_with(officers()).await;
    set_city_language(&app, "Nagasaki", "ja").await;
    let yesterday = (solidarity::domain::clock::today() - chrono::Duration::days(1)).to_string();
    let path = create_letter(
        &app,
        &[
            ("approval_rule", "deadline"),
            ("review_deadline", &yesterday),
        ],
    )
    .await;
    let detail = app.get_html(&path).await;
    assert!(detail.contains("No translations yet."));
    let ja = format!("{path}/translations/ja");
    assert!(
        app.get_html(&ja)
            .await
            .contains("Protest against the subcritical nuclear test"),
        "a new translation starts from the original"
    );
    let translation = [
        ("subject", "未臨界核実験に対する抗議文"),
        ("body_markdown", "被爆者の名において、核実験に抗議します。"),
        ("signatories", "平和首長会議会長　広島市長　松井 一實"),
    ];
    app.post_ok(&ja, &translation).await;
    let mut corrected = translation;
    corrected[1].1 = "被爆者の名において、核実験に強く抗議します。";
    let saved = post_and_follow(&app, &ja, &corrected).await;
    assert!(saved.contains("(version 2)"), "{saved}");
    let history = app.get_html(&format!("{ja}/history")).await;
    assert!(
        history.contains("<ins>"),
        "the translation's own history: {history}"
    );
    assert_eq!(
        app.get(&format!("{path}/translations/en")).await.status(),
        404,
        "no translation into the original's language"
    );

    app.post_ok(&format!("{path}/circulate"), &[]).await;
    let nagasaki = app
        .get_html(&review_link(&app, "mayor@city.nagasaki.example").await)
        .await;
    assert!(
        nagasaki.contains("未臨界核実験に対する抗議文"),
        "{nagasaki}"
    );
    assert!(
        nagasaki.contains("強く抗議します"),
        "the latest version of the translation"
    );
    assert!(
        nagasaki.contains("Protest against the subcritical nuclear test"),
        "the original beside it"
    );
    assert!(nagasaki.contains("lang=\"ja\""));
    let hiroshima = app
        .get_html(&review_link(&app, "mayor@city.hiroshima.example").await)
        .await;
    assert!(
        !hiroshima.contains("未臨界核実験"),
        "English readers get the original alone"
    );

    app.post_ok(&format!("{path}/final"), &[]).await;
    app.post_ok(&format!("{path}/send"), &[]).await;
    let id = id_in(&path);
    let archive = app.get_html("/letters").await;
    assert_eq!(
        archive
            .matches("Protest against the subcritical nuclear test</a>")
            .count(),
        1,
        "listed once: {archive}"
    );
    assert!(
        archive.contains(&format!("href=\"/letters/{id}?lang=ja\"")),
        "{archive}"
    );
    let japanese = app.get_html(&format!("/letters/{id}?lang=ja")).await;
    assert!(japanese.contains("未臨界核実験に対する抗議文"));
    assert!(
        japanese.contains(&format!("href=\"/letters/{id}\"")),
        "the original is linked"
    );
}
