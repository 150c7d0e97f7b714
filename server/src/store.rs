//! Persistence: one set of queries, run through sqlx's `Any` driver on SQLite and PostgreSQL.
//! Ids are UUID text and times fixed-width RFC 3339 UTC text, converted here at the boundary.

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyQueryResult, install_default_drivers};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};
use uuid::Uuid;

mod edited_migrations;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite lets one writer in at a time. Writers that find it busy sleep in growing steps
    /// (up to 100 ms) and retry, so under load a writer could wait many times longer than the
    /// writes ahead of it took: the invitations' latency tail. This process's writers take
    /// turns here instead, in arrival order, and find the database free (docs/architecture.md,
    /// Performance). Another process on the same file still meets the busy timeout.
    write_turn: Arc<Mutex<()>>,
}

/// A write transaction; on SQLite it holds the process's write turn until it ends.
pub struct Tx {
    tx: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl Deref for Tx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        if backend == Backend::Sqlite {
            create_parent_directory(url)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Durable, concurrent, and foreign keys enforced as on PostgreSQL
                        // (docs/security.md §28).
                        for pragma in [
                            "pragma journal_mode = wal",
                            "pragma synchronous = full",
                            "pragma busy_timeout = 5000",
                            "pragma foreign_keys = on",
                            // Reads map the file instead of copying each page out of the
                            // system's cache: half again as many searches a second at
                            // 10,000 people (docs/architecture.md, Performance).
                            "pragma mmap_size = 268435456",
                        ] {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                    }
                    Ok(())
                })
            })
            // A connection still counted inside a transaction when it comes back is closed, never
            // handed out again (docs/security.md §28a): after a COMMIT that failed on a full disk,
            // which SQLite has already rolled back, the ROLLBACK queued on drop fails too and sqlx
            // keeps counting the transaction, so every later `begin_write` on it would fail.
            .after_release(|conn, _| {
                Box::pin(async move {
                    if conn.is_in_transaction() {
                        // Lets the rollback queued when the transaction was dropped run first.
                        conn.ping().await?;
                    }
                    let clean = !conn.is_in_transaction();
                    if !clean {
                        tracing::warn!("closing a database connection left inside a transaction");
                    }
                    Ok(clean)
                })
            })
            .connect(url)
            .await?;
        Ok(Db {
            pool,
            backend,
            write_turn: Arc::new(Mutex::new(())),
        })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let migrator = sqlx::migrate!("./migrations");
        self.carry_forward_edited_migrations(&migrator).await;
        migrator.run(&self.pool).await
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction for writing. On SQLite it takes the write lock up front (`BEGIN
    /// IMMEDIATE`), so two writers queue on the busy timeout instead of failing to upgrade.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        let turn = self.write_turn().await;
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx { tx, _turn: turn })
    }

    /// One writing statement on its own (no transaction), in the write turn on SQLite.
    pub async fn execute_write<'q>(
        &self,
        statement: sqlx::query::Query<'q, Any, AnyArguments<'q>>,
    ) -> Result<AnyQueryResult, sqlx::Error> {
        let _turn = self.write_turn().await;
        statement.execute(&self.pool).await
    }

    async fn write_turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_turn.clone().lock_owned().await),
            Backend::Postgres => None,
        }
    }

    pub async fn is_ready(&self) -> bool {
        sqlx::query("select 1").execute(&self.pool).await.is_ok()
    }
}

fn create_parent_directory(url: &str) -> Result<(), sqlx::Error> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    if let Some(parent) = options
        .get_filename()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    Ok(())
}

/// Fixed-width UTC text, so that comparing two stored times as text compares the times.
pub fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

pub fn parse_id(text: &str) -> Result<Uuid, sqlx::Error> {
    Uuid::parse_str(text).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

pub fn new_id() -> String {
    Uuid::new_v4().to_string()
}

/// True when `error` is a unique-constraint violation (the same test on both databases).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Logs a database failure once, here, and gives the client nothing of it.
pub fn db_error(error: sqlx::Error) -> app::error::AppError {
    tracing::error!(%error, "database error");
    app::error::AppError::Unexpected
}

/// `db_error` for a query's result: `query(...).await.or_db_error()?` in every service.
pub trait OrDbError<T> {
    fn or_db_error(self) -> Result<T, app::error::AppError>;
}

impl<T> OrDbError<T> for Result<T, sqlx::Error> {
    fn or_db_error(self) -> Result<T, app::error::AppError> {
        self.map_err(db_error)
    }
}

// SQL helpers shared by every feature's queries.

/// `$1, $2, …` for `count` values starting at `$first`.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The roles a member holds through all their groups (in a transaction, as it sees them).
pub async fn roles_of<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    member_id: &str,
) -> Result<Vec<app::domain::Role>, sqlx::Error> {
    let keys: Vec<String> = sqlx::query_scalar(
        "select distinct r.role from group_role r
           join group_member gm on gm.group_id = r.group_id
          where gm.member_id = $1",
    )
    .bind(member_id)
    .fetch_all(executor)
    .await?;
    Ok(keys
        .iter()
        .filter_map(|key| app::domain::Role::from_key(key))
        .collect())
}
