//! Reset links as the database keeps them: the token's hash, the account, and whether and when
//! the link was used.

use crate::store::{Db, Tx, new_id, parse_id, parse_timestamp, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

pub async fn insert(
    tx: &mut Tx,
    account_id: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into password_reset (password_reset_id, account_id, token_hash, created_at, expires_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(account_id.to_string())
    .bind(token_hash)
    .bind(timestamp(now))
    .bind(timestamp(expires_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A link found by its token's hash, with the account it resets.
pub struct Found {
    pub account_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Found>, sqlx::Error> {
    let row = sqlx::query(
        "select r.account_id, a.email, a.display_name, r.expires_at, r.used_at
           from password_reset r join account a on a.account_id = r.account_id
          where r.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Found {
            account_id: parse_id(row.try_get("account_id")?)?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            expires_at: parse_timestamp(&row.try_get::<String, _>("expires_at")?)?,
            used: row.try_get::<Option<String>, _>("used_at")?.is_some(),
        })
    })
    .transpose()
}

/// Uses the link, if it is still open at `now`: one conditional statement, so of two uses at
/// the same moment exactly one wins (docs/security.md §3, §36). The account it resets, or
/// `None`. Setting the password then deletes the account's links, this one included.
pub async fn use_open(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let used: Option<String> = sqlx::query_scalar(
        "update password_reset set used_at = $2
          where token_hash = $1 and used_at is null and expires_at > $2
          returning account_id",
    )
    .bind(token_hash)
    .bind(timestamp(now))
    .fetch_optional(&mut **tx)
    .await?;
    used.as_deref().map(parse_id).transpose()
}
