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
    }
}

diesel::table! {
    login_throttle (email_key) {
        email_key -> Text,
        failures -> Integer,
        last_failure_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

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
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    users,
    setup_tokens,
    invitations,
    login_throttle,
    audit_log,
    outbox
);
