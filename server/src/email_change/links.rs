//! Confirmation links as the database keeps them: the token's hash, the account, the address
//! it would become, and whether the link was used.

use crate::store::{Db, Tx, new_id, parse_id, parse_timestamp, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

/// Replaces the account's earlier requests with this one: only the newest link works.
pub async fn replace(
    tx: &mut Tx,
    account_id: Uuid,
    new_email: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let account = account_id.to_string();
    sqlx::query("delete from email_change where account_id = $1 and used_at is null")
        .bind(&account)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "insert into email_change (email_change_id, account_id, new_email, token_hash, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(&account)
    .bind(new_email)
    .bind(token_hash)
    .bind(timestamp(now))
    .bind(timestamp(expires_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Found {
    pub account_id: Uuid,
    pub new_email: String,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Found>, sqlx::Error> {
    let row = sqlx::query(
        "select account_id, new_email, expires_at, used_at from email_change where token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Found {
            account_id: parse_id(row.try_get("account_id")?)?,
            new_email: row.try_get("new_email")?,
            expires_at: parse_timestamp(&row.try_get::<String, _>("expires_at")?)?,
            used: row.try_get::<Option<String>, _>("used_at")?.is_some(),
        })
    })
    .transpose()
}

/// Uses the link if it is still open at `now`, by one conditional statement: the account and
/// the address it becomes, or `None`.
pub async fn use_open(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    let row = sqlx::query(
        "update email_change set used_at = $2
          where token_hash = $1 and used_at is null and expires_at > $2
          returning account_id, new_email",
    )
    .bind(token_hash)
    .bind(timestamp(now))
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| {
        Ok((
            parse_id(row.try_get("account_id")?)?,
            row.try_get("new_email")?,
        ))
    })
    .transpose()
}

/// The account's address and name now, and then its address set to `new_email`, on the
/// account and on each of its memberships, and its other links killed (the Users pages show the member's copy). A unique
/// violation means the address is taken: by another account, or by an invitation waiting in
/// one of the account's workspaces.
pub async fn move_address(
    tx: &mut Tx,
    account_id: Uuid,
    new_email: &str,
    now: DateTime<Utc>,
) -> Result<(String, String), sqlx::Error> {
    let account = account_id.to_string();
    let row = sqlx::query("select email, display_name from account where account_id = $1")
        .bind(&account)
        .fetch_one(&mut **tx)
        .await?;
    let old: (String, String) = (row.try_get("email")?, row.try_get("display_name")?);
    sqlx::query("update account set email = $2, updated_at = $3 where account_id = $1")
        .bind(&account)
        .bind(new_email)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    sqlx::query("update member set email = $2, updated_at = $3 where account_id = $1")
        .bind(&account)
        .bind(new_email)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    // Links mailed to the old address, or asked for before this one, must not outlive it.
    crate::auth::accounts::kill_links(tx, account_id).await?;
    Ok(old)
}

/// Whether any account signs in with `email`.
pub async fn address_taken(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("select account_id from account where email = $1")
            .bind(email)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}
