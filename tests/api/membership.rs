//! Joining: the public form, review, the monthly registration, the directory,
//! and city accounts.

use solidarity::schema::outbox;

use diesel::prelude::*;

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp::SmtpSink;

fn subject_of(received: &crate::smtp::Received) -> String {
    received.header("Subject").unwrap_or_default()
}

#[tokio::test]
async fn an_application_is_reviewed_approved_registered_and_welcomed_by_email() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(TestDatabase::fresh(), &[("SMTP_URL", &sink.url())]).await;
    app.create_first_admin().await;

    let status_path = apply_as_visitor(&app, &ypres()).await;
    assert!(status_path.starts_with("/join/status/"));
    let received = sink.wait_for(1).await;
    assert_eq!(received[0].to, ["peace@ieper.example"]);
    assert!(
        subject_of(&received[0]).starts_with("Application received: Ypres (J"),
        "{}",
        subject_of(&received[0])
    );
    assert!(
        received[0].data.contains("/join/status/"),
        "the private status link is in the email"
    );

    let status = app.get_html(&status_path).await;
    assert!(status.contains("received, under review"));

    let queue = app.get_html("/staff/applications").await;
    assert!(queue.contains("Ypres"));
    let id = application_id(&app, "Ypres").await;
    let detail = app.get_html(&format!("/staff/applications/{id}")).await;
    assert!(detail.contains("Emmily Talpe") && detail.contains("peace@ieper.example"));

    assert_eq!(
        app.post_form(&format!("/staff/applications/{id}/approve"), &[])
            .await
            .status(),
        303
    );
    let received = sink.wait_for(2).await;
    assert_eq!(subject_of(&received[1]), "Application approved: Ypres");
    assert!(app.get_html("/staff/registration").await.contains("Ypres"));

    register_all(&app, true).await;
    let received = sink.wait_for(4).await;
    let subjects: Vec<String> = received.iter().map(subject_of).collect();
    assert!(
        subjects.contains(&"Welcome to Mayors for Peace: Ypres".to_string()),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Your invitation to the secretariat's system".to_string()),
        "{subjects:?}"
    );
    let welcome = received
        .iter()
        .find(|m| subject_of(m).starts_with("Welcome"))
        .unwrap();
    assert!(welcome.data.contains("member number 00001"));

    let status = app.get_html(&status_path).await;
    assert!(status.contains("registered as a member"));
    let public = app.get_html("/members?q=ypres").await;
    assert!(public.contains("Ypres") && public.contains("Belgium"));
    let audit = app.get_html("/admin/audit?action=application").await;
    assert!(audit.contains("application.approve"));
    assert!(app
        .get_html("/admin/audit?action=member")
        .await
        .contains("member.register"));

    let city = member_page_id(&app, "Ypres").await;
    let certificate = app.get_html(&format!("/members/{city}/certificate")).await;
    assert!(certificate.contains("00001") && certificate.contains("Ypres"));
}

#[tokio::test]
async fn a_city_already_a_member_is_flagged_and_the_applicant_told_plainly() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    registered_city(&app, &ypres(), false).await;

    let again = with(
        &ypres(),
        &[
            ("name_latin", "City of YPRES"),
            ("email", "other@ieper.example"),
        ],
    );
    let status_path = apply_as_visitor(&app, &again).await;
    let status = app.get_html(&status_path).await;
    assert!(
        status.contains("is already a member (member number 00001)"),
        "the applicant is told"
    );

    let queue = app.get_html("/staff/applications?duplicates=yes").await;
    assert!(queue.contains("City of YPRES") && queue.contains("Possible duplicate"));
}

#[tokio::test]
async fn a_second_open_application_for_the_same_city_is_flagged() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    apply_as_visitor(&app, &ypres()).await;
    let status_path = apply_as_visitor(&app, &with(&ypres(), &[("name_latin", "ypres")])).await;
    assert!(app
        .get_html(&status_path)
        .await
        .contains("There is already an application for this city in progress"));
}

#[tokio::test]
async fn the_public_directory_shows_no_contact_data() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    registered_city(&app, &ypres(), false).await;

    let staff_view = app.get_html("/staff/members").await;
    assert!(staff_view.contains("peace@ieper.example") && staff_view.contains("Emmily Talpe"));
    app.logout().await;
    let public = app.get_html("/members").await;
    assert!(public.contains("Ypres"));
    for private in [
        "peace@ieper.example",
        "Emmily Talpe",
        "Jan Peeters",
        "Grote Markt",
        "+32 57",
    ] {
        assert!(!public.contains(private), "{private} must not be public");
    }
    assert_eq!(
        app.get("/staff/members").await.status(),
        303,
        "the staff view needs a login"
    );
}

