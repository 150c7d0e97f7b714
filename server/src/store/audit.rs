//! The audit trail: who did what to whom, when, from where. Never a token or a password.

use super::{Tx, new_id, timestamp};
use chrono::{DateTime, Utc};
use std::net::IpAddr;

pub struct AuditEvent<'a> {
    pub workspace_id: Option<&'a str>,
    pub actor_account_id: Option<&'a str>,
    pub action: &'a str,
    pub subject: Option<&'a str>,
    pub client_addr: Option<IpAddr>,
    pub at: DateTime<Utc>,
}

pub async fn record(tx: &mut Tx, event: AuditEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_event
            (audit_event_id, workspace_id, actor_account_id, action, subject, client_addr, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(event.workspace_id)
    .bind(event.actor_account_id)
    .bind(event.action)
    .bind(event.subject)
    .bind(event.client_addr.map(|addr| addr.to_string()))
    .bind(timestamp(event.at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
