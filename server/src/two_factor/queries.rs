//! An account's authenticator-app secret (sealed) and recovery codes (hashed), as the
//! `totp_factor` and `recovery_code` tables keep them.

use crate::store::{Db, Tx, parse_timestamp, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

/// The account's secret, sealed, and when two-factor authentication was turned on with it.
pub struct StoredFactor {
    pub sealed_secret: String,
    pub confirmed_at: Option<DateTime<Utc>>,
}

pub async fn factor(db: &Db, account_id: Uuid) -> Result<Option<StoredFactor>, sqlx::Error> {
    let row =
        sqlx::query("select sealed_secret, confirmed_at from totp_factor where account_id = $1")
            .bind(account_id.to_string())
            .fetch_optional(db.pool())
            .await?;
    row.map(|row| {
        let confirmed: Option<String> = row.try_get("confirmed_at")?;
        Ok(StoredFactor {
            sealed_secret: row.try_get("sealed_secret")?,
            confirmed_at: confirmed.as_deref().map(parse_timestamp).transpose()?,
        })
    })
    .transpose()
}

/// Turns two-factor authentication on with a secret whose code of `step` was just given; a
/// factor already on stays as it is (`false`).
pub async fn turn_on(
    tx: &mut Tx,
    account_id: Uuid,
    sealed_secret: &str,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "insert into totp_factor (account_id, sealed_secret, created_at, confirmed_at, last_used_step)
         values ($1, $2, $3, $3, $4)
         on conflict (account_id) do nothing",
    )
    .bind(account_id.to_string())
    .bind(sealed_secret)
    .bind(timestamp(now))
    .bind(step)
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Accepts a code of `step` for the account: one conditional statement moves the last used
/// step forward, so a code (or an older one) is accepted once, even by two requests at the
/// same moment (docs/security.md §38).
pub async fn accept_step(tx: &mut Tx, account_id: Uuid, step: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update totp_factor set last_used_step = $2
          where account_id = $1 and confirmed_at is not null and last_used_step < $2",
    )
    .bind(account_id.to_string())
    .bind(step)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Turns two-factor authentication off: the secret and every recovery code go.
pub async fn remove(tx: &mut Tx, account_id: Uuid) -> Result<(), sqlx::Error> {
    let account = account_id.to_string();
    sqlx::query("delete from recovery_code where account_id = $1")
        .bind(&account)
        .execute(&mut **tx)
        .await?;
    sqlx::query("delete from totp_factor where account_id = $1")
        .bind(&account)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Replaces the account's recovery codes with these hashes.
pub async fn replace_recovery_codes(
    tx: &mut Tx,
    account_id: Uuid,
    hashes: &[String],
) -> Result<(), sqlx::Error> {
    let account = account_id.to_string();
    sqlx::query("delete from recovery_code where account_id = $1")
        .bind(&account)
        .execute(&mut **tx)
        .await?;
    for hash in hashes {
        sqlx::query("insert into recovery_code (account_id, code_hash) values ($1, $2)")
            .bind(&account)
            .bind(hash)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Uses a recovery code by its hash: one conditional statement, so it works once.
pub async fn use_recovery_code(
    tx: &mut Tx,
    account_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update recovery_code set used_at = $3
          where account_id = $1 and code_hash = $2 and used_at is null",
    )
    .bind(account_id.to_string())
    .bind(hash)
    .bind(timestamp(now))
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn recovery_codes_left(db: &Db, account_id: Uuid) -> Result<u32, sqlx::Error> {
    let left: i64 = sqlx::query_scalar(
        "select count(*) from recovery_code where account_id = $1 and used_at is null",
    )
    .bind(account_id.to_string())
    .fetch_one(db.pool())
    .await?;
    Ok(u32::try_from(left).unwrap_or(u32::MAX))
}