#[tokio::test]
async fn directory_search_ignores_case_and_accents_and_finds_cjk_names() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    registered_city(
        &app,
        &with(
            &ypres(),
            &[
                ("name_latin", "Biograd na Moru"),
                ("name_native", ""),
                ("country", "HR"),
                ("email", "a@biograd.example"),
            ],
        ),
        false,
    )
    .await;
    registered_city(
        &app,
        &with(
            &ypres(),
            &[
                ("name_latin", "Jeju City"),
                ("name_native", "제주시"),
                ("country", "KR"),
                ("email", "a@jeju.example"),
            ],
        ),
        false,
    )
    .await;
    registered_city(
        &app,
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
    registered_city(
        &app,
        &with(
            &ypres(),
            &[
                ("name_latin", "Zürich"),
                ("name_native", ""),
                ("country", "CH"),
                ("email", "a@zurich.example"),
            ],
        ),
        false,
    )
    .await;

    app.logout().await;
    let found = |html: &str, name: &str| html.contains(&format!("<td>{name}"));
    let q = app.get_html("/members?q=BIOGRAD").await;
    assert!(found(&q, "Biograd na Moru") && !found(&q, "Hiroshima"));
    assert!(found(&app.get_html("/members?q=zurich").await, "Zürich"));
    assert!(
        found(
            &app.get_html("/members?q=%E5%BA%83%E5%B3%B6").await,
            "Hiroshima"
        ),
        "広島"
    );
    assert!(
        found(
            &app.get_html("/members?q=%EC%A0%9C%EC%A3%BC").await,
            "Jeju City"
        ),
        "제주"
    );
    let asia = app.get_html("/members?continent=asia&sort=name").await;
    assert!(found(&asia, "Hiroshima") && found(&asia, "Jeju City") && !found(&asia, "Zürich"));
    assert!(
        asia.find("Hiroshima").unwrap() < asia.find("Jeju City").unwrap(),
        "sorted by name"
    );
}

#[tokio::test]
async fn the_form_keeps_input_and_explains_errors() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let bad = with(
        &ypres(),
        &[
            ("name_latin", "広島市"),
            ("email", "not-an-email"),
            ("country", ""),
            ("population", "many"),
        ],
    );
    let response = apply(&app.client, &app, &bad, Some(b"GIF89a not a pdf".to_vec())).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Please write the name in Latin letters here"));
    assert!(html.contains("Please enter an email address"));
    assert!(html.contains("Please choose a country or region."));
    assert!(html.contains("Please enter the population as a whole number."));
    assert!(html.contains("The letter must be a PDF file."));
    assert!(
        html.contains("value=\"Emmily Talpe\""),
        "what was typed is kept"
    );
    assert!(html.contains("Grote Markt 34\n8900 Ieper"));
    assert!(!html.contains("/join/status/"));
}

#[tokio::test]
async fn a_pdf_letter_is_kept_for_the_reviewer() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (visitor, _) = app.new_browser();
    let pdf = b"%PDF-1.4\n% a letter of intent\n".to_vec();
    assert_eq!(
        apply(&visitor, &app, &ypres(), Some(pdf.clone()))
            .await
            .status(),
        303
    );
    let id = application_id(&app, "Ypres").await;
    let letter = app
        .get(&format!("/staff/applications/{id}/letter.pdf"))
        .await;
    assert_eq!(letter.status(), 200);
    assert!(letter.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(letter.bytes().await.unwrap().to_vec(), pdf);
    assert_eq!(
        visitor
            .get(app.url(&format!("/staff/applications/{id}/letter.pdf")))
            .send()
            .await
            .unwrap()
            .status(),
        303,
        "not for the public"
    );
}

#[tokio::test]
async fn a_filled_honeypot_keeps_nothing_and_too_many_applications_get_429() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let bot = with(&ypres(), &[("nickname", "buy cheap")]);
    let response = apply(&app.client, &app, &bot, None).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
    let queued: i64 = app
        .db
        .run(|conn| Ok(outbox::table.count().get_result(conn)?))
        .await
        .unwrap();
    assert_eq!(queued, 0, "no confirmation for a bot");

    for name in ["Ghent", "Bruges", "Leuven", "Mons", "Liège"] {
        assert_eq!(
            apply(
                &app.client,
                &app,
                &with(&ypres(), &[("name_latin", name)]),
                None
            )
            .await
            .status(),
            303
        );
    }
    let limited = apply(
        &app.client,
        &app,
        &with(&ypres(), &[("name_latin", "Namur")]),
        None,
    )
    .await;
    assert_eq!(limited.status(), 429);
    assert!(limited
        .text()
        .await
        .unwrap()
        .contains("Too many requests in a short time"));
}

