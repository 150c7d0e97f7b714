//! A person's history: the audit events about them and their invitation, and its emails.

use crate::store::{Db, parse_timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Every invitation the member ever had, for their history.
pub async fn invitation_ids(db: &Db, member_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("select invitation_id from invitation where member_id = $1")
        .bind(member_id)
        .fetch_all(db.pool())
        .await
}

/// One line of history: when, what (an audit action or an email's state), who did it, and why
/// an email failed.
pub struct Event {
    pub at: DateTime<Utc>,
    pub action: String,
    pub actor: Option<String>,
    pub detail: Option<String>,
}

/// The audit events about `subject`, newest first.
pub async fn events_about(db: &Db, subject: &str, limit: i64) -> Result<Vec<Event>, sqlx::Error> {
    let rows = sqlx::query(
        "select e.created_at, e.action, a.display_name from audit_event e
           left join account a on a.account_id = e.actor_account_id
          where e.subject = $1
          order by e.created_at desc limit $2",
    )
    .bind(subject)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(event).collect()
}

/// The events of `workspace_id` about any of `subjects` (a person's member id, their
/// invitations and their account: the audit log records each under the thing acted on),
/// newest first.
pub async fn events_about_any(
    db: &Db,
    workspace_id: &str,
    subjects: &[String],
    limit: i64,
) -> Result<Vec<Event>, sqlx::Error> {
    let sql = format!(
        "select e.created_at, e.action, a.display_name from audit_event e
           left join account a on a.account_id = e.actor_account_id
          where e.workspace_id = $1 and e.subject in ({})
          order by e.created_at desc limit {limit}",
        crate::store::placeholders(2, subjects.len())
    );
    let mut query = sqlx::query(&sql).bind(workspace_id);
    for subject in subjects {
        query = query.bind(subject);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.into_iter().map(|row| event(&row)).collect()
}

fn event(row: &sqlx::any::AnyRow) -> Result<Event, sqlx::Error> {
    Ok(Event {
        at: parse_timestamp(&row.try_get::<String, _>("created_at")?)?,
        action: row.try_get("action")?,
        actor: row.try_get("display_name")?,
        detail: None,
    })
}

/// Each invitation email of `invitation_id`: when it was queued, its state and its error.
pub async fn emails_of(db: &Db, invitation_id: &str) -> Result<Vec<Event>, sqlx::Error> {
    let rows = sqlx::query(
        "select coalesce(sent_at, created_at) as at, state, last_error from outbox
          where invitation_id = $1 and kind = 'invitation'",
    )
    .bind(invitation_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Event {
                at: parse_timestamp(&row.try_get::<String, _>("at")?)?,
                action: format!("email.{}", row.try_get::<String, _>("state")?),
                actor: None,
                detail: row.try_get("last_error")?,
            })
        })
        .collect()
}
