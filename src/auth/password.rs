//! Password hashing with argon2id at OWASP's parameters (argon2's defaults:
//! 19 MiB, two passes, one lane). Each hash takes ~25 ms of CPU and 19 MiB.
//!
//! Hashes run on a few dedicated threads, not on tokio's blocking pool: the
//! allocator keeps each thread's freed 19 MiB blocks for that thread, so hashing
//! on many pool threads grew the process by a gigabyte under a login burst
//! (found by the load test); on a fixed handful of threads it stays bounded.

use std::sync::{mpsc, Arc, LazyLock, Mutex};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::oneshot;

use super::AuthError;

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads, one per core: enough to use the CPU, few enough that
/// logins cannot starve page requests or memory. Jobs wait in the channel.
static HASHERS: LazyLock<Mutex<mpsc::Sender<Job>>> = LazyLock::new(|| {
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    for n in 0..threads {
        let queue = queue.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("argon2-{n}"))
            .spawn(move || loop {
                // The lock is held only while taking a job, not while running it.
                let next = match queue.lock() {
                    Ok(queue) => queue.recv(),
                    Err(_) => return,
                };
                match next {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start a password hashing thread");
        }
    }
    Mutex::new(jobs)
});

/// Runs `work` on a hashing thread and waits for it without blocking the
/// async executor.
async fn on_hashing_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    let (done, result) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    HASHERS
        .lock()
        .map_err(|_| AuthError::Hashing("password hashing threads unavailable".into()))?
        .send(job)
        .map_err(|_| AuthError::Hashing("password hashing threads stopped".into()))?;
    result
        .await
        .map_err(|_| AuthError::Hashing("password hashing was interrupted".into()))
}

/// A hash to verify against when the account does not exist, so that the
/// answer takes as long as for a real account and timing reveals nothing.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("no account has this password").unwrap_or_default());

pub fn hash_blocking(password: &str) -> Result<String, AuthError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError::Hashing(e.to_string()))
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

pub async fn hash(password: String) -> Result<String, AuthError> {
    on_hashing_thread(move || hash_blocking(&password)).await?
}

/// Checks `password` against `hash`, or against a dummy hash when there is no
/// account (`None`), which always fails after the same amount of work.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AuthError> {
    on_hashing_thread(move || match hash {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
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