#[tokio::test]
async fn staff_ask_for_more_information_and_the_applicant_answers_through_the_status_link() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let (visitor, _) = app.new_browser();
    let response = apply(&visitor, &app, &ypres(), None).await;
    let status_path = response.headers()["location"].to_str().unwrap().to_string();
    let id = application_id(&app, "Ypres").await;

    let asked = app
        .post_form(
            &format!("/staff/applications/{id}/request-information"),
            &[("note", "Please send the council's resolution.")],
        )
        .await;
    assert_eq!(asked.status(), 303);
    let page = visitor
        .get(app.url(&status_path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Please send the council&#39;s resolution.")
            || page.contains("Please send the council's resolution.")
    );
    // The answer is a multipart form (it may carry a file, issue #18).
    let answered = crate::secretariat::answer(
        &visitor,
        &app,
        &status_path,
        "Attached: resolution 2026/14.",
        None,
    )
    .await;
    assert_eq!(answered.status(), 303);
    let detail = app.get_html(&format!("/staff/applications/{id}")).await;
    assert!(detail.contains("Attached: resolution 2026/14."));
    assert!(
        detail.contains("received, under review"),
        "back in the queue"
    );
    let subjects: Vec<String> = app
        .db
        .run(|conn| Ok(outbox::table.select(outbox::subject).load(conn)?))
        .await
        .unwrap();
    assert!(subjects
        .iter()
        .any(|s| s.starts_with("More information needed")));
}

#[tokio::test]
async fn a_rejection_needs_a_reason_which_the_applicant_reads() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let status_path = apply_as_visitor(&app, &ypres()).await;
    let id = application_id(&app, "Ypres").await;
    let refused = app
        .post_ok(&format!("/staff/applications/{id}/reject"), &[("note", "")])
        .await;
    assert_eq!(refused, format!("/staff/applications/{id}"));
    assert!(app
        .get_html(&format!("/staff/applications/{id}"))
        .await
        .contains("Please write the reason or the question"));
    app.post_ok(
        &format!("/staff/applications/{id}/reject"),
        &[("note", "Ypres is already represented by its province.")],
    )
    .await;
    let status = app.get_html(&status_path).await;
    assert!(
        status.contains("not accepted") && status.contains("already represented by its province")
    );
}

#[tokio::test]
async fn emails_to_a_korean_applicant_are_in_korean() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    let incheon = with(
        &ypres(),
        &[
            ("name_latin", "Incheon"),
            ("name_native", "인천광역시"),
            ("country", "KR"),
            ("language", "ko"),
        ],
    );
    apply_as_visitor(&app, &incheon).await;
    let (subject, text): (String, String) = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .select((outbox::subject, outbox::text_body))
                .first(conn)?)
        })
        .await
        .unwrap();
    assert!(subject.starts_with("가입 신청 접수: Incheon"), "{subject}");
    assert!(text.contains("Incheon 의 가입 신청에 감사드립니다."));
}

