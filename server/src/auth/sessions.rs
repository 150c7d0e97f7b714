//! tower-sessions' store over the `session` table. Keys are SHA-256 of the cookie's id, so a
//! copy of the database holds no usable session; the account and workspace columns let Portico
//! end every session of a person in a workspace at once.

use crate::store::{Db, timestamp};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// Where the signed-in account lives in a session's data (see `auth::session`).
pub const AUTH_KEY: &str = "auth";

#[derive(Clone, Debug)]
pub struct SqlSessionStore {
    db: Db,
}

impl SqlSessionStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

/// Ends every session an account has in a workspace (removal, deactivation, demotion).
pub async fn end_in_workspace(
    tx: &mut crate::store::Tx,
    account_id: &str,
    workspace_id: &str,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("delete from session where account_id = $1 and workspace_id = $2")
        .bind(account_id)
        .bind(workspace_id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected())
}

/// Ends every session of an account, in every workspace (a new password).
pub async fn end_everywhere(
    tx: &mut crate::store::Tx,
    account_id: &str,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("delete from session where account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected())
}

/// The stored key of a session: the SHA-256 of its cookie's id.
pub fn key(id: &Id) -> String {
    format!("{:x}", Sha256::digest(id.to_string().as_bytes()))
}

/// What the account page names a session by: a hash of its stored key, so the page holds
/// nothing that opens the session or finds its row without the account's list of sessions.
pub fn handle(stored_key: &str) -> String {
    let digest = Sha256::digest(format!("session-handle:{stored_key}").as_bytes());
    format!("{digest:x}")[..32].to_owned()
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn expiry(record: &Record) -> String {
    let time =
        DateTime::<Utc>::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_default();
    timestamp(time)
}

/// What a session row holds besides its key: the account and workspace it is signed in to
/// (absent before sign-in), its data and its expiry.
struct SessionRow {
    account_id: Option<String>,
    workspace_id: Option<String>,
    data: String,
    expires_at: String,
}

impl SessionRow {
    fn of(record: &Record) -> session_store::Result<Self> {
        let auth = |field: &str| {
            record
                .data
                .get(AUTH_KEY)
                .and_then(|auth| auth.get(field))
                .and_then(|id| id.as_str())
                .map(str::to_owned)
        };
        Ok(SessionRow {
            account_id: auth("account_id"),
            workspace_id: auth("workspace_id"),
            data: serde_json::to_string(&record.data)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?,
            expires_at: expiry(record),
        })
    }

    /// `sql` with `$1` the session's key and `$2` to `$5` this row's columns, in order: the
    /// insert and the update bind the same way.
    fn bound<'q>(
        &'q self,
        sql: &'q str,
        id: &Id,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        sqlx::query(sql)
            .bind(key(id))
            .bind(&self.account_id)
            .bind(&self.workspace_id)
            .bind(&self.data)
            .bind(&self.expires_at)
    }
}

#[async_trait]
impl SessionStore for SqlSessionStore {
    /// A new session never takes over an existing one: on the (astronomically unlikely) clash
    /// of random ids, it draws another.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let row = SessionRow::of(record)?;
        loop {
            let written = row.bound(
                "insert into session (session_id, account_id, workspace_id, data, expires_at)
                     values ($1, $2, $3, $4, $5)
                     on conflict (session_id) do nothing",
                &record.id,
            );
            let written = self.db.execute_write(written).await.map_err(backend)?;
            if written.rows_affected() > 0 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Saves a session that exists. One that was ended meanwhile (signed out, or its member
    /// removed or deactivated) stays ended: a request still in flight does not write it back.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let row = SessionRow::of(record)?;
        let statement = row.bound(
            "update session set account_id = $2, workspace_id = $3, data = $4, expires_at = $5
              where session_id = $1",
            &record.id,
        );
        self.db.execute_write(statement).await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, String)> = sqlx::query_as(
            "select data, expires_at from session where session_id = $1 and expires_at > $2",
        )
        .bind(key(id))
        .bind(timestamp(Utc::now()))
        .fetch_optional(self.db.pool())
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let expires_at = crate::store::parse_timestamp(&expires_at).map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
                .map_err(backend)?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let statement = sqlx::query("delete from session where session_id = $1").bind(key(id));
        self.db.execute_write(statement).await.map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SqlSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        self.db
            .execute_write(
                sqlx::query("delete from session where expires_at <= $1")
                    .bind(timestamp(Utc::now())),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }
}
