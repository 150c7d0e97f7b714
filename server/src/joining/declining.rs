//! The invitee's other answers: declining (ONE conditional update, as accepting is: see
//! `acceptance`), asking the inviter of an expired invitation for a new link, and a refused
//! accept recorded for the audit log.

use crate::audit::queries as audit;
use crate::audit::queries::AuditEvent;
use crate::joining::acceptance::Found;
use crate::store::{Db, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::net::IpAddr;

/// Declines an open invitation; `None` when it is not open at this instant.
pub async fn decline(
    db: &Db,
    token_hash: &str,
    client: IpAddr,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let declined = sqlx::query(
        "update invitation set declined_at = $1
          where token_hash = $2 and accepted_at is null and declined_at is null
            and revoked_at is null and expires_at > $1
         returning invitation_id, workspace_id",
    )
    .bind(timestamp(now))
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = declined else { return Ok(None) };
    let invitation_id: String = row.try_get("invitation_id")?;
    let workspace_id: String = row.try_get("workspace_id")?;
    let event = AuditEvent {
        workspace_id: Some(&workspace_id),
        actor_account_id: None,
        action: "invitation.declined",
        subject: Some(&invitation_id),
        client_addr: Some(client),
        at: now,
    };
    audit::record(&mut tx, event).await?;
    tx.commit().await?;
    Ok(Some(invitation_id))
}

/// Records that the invitee asked for a new link and queues the note to the inviter, unless
/// they already asked within `quiet`; `false` then, and nothing is written.
pub async fn request_new_link(
    db: &Db,
    found: &Found,
    note: crate::mail::outbox::NewMessage<'_>,
    client: IpAddr,
    now: DateTime<Utc>,
    quiet: chrono::Duration,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let marked = sqlx::query(
        "update invitation set new_link_requested_at = $1
          where invitation_id = $2 and accepted_at is null and declined_at is null
            and revoked_at is null
            and (new_link_requested_at is null or new_link_requested_at <= $3)",
    )
    .bind(timestamp(now))
    .bind(&found.invitation_id)
    .bind(timestamp(now - quiet))
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() == 0 {
        return Ok(false);
    }
    crate::mail::outbox::enqueue(&mut tx, note, now).await?;
    let event = AuditEvent {
        workspace_id: Some(&found.workspace_id),
        actor_account_id: None,
        action: "invitation.new_link_requested",
        subject: Some(&found.invitation_id),
        client_addr: Some(client),
        at: now,
    };
    audit::record(&mut tx, event).await?;
    tx.commit().await?;
    Ok(true)
}

/// A failed accept of a known invitation, for the audit log (docs/security.md §29).
pub async fn record_failed_accept(
    db: &Db,
    found: &Found,
    client: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let event = AuditEvent {
        workspace_id: Some(&found.workspace_id),
        actor_account_id: None,
        action: "invitation.accept_failed",
        subject: Some(&found.invitation_id),
        client_addr: Some(client),
        at: now,
    };
    audit::record(&mut tx, event).await?;
    tx.commit().await
}