#[tokio::test]
async fn a_city_user_sees_and_edits_only_its_own_city() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "1")]).await;
    app.create_first_admin().await;
    let ypres_id = registered_city(&app, &ypres(), true).await;
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
    let hannover_id = registered_city(&app, &hannover, false).await;

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
    assert_eq!(accepted.status(), 303);
    assert_eq!(accepted.headers()["location"], "/city");

    let own = app.get_html("/city").await;
    assert!(own.contains("Ypres") && own.contains("peace@ieper.example"));
    assert_eq!(
        app.get(&format!("/staff/members/{hannover_id}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get(&format!("/staff/members/{ypres_id}"))
            .await
            .status(),
        403,
        "not even its own staff page"
    );
    assert_eq!(app.get("/staff/members").await.status(), 403);

    let saved = app
        .post_form(
            "/city/edit",
            &[
                ("mayor_name", "Emmily Talpe"),
                ("mayor_title", "Burgemeester"),
                ("contact_name", "Jan Peeters"),
                ("email", "vrede@ieper.example"),
                ("phone", "+32 57 45 18 00"),
                ("postal_address", "Grote Markt 34\n8900 Ieper"),
                ("website", "https://www.ieper.be"),
                ("population", "35000"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert!(app.get_html("/city").await.contains("vrede@ieper.example"));

    app.logout().await;
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let hannover_page = app.get_html(&format!("/staff/members/{hannover_id}")).await;
    assert!(
        hannover_page.contains("frieden@hannover.example"),
        "the other city is untouched"
    );
    let audit = app
        .get_html("/admin/audit?action=member.contact_update")
        .await;
    assert!(audit.contains("email: peace@ieper.example → vrede@ieper.example"));
}

#[tokio::test]
async fn withdrawal_is_recorded_with_its_reason_and_leaves_the_public_directory() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let city = registered_city(&app, &ypres(), false).await;
    assert!(
        app.get_html("/")
            .await
            .contains("Today: one member city in one country or region."),
        "the home page counts the new member at once"
    );
    let response = app
        .post_form(
            &format!("/staff/members/{city}/status"),
            &[
                ("status", "withdrawn"),
                ("confirm", "withdraw"),
                ("on", "2026-11-30"),
                ("reason", "Council decision"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&format!("/staff/members/{city}")).await;
    assert!(page.contains("Council decision") && page.contains("withdrew"));
    assert!(!app.get_html("/members").await.contains("Ypres"));
    assert!(
        !app.get_html("/").await.contains("Today: 1 member"),
        "nor does the home page count it"
    );
    assert!(app
        .get_html("/admin/audit?action=member.status")
        .await
        .contains("active → withdrawn"));
}

#[tokio::test]
async fn officers_are_listed_with_their_mayors_and_contacts_for_staff_only() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let city = registered_city(&app, &ypres(), false).await;
    let added = app
        .post_form(
            &format!("/staff/members/{city}/roles"),
            &[
                ("role", "vice_president"),
                ("starts_on", "2025-01-01"),
                ("ends_on", ""),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let staff_view = app.get_html("/officers").await;
    assert!(
        staff_view.contains("Vice-president")
            && staff_view.contains("Emmily Talpe")
            && staff_view.contains("peace@ieper.example")
    );
    app.logout().await;
    let public = app.get_html("/officers").await;
    assert!(public.contains("Ypres") && public.contains("Emmily Talpe"));
    assert!(!public.contains("peace@ieper.example"));
}

#[tokio::test]
async fn ending_a_role_through_another_city_is_refused_and_leaves_the_role_as_it_was() {
    use solidarity::schema::city_roles;
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let ypres_id = registered_city(&app, &ypres(), false).await;
    let (other_id, _) = member_city(&app, "Hiroshima", "JP", "a@hiroshima.example", "ja").await;
    app.post_ok(
        &format!("/staff/members/{ypres_id}/roles"),
        &[
            ("role", "executive"),
            ("starts_on", "2025-01-01"),
            ("ends_on", ""),
        ],
    )
    .await;
    let role_id: i64 = app
        .db
        .run(|conn| Ok(city_roles::table.select(city_roles::id).first(conn)?))
        .await
        .unwrap();

    let refused = app
        .post_form(
            &format!("/staff/members/{other_id}/roles/{role_id}/end"),
            &[("ends_on", "2025-06-30")],
        )
        .await;
    assert_eq!(refused.status(), 404, "the role is not the other city's");
    let ends_on: Option<chrono::NaiveDate> = app
        .db
        .run(move |conn| {
            Ok(city_roles::table
                .find(role_id)
                .select(city_roles::ends_on)
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(ends_on, None, "the refusal rolled the end date back");
    assert!(!app
        .get_html("/admin/audit?action=member.role_end")
        .await
        .contains("ends open"));

    let ended = app
        .post_ok(
            &format!("/staff/members/{ypres_id}/roles/{role_id}/end"),
            &[("ends_on", "2025-06-30")],
        )
        .await;
    assert_eq!(ended, format!("/staff/members/{ypres_id}"));
    assert!(app
        .get_html("/admin/audit?action=member.role_end")
        .await
        .contains("executive of city"));
}

#[tokio::test]
async fn a_sister_city_invitation_is_followed_from_invited_to_member() {
    let app = spawn_app().await;
    app.create_first_admin().await;
    let ypres_id = registered_city(&app, &ypres(), true).await;

    // Ypres' contact person accepts the invitation to act for the city.
    let email = app
        .wait_for_email("To: \"Jan Peeters\" <peace@ieper.example>\r\nSubject: Your invitation")
        .await;
    let invitation = link_path(&email, "/invite/").unwrap();
    let (city_user, _) = app.new_browser();
    let accepted = submit(
        &city_user,
        &app.address,
        &invitation,
        &invitation,
        &[
            ("display_name", "Jan Peeters"),
            ("password", "Menin Gate 1927"),
            ("password_confirm", "Menin Gate 1927"),
        ],
    )
    .await;
    assert_eq!(accepted.status(), 303, "the invitation is accepted");

    let sent = submit(
        &city_user,
        &app.address,
        "/city/invitations",
        "/city/invitations",
        &[
            ("city_name", "Poperinge"),
            ("country", "BE"),
            ("email", "mayor@poperinge.example"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(sent.status(), 303);

    let invitation_email = app.wait_for_email("mayor@poperinge.example").await;
    assert!(invitation_email.contains("Ypres invites Poperinge to join Mayors for Peace"));
    let join_link = link_path(&invitation_email, "/join?invitation=").expect("a link to the form");
    let (visitor, _) = app.new_browser();
    let form = visitor
        .get(app.url(&join_link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("value=\"Poperinge\""),
        "the form opens prefilled"
    );
    assert!(form.contains("<option value=\"BE\" selected>"));
    let invitation_token = hidden_value(&form, "invitation").unwrap();
    let mut poperinge: Vec<(&str, &str)> = with(
        &ypres(),
        &[
            ("name_latin", "Poperinge"),
            ("name_native", ""),
            ("email", "mayor@poperinge.example"),
        ],
    );
    poperinge.push(("invitation", &invitation_token));
    assert_eq!(apply(&visitor, &app, &poperinge, None).await.status(), 303);

    let progress = city_user
        .get(app.url("/city/invitations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(progress.contains("<td>Poperinge</td>") && progress.contains("applied"));

    let id = application_id(&app, "Poperinge").await;
    app.post_ok(&format!("/staff/applications/{id}/approve"), &[])
        .await;
    register_all(&app, false).await;
    let progress = city_user
        .get(app.url("/city/invitations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        progress.contains(">member<") || progress.contains("member</td>"),
        "{progress}"
    );
    let staff_view = app.get_html("/staff/invitations").await;
    assert!(staff_view.contains("Poperinge") && staff_view.contains("<td>Ypres</td>"));
    assert!(app
        .get_html("/admin/audit?action=sister")
        .await
        .contains("Ypres invites Poperinge"));
    let _ = ypres_id;
}

#[tokio::test]
async fn admins_add_regions_without_an_iso_code_and_applicants_can_choose_them() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let page = app.get_html("/admin/countries").await;
    assert!(
        page.contains("Somaliland") && page.contains("Northern Cyprus"),
        "known regions are there from the start"
    );
    let added = app
        .post_form(
            "/admin/countries",
            &[
                ("name_en", "Bougainville"),
                ("name_ja", "ブーゲンビル"),
                ("name_ko", ""),
                ("continent", "oceania"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    assert!(app
        .get_html("/join")
        .await
        .contains("<option value=\"X-BOUGAINVILLE\">Bougainville</option>"));
    assert!(app
        .get_html("/admin/audit?action=country")
        .await
        .contains("Bougainville in Oceania"));

    let moved = app
        .post_form(
            "/admin/countries/X-NORTHERN-CYPRUS/continent",
            &[("continent", "europe")],
        )
        .await;
    assert_eq!(moved.status(), 303);
    assert!(app
        .get_html("/admin/audit?action=country.continent")
        .await
        .contains("Northern Cyprus: asia → europe"));
}

#[tokio::test]
async fn the_welcome_email_to_a_korean_city_is_in_korean() {
    let app = spawn_app_with(TestDatabase::fresh(), &[("MAIL_WORKERS", "0")]).await;
    app.create_first_admin().await;
    let incheon = with(
        &ypres(),
        &[
            ("name_latin", "Incheon"),
            ("name_native", "인천광역시"),
            ("country", "KR"),
            ("language", "ko"),
            ("email", "peace@incheon.example"),
        ],
    );
    registered_city(&app, &incheon, false).await;
    let (subject, text): (String, String) = app
        .db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::reference_type.eq("member_city"))
                .select((outbox::subject, outbox::text_body))
                .first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(subject, "평화시장회의에 오신 것을 환영합니다: Incheon");
    assert!(text.contains("회원 번호는 00001 입니다"), "{text}");
    assert!(
        text.contains("년") && text.contains("월 1일"),
        "the start date as Korean writes it: {text}"
    );
}
