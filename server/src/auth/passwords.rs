//! Argon2id hashing (docs/security.md §19), always off the async runtime, at most one per core
//! at a time.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// OWASP's minimum for Argon2id: 19 MiB, two passes, one lane.
const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params =
        Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Each hash takes 19 MiB and a core for tens of milliseconds, so more at once than there are
/// cores only adds memory: a burst of sign-ins and accepts queues here instead (a fair queue, in
/// arrival order). Memory then stays near cores × 19 MiB (docs/architecture.md, Performance).
static HASHING: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    Arc::new(Semaphore::new(
        std::thread::available_parallelism().map_or(2, usize::from),
    ))
});

/// Runs `work` on a blocking thread once a core is free for it. The permit goes with the work:
/// a request given up meanwhile does not free its core before the hash is done.
async fn on_a_free_core<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    let permit = HASHING.clone().acquire_owned().await?;
    Ok(tokio::task::spawn_blocking(move || {
        let done = work();
        drop(permit);
        done
    })
    .await?)
}

/// A PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$...`.
pub async fn hash(password: String) -> anyhow::Result<String> {
    on_a_free_core(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| anyhow::anyhow!("hashing failed: {error}"))
    })
    .await?
}

/// The hash of a new password, once it meets the rules (docs/security.md §17–18) with the
/// person's own names and address as `personal`; a rule not met is the `password` field's
/// error. Hashed before any transaction, so a write lock is never held while it runs.
pub async fn hash_new(password: &str, personal: &[&str]) -> Result<String, app::error::AppError> {
    use app::error::{AppError, FieldError, FieldErrors};

    let password = app::domain::Password::parse(password, personal).map_err(|message| {
        AppError::Invalid(FieldErrors(vec![FieldError {
            field: "password".into(),
            message,
        }]))
    })?;
    hash_checked(&password).await
}

/// The hash of a password that has met the rules.
pub async fn hash_checked(
    password: &app::domain::Password,
) -> Result<String, app::error::AppError> {
    hash(password.expose().to_owned()).await.map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        app::error::AppError::Unexpected
    })
}

/// True when `password` matches `phc`. A malformed hash never matches.
pub async fn verify(password: String, phc: String) -> bool {
    on_a_free_core(move || {
        PasswordHash::new(&phc)
            .is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_required_cost_and_verify() {
        let phc = hash("correct horse battery staple".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery staple".into(), phc.clone()).await);
        assert!(!verify("correct horse battery stapl".into(), phc).await);
    }

    #[tokio::test]
    async fn long_passwords_are_not_truncated() {
        let long = "x".repeat(1000);
        let phc = hash(long.clone()).await.unwrap();
        assert!(!verify(format!("{long}y"), phc.clone()).await);
        assert!(!verify("x".repeat(999), phc).await);
    }

    #[tokio::test]
    async fn a_malformed_hash_never_matches() {
        assert!(!verify("anything".into(), "not a phc string".into()).await);
    }
}
