//! The database schema, shared by SQLite and PostgreSQL.
//!
//! Kept by hand with portable types only (BigInt, Integer, Text, Bool, Timestamp):
//! the two migration trees under `migrations/` must produce exactly these columns,
//! which `tests/api/schema_parity.rs` checks on both backends.

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        language -> Nullable<Text>,
        session_epoch -> Integer,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
        city_id -> Nullable<BigInt>,
        time_zone -> Nullable<Text>,
    }
}

diesel::table! {
    setup_tokens (id) {
        id -> BigInt,
        token_hash -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        role -> Text,
        token_hash -> Text,
        invited_by -> Nullable<BigInt>,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        city_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        email_key -> Text,
        client_ip -> Nullable<Text>,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    user_sessions (id_hash) {
        id_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    two_factor (user_id) {
        user_id -> BigInt,
        secret -> Text,
        last_step -> BigInt,
        enabled_at -> Timestamp,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(user_sessions -> users (user_id));
diesel::joinable!(two_factor -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        actor_email -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<Text>,
        summary -> Text,
        ip -> Nullable<Text>,
    }
}

diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(invitations -> users (invited_by));

diesel::table! {
    outbox (id) {
        id -> BigInt,
        idempotency_key -> Text,
        recipient_email -> Text,
        recipient_name -> Nullable<Text>,
        cc -> Nullable<Text>,
        subject -> Text,
        text_body -> Text,
        html_body -> Nullable<Text>,
        reference_type -> Nullable<Text>,
        reference_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        message_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        list_unsubscribe -> Nullable<Text>,
    }
}

diesel::table! {
    countries (code) {
        code -> Text,
        name_en -> Text,
        name_ja -> Nullable<Text>,
        name_ko -> Nullable<Text>,
        continent -> Text,
        iso -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    member_cities (id) {
        id -> BigInt,
        member_number -> Integer,
        name_latin -> Text,
        name_native -> Nullable<Text>,
        search_key -> Text,
        duplicate_key -> Text,
        country_code -> Text,
        province -> Nullable<Text>,
        mayor_name -> Nullable<Text>,
        mayor_title -> Nullable<Text>,
        contact_name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        postal_address -> Nullable<Text>,
        website -> Nullable<Text>,
        population -> Nullable<BigInt>,
        language -> Text,
        join_date -> Date,
        join_precision -> Text,
        status -> Text,
        withdrawn_on -> Nullable<Date>,
        withdrawal_reason -> Nullable<Text>,
        application_id -> Nullable<BigInt>,
        demo -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    membership_events (id) {
        id -> BigInt,
        city_id -> BigInt,
        kind -> Text,
        occurred_on -> Date,
        note -> Nullable<Text>,
        actor_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    city_roles (id) {
        id -> BigInt,
        city_id -> BigInt,
        role -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The countries or regions a lead city leads (issue #17).
    city_role_regions (role_id, country_code) {
        role_id -> BigInt,
        country_code -> Text,
    }
}

diesel::joinable!(city_role_regions -> city_roles (role_id));
diesel::joinable!(city_role_regions -> countries (country_code));
diesel::allow_tables_to_appear_in_same_query!(city_role_regions, city_roles);
diesel::allow_tables_to_appear_in_same_query!(city_role_regions, countries);
diesel::allow_tables_to_appear_in_same_query!(city_role_regions, member_cities);

diesel::table! {
    applications (id) {
        id -> BigInt,
        reference -> Text,
        status_token_hash -> Text,
        status -> Text,
        name_latin -> Text,
        name_native -> Nullable<Text>,
        duplicate_key -> Text,
        country_code -> Text,
        province -> Nullable<Text>,
        mayor_name -> Text,
        mayor_title -> Text,
        contact_name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        postal_address -> Text,
        website -> Nullable<Text>,
        population -> Nullable<BigInt>,
        message -> Nullable<Text>,
        language -> Text,
        duplicate_city_id -> Nullable<BigInt>,
        duplicate_application_id -> Nullable<BigInt>,
        invitation_id -> Nullable<BigInt>,
        decision_reason -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<BigInt>,
        city_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    application_files (id) {
        id -> BigInt,
        application_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        bytes -> Binary,
        created_at -> Timestamp,
        message_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    application_messages (id) {
        id -> BigInt,
        application_id -> BigInt,
        from_applicant -> Bool,
        author_id -> Nullable<BigInt>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    registration_runs (id) {
        id -> BigInt,
        run_on -> Date,
        membership_starts_on -> Date,
        registered -> Integer,
        started_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sister_invitations (id) {
        id -> BigInt,
        inviting_city_id -> Nullable<BigInt>,
        invited_by -> Nullable<BigInt>,
        city_name -> Text,
        country_code -> Text,
        email -> Text,
        language -> Text,
        token_hash -> Text,
        application_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    rate_limits (bucket, window_start) {
        bucket -> Text,
        window_start -> Timestamp,
        hits -> Integer,
    }
}

diesel::table! {
    membership_tallies (kind, item) {
        kind -> Text,
        item -> Text,
        cities -> BigInt,
    }
}

// The directory's name search (migration 000130): pieces of each city's
// search key, kept by triggers; positions feed SQLite's triggers.
diesel::table! {
    member_city_grams (gram, city_id) {
        gram -> Text,
        city_id -> BigInt,
    }
}

diesel::table! {
    member_city_gram_positions (i) {
        i -> Integer,
    }
}

diesel::joinable!(member_cities -> countries (country_code));
diesel::joinable!(applications -> countries (country_code));
diesel::joinable!(city_roles -> member_cities (city_id));
diesel::joinable!(membership_events -> member_cities (city_id));
diesel::joinable!(users -> member_cities (city_id));

diesel::table! {
    jobs (name) {
        name -> Text,
        schedule_kind -> Text,
        day_of_month -> Nullable<Integer>,
        minute_of_day -> Integer,
        paused -> Bool,
        next_run_at -> Nullable<Timestamp>,
        lease_holder -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    job_runs (id) {
        id -> BigInt,
        job -> Text,
        manual -> Bool,
        started_by -> Nullable<BigInt>,
        holder -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        outcome -> Text,
        items -> Nullable<BigInt>,
        detail -> Nullable<Text>,
        error -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    users,
    jobs,
    job_runs,
    setup_tokens,
    invitations,
    login_failures,
    user_sessions,
    two_factor,
    recovery_codes,
    audit_log,
    outbox,
    countries,
    member_cities,
    member_city_grams,
    member_city_gram_positions,
    membership_events,
    city_roles,
    applications,
    application_files,
    application_messages,
    registration_runs,
    sister_invitations,
    settings,
    rate_limits,
    membership_tallies,
    petitions,
    petition_submissions,
    petition_signatures,
    petition_paper_batches,
    petition_tallies,
    petition_hourly_tallies,
    petition_blocked_domains,
    dues_years,
    dues_entries,
    dues_allocations,
    dues_reminders,
    dues_reminder_opt_outs,
    dues_imports,
    dues_import_rows,
    exhibitions,
    poster_sets,
    exhibition_loans,
    exhibition_photos,
    poster_files,
    poster_downloads,
    exhibition_feeds,
    letters,
    letter_versions,
    letter_reviews,
    letter_tallies,
    letter_exclusions,
    letter_translations,
    letter_translation_versions,
    campaigns,
    campaign_versions,
    campaign_unsubscribes,
);

diesel::table! {
    petitions (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        body_markdown -> Text,
        addressee -> Text,
        goal -> BigInt,
        opens_on -> Date,
        closes_on -> Date,
        status -> Text,
        retention_days -> Integer,
        anonymised_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
        summary -> Text,
    }
}

diesel::table! {
    petition_submissions (id) {
        id -> BigInt,
        petition_id -> BigInt,
        email -> Nullable<Text>,
        email_key -> Nullable<Text>,
        email_domain -> Nullable<Text>,
        language -> Text,
        keep_informed -> Bool,
        status -> Text,
        ip -> Nullable<Text>,
        expires_at -> Timestamp,
        last_sent_at -> Timestamp,
        created_at -> Timestamp,
        verified_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    petition_signatures (id) {
        id -> BigInt,
        submission_id -> BigInt,
        petition_id -> BigInt,
        name -> Nullable<Text>,
        country_code -> Text,
        city -> Nullable<Text>,
        is_submitter -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    petition_paper_batches (id) {
        id -> BigInt,
        petition_id -> BigInt,
        city_id -> Nullable<BigInt>,
        recorded_by -> Nullable<BigInt>,
        signatures -> BigInt,
        country_code -> Text,
        collected_from -> Date,
        collected_to -> Date,
        handed_over_on -> Date,
        note -> Nullable<Text>,
        scan_name -> Nullable<Text>,
        scan -> Nullable<Binary>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    petition_tallies (petition_id, country_code) {
        petition_id -> BigInt,
        country_code -> Text,
        online -> BigInt,
        paper -> BigInt,
        counted_at -> Timestamp,
    }
}

diesel::table! {
    petition_hourly_tallies (petition_id, hour) {
        petition_id -> BigInt,
        hour -> Timestamp,
        signatures -> BigInt,
    }
}

diesel::table! {
    petition_blocked_domains (domain) {
        domain -> Text,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(petition_signatures -> petition_submissions (submission_id));
diesel::joinable!(petition_submissions -> petitions (petition_id));

// ---------------------------------------------------------------- dues

diesel::table! {
    dues_years (fiscal_year) {
        fiscal_year -> Integer,
        fee_jpy -> BigInt,
        last_receipt_number -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    dues_entries (id) {
        id -> BigInt,
        city_id -> BigInt,
        kind -> Text,
        received_on -> Date,
        amount_minor -> BigInt,
        currency -> Text,
        exchange_rate -> Nullable<Text>,
        amount_jpy -> BigInt,
        method -> Nullable<Text>,
        reference -> Nullable<Text>,
        note -> Nullable<Text>,
        reverses_id -> Nullable<BigInt>,
        receipt_number -> Nullable<Text>,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_allocations (id) {
        id -> BigInt,
        entry_id -> BigInt,
        city_id -> BigInt,
        fiscal_year -> Integer,
        amount_jpy -> BigInt,
    }
}

diesel::table! {
    dues_reminders (id) {
        id -> BigInt,
        city_id -> BigInt,
        fiscal_year -> Integer,
        outbox_id -> Nullable<BigInt>,
        sent_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_reminder_opt_outs (city_id) {
        city_id -> BigInt,
        opted_out_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_imports (id) {
        id -> BigInt,
        file_name -> Text,
        row_count -> Integer,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_import_rows (id) {
        id -> BigInt,
        import_id -> BigInt,
        line_number -> Integer,
        received_on -> Nullable<Date>,
        amount_minor -> Nullable<BigInt>,
        currency -> Nullable<Text>,
        description -> Text,
        problem -> Nullable<Text>,
        city_id -> Nullable<BigInt>,
        matched_by -> Nullable<Text>,
        posted_at -> Nullable<Timestamp>,
        entry_id -> Nullable<BigInt>,
    }
}

diesel::joinable!(dues_entries -> member_cities (city_id));
diesel::joinable!(dues_allocations -> dues_entries (entry_id));
diesel::joinable!(dues_reminders -> member_cities (city_id));
diesel::joinable!(dues_import_rows -> dues_imports (import_id));

// ---------------------------------------------------------------- exhibitions

diesel::table! {
    exhibitions (id) {
        id -> BigInt,
        city_id -> Nullable<BigInt>,
        organisation_name -> Nullable<Text>,
        organisation_contact -> Nullable<Text>,
        organisation_email -> Nullable<Text>,
        event_plan -> Nullable<Text>,
        language -> Text,
        title -> Text,
        venue -> Text,
        address -> Text,
        country_code -> Text,
        starts_on -> Date,
        ends_on -> Date,
        opens_at -> Nullable<Text>,
        closes_at -> Nullable<Text>,
        time_zone -> Text,
        expected_visitors -> Nullable<Integer>,
        poster_language -> Text,
        format -> Text,
        status -> Text,
        publish -> Bool,
        decision_reason -> Nullable<Text>,
        actual_visitors -> Nullable<Integer>,
        report_comments -> Nullable<Text>,
        reported_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    poster_sets (id) {
        id -> BigInt,
        code -> Text,
        language -> Text,
        size -> Text,
        panels -> Integer,
        condition -> Text,
        location -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exhibition_loans (id) {
        id -> BigInt,
        exhibition_id -> BigInt,
        poster_set_id -> BigInt,
        ships_on -> Date,
        returns_on -> Date,
        cancelled_at -> Nullable<Timestamp>,
        return_condition -> Nullable<Text>,
        returned_at -> Nullable<Timestamp>,
        booked_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exhibition_photos (id) {
        id -> BigInt,
        exhibition_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        bytes -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    poster_files (id) {
        id -> BigInt,
        language -> Text,
        title -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        bytes -> Binary,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    poster_downloads (id) {
        id -> BigInt,
        file_id -> BigInt,
        city_id -> BigInt,
        user_id -> Nullable<BigInt>,
        downloaded_at -> Timestamp,
    }
}

diesel::table! {
    exhibition_feeds (city_id) {
        city_id -> BigInt,
        token_hash -> Text,
        generation -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(exhibitions -> member_cities (city_id));
diesel::joinable!(exhibitions -> countries (country_code));
diesel::joinable!(exhibition_loans -> exhibitions (exhibition_id));
diesel::joinable!(exhibition_loans -> poster_sets (poster_set_id));
diesel::joinable!(exhibition_photos -> exhibitions (exhibition_id));
diesel::joinable!(poster_downloads -> poster_files (file_id));

// ---------------------------------------------------------------- letters and campaigns

diesel::table! {
    letters (id) {
        id -> BigInt,
        kind -> Text,
        target_country -> Nullable<Text>,
        occasion -> Text,
        occasion_on -> Nullable<Date>,
        addressee_name -> Text,
        addressee_title -> Text,
        addressee_emails -> Text,
        subject -> Text,
        body_markdown -> Text,
        signatories -> Text,
        language -> Text,
        status -> Text,
        version -> Integer,
        approval_rule -> Text,
        review_deadline -> Nullable<Date>,
        running_count -> Nullable<Integer>,
        sent_on -> Nullable<Date>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    letter_versions (id) {
        id -> BigInt,
        letter_id -> BigInt,
        version -> Integer,
        subject -> Text,
        addressee -> Text,
        body_markdown -> Text,
        signatories -> Text,
        edited_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    letter_reviews (id) {
        id -> BigInt,
        letter_id -> BigInt,
        version -> Integer,
        city_id -> BigInt,
        role -> Text,
        email -> Text,
        answer -> Nullable<Text>,
        comment -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    letter_tallies (country_code) {
        country_code -> Text,
        letters -> Integer,
        as_of_year -> Integer,
        source -> Text,
    }
}

diesel::table! {
    campaigns (id) {
        id -> BigInt,
        subject -> Text,
        body -> Text,
        essential -> Bool,
        continent -> Nullable<Text>,
        country_code -> Nullable<Text>,
        role -> Nullable<Text>,
        dues_unpaid -> Bool,
        pasted_list -> Nullable<Text>,
        status -> Text,
        recipient_count -> Integer,
        created_by -> Nullable<BigInt>,
        requested_by -> Nullable<BigInt>,
        approved_by -> Nullable<BigInt>,
        started_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        no_exhibition_held -> Bool,
        language -> Text,
    }
}

diesel::table! {
    campaign_versions (id) {
        id -> BigInt,
        campaign_id -> BigInt,
        language -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    campaign_unsubscribes (city_id) {
        city_id -> BigInt,
        campaign_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(letter_versions -> letters (letter_id));
diesel::joinable!(letter_reviews -> letters (letter_id));
diesel::joinable!(letter_reviews -> member_cities (city_id));
diesel::joinable!(campaign_versions -> campaigns (campaign_id));

diesel::table! {
    letter_exclusions (id) {
        id -> BigInt,
        letter_id -> BigInt,
        city_id -> BigInt,
        reason -> Text,
        excluded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    letter_translations (id) {
        id -> BigInt,
        letter_id -> BigInt,
        language -> Text,
        subject -> Text,
        body_markdown -> Text,
        signatories -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    letter_translation_versions (id) {
        id -> BigInt,
        translation_id -> BigInt,
        version -> Integer,
        subject -> Text,
        body_markdown -> Text,
        signatories -> Text,
        edited_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(letter_exclusions -> letters (letter_id));
diesel::joinable!(letter_exclusions -> member_cities (city_id));
diesel::joinable!(letter_translations -> letters (letter_id));
diesel::joinable!(letter_translation_versions -> letter_translations (translation_id));

diesel::table! {
    city_changes (id) {
        id -> BigInt,
        city_id -> BigInt,
        field -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        source -> Text,
        actor_id -> Nullable<BigInt>,
        changed_at -> Timestamp,
    }
}

diesel::joinable!(city_changes -> member_cities (city_id));
diesel::allow_tables_to_appear_in_same_query!(city_changes, users);
diesel::allow_tables_to_appear_in_same_query!(city_changes, member_cities);

// ---------------------------------------------------------------- petitions in several languages

diesel::table! {
    petition_translations (id) {
        id -> BigInt,
        petition_id -> BigInt,
        language -> Text,
        title -> Text,
        summary -> Text,
        body_markdown -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    petition_milestones (id) {
        id -> BigInt,
        petition_id -> BigInt,
        signatures -> BigInt,
        reached_at -> Timestamp,
        announced_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    petition_updates (id) {
        id -> BigInt,
        petition_id -> BigInt,
        milestone_id -> Nullable<BigInt>,
        subject -> Text,
        recipients -> BigInt,
        sent_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

// ---------------------------------------------------------------- meetings

diesel::table! {
    meetings (id) {
        id -> BigInt,
        kind -> Text,
        title_en -> Text,
        title_ja -> Nullable<Text>,
        title_ko -> Nullable<Text>,
        starts_on -> Date,
        ends_on -> Date,
        venue -> Text,
        country_code -> Text,
        time_zone -> Text,
        interpretation -> Text,
        registration_opens_on -> Date,
        registration_closes_on -> Date,
        capacity_total -> Integer,
        capacity_per_city -> Integer,
        audience -> Text,
        audience_detail -> Nullable<Text>,
        published -> Bool,
        invitations_sent_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_invitations (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        city_id -> BigInt,
        status -> Text,
        arrival_on -> Nullable<Date>,
        departure_on -> Nullable<Date>,
        interpretation -> Nullable<Text>,
        accessibility -> Nullable<Text>,
        dietary -> Nullable<Text>,
        invited_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
        reminded_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_delegates (id) {
        id -> BigInt,
        invitation_id -> BigInt,
        meeting_id -> BigInt,
        name -> Text,
        title -> Text,
        email -> Text,
        is_mayor -> Bool,
        visa_letter -> Bool,
        visa_letter_issued_at -> Nullable<Timestamp>,
        attended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    meeting_outcomes (letter_id) {
        letter_id -> BigInt,
        meeting_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::joinable!(meeting_invitations -> meetings (meeting_id));
diesel::joinable!(meeting_invitations -> member_cities (city_id));
diesel::joinable!(meeting_delegates -> meeting_invitations (invitation_id));
diesel::joinable!(meeting_outcomes -> meetings (meeting_id));
diesel::joinable!(meeting_outcomes -> letters (letter_id));
diesel::allow_tables_to_appear_in_same_query!(
    meetings,
    meeting_invitations,
    meeting_delegates,
    meeting_outcomes
);
diesel::allow_tables_to_appear_in_same_query!(meetings, member_cities);
diesel::allow_tables_to_appear_in_same_query!(meetings, countries);
diesel::allow_tables_to_appear_in_same_query!(meetings, letters);
diesel::allow_tables_to_appear_in_same_query!(meeting_invitations, member_cities);
diesel::allow_tables_to_appear_in_same_query!(meeting_invitations, countries);
diesel::allow_tables_to_appear_in_same_query!(meeting_delegates, member_cities);
diesel::allow_tables_to_appear_in_same_query!(meeting_delegates, countries);
diesel::allow_tables_to_appear_in_same_query!(meeting_outcomes, letters);
