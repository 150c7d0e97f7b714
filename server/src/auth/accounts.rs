//! Accounts: a person's identity across workspaces.

use crate::store::{Db, Tx, parse_id, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

/// What sign-in and a password reset need: the hash to verify, the name to greet and the
/// workspace to land in.
pub struct Credentials {
    pub account_id: Uuid,
    pub display_name: String,
    pub password_hash: String,
    /// The most recently joined workspace where the membership is active; `None` when the
    /// account has no active membership (it cannot sign in).
    pub workspace_id: Option<Uuid>,
    /// Whether signing in needs a code after the password (docs/security.md §38).
    pub two_factor: bool,
}

pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row = sqlx::query(
        "select a.account_id, a.display_name, a.password_hash,
                (select m.workspace_id from member m
                  where m.account_id = a.account_id and m.state = 'active'
                  order by m.joined_at desc limit 1) as workspace_id,
                (select count(*) from totp_factor t
                  where t.account_id = a.account_id and t.confirmed_at is not null) as two_factor
           from account a
          where a.email = $1",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let workspace_id: Option<String> = row.try_get("workspace_id")?;
        Ok(Credentials {
            account_id: parse_id(row.try_get("account_id")?)?,
            display_name: row.try_get("display_name")?,
            password_hash: row.try_get("password_hash")?,
            workspace_id: workspace_id.as_deref().map(parse_id).transpose()?,
            two_factor: row.try_get::<i64, _>("two_factor")? > 0,
        })
    })
    .transpose()
}

/// The workspaces where the account is an active member, by name.
pub async fn workspaces(db: &Db, account_id: Uuid) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "select w.workspace_id, w.name from member m
           join workspace w on w.workspace_id = m.workspace_id
          where m.account_id = $1 and m.state = 'active'
          order by lower(w.name), w.workspace_id",
    )
    .bind(account_id.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                parse_id(row.try_get("workspace_id")?)?,
                row.try_get("name")?,
            ))
        })
        .collect()
}

/// Sets the account's password hash, and kills every link that was sent while the old password
/// held: its password reset links, and its unconfirmed email change links (someone who knew
/// the old password may have asked for one to their own address).
pub async fn set_password(
    tx: &mut Tx,
    account_id: Uuid,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let account = account_id.to_string();
    sqlx::query("update account set password_hash = $2, updated_at = $3 where account_id = $1")
        .bind(&account)
        .bind(password_hash)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    kill_links(tx, account_id).await
}

/// Deletes the account's password reset links and unconfirmed email change links: links sent
/// while a password or an address held that no longer does.
pub async fn kill_links(tx: &mut Tx, account_id: Uuid) -> Result<(), sqlx::Error> {
    for statement in [
        "delete from password_reset where account_id = $1",
        "delete from email_change where account_id = $1 and used_at is null",
    ] {
        sqlx::query(statement)
            .bind(account_id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
