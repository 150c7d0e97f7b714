//! An account's sessions as the account page lists and ends them. A session row's `data` is
//! what tower-sessions keeps: the signed-in `auth` (`SessionAuth`) and the minute last seen.

use crate::auth::session::{SEEN_KEY, SessionAuth};
use crate::auth::sessions::{AUTH_KEY, handle};
use crate::store::{Db, Tx, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

/// One live session of the account.
pub struct StoredSession {
    pub key: String,
    pub handle: String,
    pub workspace: String,
    pub auth: SessionAuth,
    pub last_seen: DateTime<Utc>,
}

pub async fn of_account(
    db: &Db,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<StoredSession>, sqlx::Error> {
    let rows = sqlx::query(
        "select s.session_id, s.data, w.name from session s
           join workspace w on w.workspace_id = s.workspace_id
          where s.account_id = $1 and s.expires_at > $2",
    )
    .bind(account_id.to_string())
    .bind(timestamp(now))
    .fetch_all(db.pool())
    .await?;
    let mut sessions = Vec::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("session_id")?;
        let data: serde_json::Value =
            serde_json::from_str(&row.try_get::<String, _>("data")?).unwrap_or_default();
        // A row without a readable sign-in is no session of this account's to show.
        let Some(auth) = data
            .get(AUTH_KEY)
            .and_then(|auth| serde_json::from_value::<SessionAuth>(auth.clone()).ok())
        else {
            continue;
        };
        let last_seen = data
            .get(SEEN_KEY)
            .and_then(serde_json::Value::as_i64)
            .and_then(|minute| DateTime::from_timestamp(minute * 60, 0))
            .map_or(auth.signed_in_at, |seen| seen.max(auth.signed_in_at));
        sessions.push(StoredSession {
            handle: handle(&key),
            key,
            workspace: row.try_get("name")?,
            auth,
            last_seen,
        });
    }
    sessions.sort_by_key(|session| std::cmp::Reverse(session.last_seen));
    Ok(sessions)
}

/// Ends one of the account's sessions; another account's key ends nothing.
pub async fn end(tx: &mut Tx, account_id: Uuid, key: &str) -> Result<u64, sqlx::Error> {
    let ended = sqlx::query("delete from session where session_id = $1 and account_id = $2")
        .bind(key)
        .bind(account_id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(ended.rows_affected())
}

/// Ends every session of the account but the one `kept_handle` names, in one statement inside
/// the caller's transaction: a session that starts meanwhile is ended too, and rows the account
/// page would not list (unreadable data) go with the rest.
pub async fn end_all_but(
    tx: &mut Tx,
    account_id: Uuid,
    kept_handle: &str,
) -> Result<u64, sqlx::Error> {
    let account = account_id.to_string();
    let keys: Vec<String> =
        sqlx::query_scalar("select session_id from session where account_id = $1")
            .bind(&account)
            .fetch_all(&mut **tx)
            .await?;
    let kept = keys
        .into_iter()
        .find(|key| handle(key) == kept_handle)
        .unwrap_or_default();
    let ended = sqlx::query("delete from session where account_id = $1 and session_id <> $2")
        .bind(&account)
        .bind(kept)
        .execute(&mut **tx)
        .await?;
    Ok(ended.rows_affected())
}

pub async fn rename(
    tx: &mut Tx,
    account_id: Uuid,
    display_name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update account set display_name = $2, updated_at = $3 where account_id = $1")
        .bind(account_id.to_string())
        .bind(display_name)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn password_hash(db: &Db, account_id: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select password_hash from account where account_id = $1")
        .bind(account_id.to_string())
        .fetch_one(db.pool())
        .await
}
