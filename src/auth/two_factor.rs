//! The second factor: time-based one-time codes (TOTP, RFC 6238: HMAC-SHA-1,
//! six digits, 30-second steps, one step of clock drift either way) from an
//! authenticator app, and ten single-use recovery codes for a lost device.
//!
//! Each code works once: the last step used is kept and an older or equal one
//! is refused (RFC 6238 §5.2). Recovery codes are kept as SHA-256 only.

use std::collections::HashSet;

use base64::Engine;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::db::{DbConn, DbResult};
use crate::domain::random;
use crate::schema::{recovery_codes, two_factor};

/// The name authenticator apps show beside the account.
pub const ISSUER: &str = "Solidarity";
const DIGITS: usize = 6;
const STEP_SECONDS: u64 = 30;
const SKEW_STEPS: i64 = 1;
const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODES: usize = 10;

/// A new shared secret: 160 random bits, base32 as apps expect it.
pub fn new_secret() -> String {
    let mut bytes = vec![0u8; SECRET_BYTES];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    match Secret::Raw(bytes).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS, bytes).ok()
}

/// The time step (`unix_time / 30`) within one step of `unix_time` whose code
/// `code` is, if any.
pub fn matching_step(secret: &str, code: &str, unix_time: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret)?;
    let now_step = unix_time.div_euclid(STEP_SECONDS as i64);
    (now_step - SKEW_STEPS..=now_step + SKEW_STEPS).find(|step| {
        u64::try_from(*step).is_ok_and(|s| {
            constant_time_eq(totp.generate(s * STEP_SECONDS).as_bytes(), code.as_bytes())
        })
    })
}

/// The code of `secret` at `unix_time` (what the app shows then).
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    Some(totp(secret)?.generate(unix_time))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` link that the QR code carries (Key Uri Format).
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        issuer = percent_encode(ISSUER),
        account = percent_encode(account),
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The QR code of `uri` as an SVG image in a `data:` URL (drawn here, no
/// script, no other site; the content security policy allows `data:` images).
pub fn qr_data_url(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// Ten new recovery codes as shown to the user (`k7f3q-9xw2m`).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
            let chars: String = bytes
                .iter()
                .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// A recovery code as typed (any case, with or without the dash) to its hash.
fn recovery_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    random::hash_token(&normal)
}

pub fn is_enrolled(conn: &mut DbConn, user_id: i64) -> DbResult<bool> {
    let count: i64 = two_factor::table
        .filter(two_factor::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// The accounts that have a second factor.
pub fn enrolled_users(conn: &mut DbConn) -> DbResult<HashSet<i64>> {
    Ok(two_factor::table
        .select(two_factor::user_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Recovery codes not yet used.
pub fn recovery_codes_left(conn: &mut DbConn, user_id: i64) -> DbResult<i64> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Turns the second factor on (replacing any earlier one) with the secret
/// confirmed at `step`, and the recovery codes (stored hashed).
pub fn enable(
    conn: &mut DbConn,
    user_id: i64,
    secret: &str,
    step: i64,
    codes: &[String],
    now: NaiveDateTime,
) -> DbResult<()> {
    reset(conn, user_id)?;
    diesel::insert_into(two_factor::table)
        .values((
            two_factor::user_id.eq(user_id),
            two_factor::secret.eq(secret),
            two_factor::last_step.eq(step),
            two_factor::enabled_at.eq(now),
        ))
        .execute(conn)?;
    for code in codes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(recovery_hash(code)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the second factor and the recovery codes.
pub fn reset(conn: &mut DbConn, user_id: i64) -> DbResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(two_factor::table.filter(two_factor::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// How a second-factor code was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Totp,
    RecoveryCode,
}

/// Accepts `code` once: a current TOTP code of a step after the last one
/// used, or an unused recovery code (then used up). Call inside a write
/// transaction.
pub fn use_code(
    conn: &mut DbConn,
    user_id: i64,
    code: &str,
    now: NaiveDateTime,
) -> DbResult<Option<Accepted>> {
    let secret: Option<String> = two_factor::table
        .find(user_id)
        .select(two_factor::secret)
        .first(conn)
        .optional()?;
    let Some(secret) = secret else {
        return Ok(None);
    };
    if let Some(step) = matching_step(&secret, code, now.and_utc().timestamp()) {
        let taken = diesel::update(
            two_factor::table
                .find(user_id)
                .filter(two_factor::last_step.lt(step)),
        )
        .set(two_factor::last_step.eq(step))
        .execute(conn)?;
        return Ok((taken == 1).then_some(Accepted::Totp));
    }
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(recovery_hash(code)))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(now))
    .execute(conn)?;
    Ok((used > 0).then_some(Accepted::RecoveryCode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s.
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => unreachable!(),
        };
        // The RFC's 8-digit 94287082 ends in these six digits.
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        assert_eq!(matching_step(&secret, "287082", 59), Some(1));
        assert_eq!(
            matching_step(&secret, "287082", 59 + 30),
            Some(1),
            "one step late"
        );
        assert_eq!(matching_step(&secret, "287082", 59 + 90), None, "too late");
        assert_eq!(matching_step(&secret, "28708", 59), None);
    }

    #[test]
    fn secrets_and_recovery_codes_are_random_and_readable() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret());
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), RECOVERY_CODES);
        assert!(codes
            .iter()
            .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'));
        assert_eq!(recovery_hash("ABCDE-12345"), recovery_hash("abcde12345"));
        let uri = otpauth_uri(&secret, "a b@example.org");
        assert!(uri.starts_with("otpauth://totp/Solidarity:a%20b@example.org?secret="));
        assert!(qr_data_url(&uri).is_some_and(|u| u.starts_with("data:image/svg+xml;base64,")));
    }
}
