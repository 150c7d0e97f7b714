//! The outbox: messages written in the same transaction as what they announce, delivered later
//! by the worker at least once, under a lease (docs/security.md §26–28).

use crate::store::{Db, Tx, new_id, timestamp};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

pub struct NewMessage<'a> {
    pub kind: &'a str,
    pub recipient: &'a str,
    /// JSON; secrets in it are sealed (see `secrets`).
    pub payload: &'a str,
    pub invitation_id: Option<&'a str>,
}

pub async fn enqueue(
    tx: &mut Tx,
    message: NewMessage<'_>,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let message_id = new_id();
    sqlx::query(
        "insert into outbox (message_id, kind, recipient, payload, state, attempts, next_attempt_at,
                             created_at, invitation_id)
         values ($1, $2, $3, $4, 'queued', 0, $5, $5, $6)",
    )
    .bind(&message_id)
    .bind(message.kind)
    .bind(message.recipient)
    .bind(message.payload)
    .bind(timestamp(now))
    .bind(message.invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(message_id)
}

/// Queues `payload`, as JSON, for `recipient`: an email about no invitation.
pub async fn enqueue_json(
    tx: &mut Tx,
    kind: &str,
    recipient: &str,
    payload: &impl serde::Serialize,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let payload =
        serde_json::to_string(payload).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    let message = NewMessage {
        kind,
        recipient,
        payload: &payload,
        invitation_id: None,
    };
    enqueue(tx, message, now).await
}

#[derive(Debug)]
pub struct Claimed {
    pub message_id: String,
    pub kind: String,
    pub recipient: String,
    pub payload: String,
    /// Including this one: counted before sending.
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

/// Claims up to `limit` due messages for `lease`. Safe with several workers on one database:
/// the conditions are re-checked on the row being updated, so a message another worker has
/// just leased is skipped (PostgreSQL re-evaluates them after the competing update commits;
/// SQLite runs one writer at a time).
pub async fn claim_due(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let due = "state = 'queued' and next_attempt_at <= $1 and (locked_until is null or locked_until <= $1)";
    let sql = format!(
        "update outbox set locked_until = $2, attempts = attempts + 1
          where message_id in (select message_id from outbox where {due} order by next_attempt_at limit $3)
            and {due}
          returning message_id, kind, recipient, payload, attempts, created_at"
    );
    let mut tx = db.begin_write().await?;
    let rows = sqlx::query(&sql)
        .bind(timestamp(now))
        .bind(timestamp(now + lease))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    rows.into_iter()
        .map(|row| {
            Ok(Claimed {
                message_id: row.try_get("message_id")?,
                kind: row.try_get("kind")?,
                recipient: row.try_get("recipient")?,
                payload: row.try_get("payload")?,
                attempts: row.try_get("attempts")?,
                created_at: crate::store::parse_timestamp(
                    &row.try_get::<String, _>("created_at")?,
                )?,
            })
        })
        .collect()
}

/// How an attempt to deliver a message ended, as the outbox records it.
#[derive(Debug)]
pub enum Outcome {
    /// Delivered: the sealed link is no longer needed, so the payload is scrubbed.
    Sent {
        scrubbed_payload: String,
        at: DateTime<Utc>,
    },
    /// Not delivered this time; tried again from `at`.
    Retry { error: String, at: DateTime<Utc> },
    /// Given up: the payload is scrubbed too.
    Failed {
        error: String,
        scrubbed_payload: String,
    },
}

/// Records what became of several messages in one write: on SQLite every write is an fsync and
/// a turn of the one write lock, which the requests wait for (docs/architecture.md,
/// Performance). A crash before this commits leaves the messages leased, so they are sent
/// again once the lease ends: at least once, as ever (docs/security.md §27).
pub async fn record(db: &Db, outcomes: &[(String, Outcome)]) -> Result<(), sqlx::Error> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for (message_id, outcome) in outcomes {
        let statement = match outcome {
            Outcome::Sent {
                scrubbed_payload,
                at,
            } => sqlx::query(
                "update outbox set state = 'sent', sent_at = $2, locked_until = null, last_error = null, payload = $3
                  where message_id = $1",
            )
            .bind(message_id)
            .bind(timestamp(*at))
            .bind(scrubbed_payload),
            // A message cancelled meanwhile (its link was replaced) keeps its state and reason.
            Outcome::Retry { error, at } => sqlx::query(
                "update outbox set next_attempt_at = $2, locked_until = null, last_error = $3
                  where message_id = $1 and state = 'queued'",
            )
            .bind(message_id)
            .bind(timestamp(*at))
            .bind(error),
            Outcome::Failed {
                error,
                scrubbed_payload,
            } => sqlx::query(
                "update outbox set state = 'failed', locked_until = null, last_error = $2, payload = $3
                  where message_id = $1",
            )
            .bind(message_id)
            .bind(error)
            .bind(scrubbed_payload),
        };
        statement.execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// The workspaces whose invitations these messages carry: their Users pages show the
/// delivery, so they are told when it is recorded.
pub async fn workspaces_of(
    db: &Db,
    message_ids: &[String],
) -> Result<Vec<uuid::Uuid>, sqlx::Error> {
    if message_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "select distinct i.workspace_id from outbox o
           join invitation i on i.invitation_id = o.invitation_id
          where o.message_id in ({})",
        crate::store::placeholders(1, message_ids.len())
    );
    let mut query = sqlx::query_scalar(&sql);
    for id in message_ids {
        query = query.bind(id);
    }
    let found: Vec<String> = query.fetch_all(db.pool()).await?;
    found.iter().map(|id| crate::store::parse_id(id)).collect()
}

/// (member id, state, last error) of each invited member's latest invitation email.
pub async fn latest_for_members(
    db: &Db,
    member_ids: &[String],
) -> Result<Vec<(String, String, Option<String>)>, sqlx::Error> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "select i.member_id, o.state, o.last_error from outbox o
           join invitation i on i.invitation_id = o.invitation_id
          where i.member_id in ({})
            and o.created_at = (select max(o2.created_at) from outbox o2 where o2.invitation_id = o.invitation_id)",
        crate::store::placeholders(1, member_ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in member_ids {
        query = query.bind(id);
    }
    query
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|row| {
            Ok((
                row.try_get("member_id")?,
                row.try_get("state")?,
                row.try_get("last_error")?,
            ))
        })
        .collect()
}
