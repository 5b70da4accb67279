//! Password hashing with argon2id at OWASP's parameters (argon2's defaults:
//! 19 MiB, two passes, one lane). Each hash takes ~25 ms of CPU and 19 MiB, so it
//! runs on the blocking pool and only a few run at once.

use std::sync::LazyLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::web::AppError;

/// Bounds memory (19 MiB each) and keeps logins from starving page requests.
static HASHING_PERMITS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    Semaphore::new(cores * 2)
});

/// A hash to verify against when the account does not exist, so that the
/// answer takes as long as for a real account and timing reveals nothing.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("no account has this password").unwrap_or_default());

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(AppError::internal)
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = HASHING_PERMITS
        .acquire()
        .await
        .map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
}

/// Checks `password` against `hash`, or against a dummy hash when there is no
/// account (`None`), which always fails after the same amount of work.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let _permit = HASHING_PERMITS
        .acquire()
        .await
        .map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let hash = hash_blocking("correct horse battery staple").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct horse battery staple", &hash));
        assert!(!verify_blocking("correct horse battery stapler", &hash));
        assert!(!verify_blocking("anything", "not a hash"));
    }
}
