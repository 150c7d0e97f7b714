//! Invitations: one transaction writes, per person, the invited member with their groups, the
//! invitation (only its token's hash), the outbox message and the audit event
//! (docs/security.md §26).

use crate::audit::queries as audit;
use crate::audit::queries::AuditEvent;
use crate::mail::outbox;
use crate::mail::outbox::NewMessage;
use crate::store::{Db, Tx, is_unique_violation, new_id, placeholders, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::net::IpAddr;

pub struct Invitee<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    /// Normalised.
    pub email: &'a str,
    pub country_code: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub token_hash: String,
    /// The outbox payload (JSON, link sealed).
    pub payload: String,
}

pub struct Batch<'a> {
    pub workspace_id: &'a str,
    pub invited_by: &'a str,
    pub group_ids: &'a [String],
    pub expires_at: DateTime<Utc>,
    pub client_addr: Option<IpAddr>,
}

pub struct Created {
    pub invitation_id: String,
    pub member_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    /// Someone already is a member, or has a pending invitation; found by a concurrent writer.
    #[error("{0} is already a member or has a pending invitation")]
    Taken(String),
    /// A chosen group was deleted meanwhile.
    #[error("a chosen group no longer exists")]
    GroupGone,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Why an address cannot be invited to a workspace, if it cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Member,
    PendingInvitation,
}

/// For each address already in the workspace: whether as a member or as a pending invitation.
/// A few hundred addresses per query, so a 10,000-row import is checked in a few round trips.
pub async fn standing(
    db: &Db,
    workspace_id: &str,
    emails: &[&str],
) -> Result<Vec<(String, Standing)>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in emails.chunks(500) {
        let sql = format!(
            "select email, state from member where workspace_id = $1 and email in ({})",
            placeholders(2, chunk.len())
        );
        let query = chunk
            .iter()
            .fold(sqlx::query(&sql).bind(workspace_id), |query, email| {
                query.bind(*email)
            });
        for row in query.fetch_all(db.pool()).await? {
            let email: String = row.try_get("email")?;
            let state: String = row.try_get("state")?;
            let standing = match state.as_str() {
                "invited" => Standing::PendingInvitation,
                _ => Standing::Member,
            };
            found.push((email, standing));
        }
    }
    Ok(found)
}

pub async fn create_batch(
    db: &Db,
    batch: &Batch<'_>,
    invitees: &[Invitee<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<Created>, InviteError> {
    let mut tx = db.begin_write().await?;
    let mut created = Vec::with_capacity(invitees.len());
    for invitee in invitees {
        match create_one(&mut tx, batch, invitee, now).await {
            Err(error) if is_unique_violation(&error) => {
                return Err(InviteError::Taken(invitee.email.to_owned()));
            }
            // A chosen group was deleted since it was read.
            Err(sqlx::Error::Database(error)) if error.is_foreign_key_violation() => {
                return Err(InviteError::GroupGone);
            }
            other => created.push(other?),
        }
    }
    tx.commit().await?;
    Ok(created)
}

async fn create_one(
    tx: &mut Tx,
    batch: &Batch<'_>,
    invitee: &Invitee<'_>,
    now: DateTime<Utc>,
) -> Result<Created, sqlx::Error> {
    let member_id = new_id();
    sqlx::query(
        "insert into member (member_id, workspace_id, email, first_name, last_name, country_code, phone,
                             state, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'invited', $8, $8)",
    )
    .bind(&member_id)
    .bind(batch.workspace_id)
    .bind(invitee.email)
    .bind(invitee.first_name)
    .bind(invitee.last_name)
    .bind(invitee.country_code)
    .bind(invitee.phone)
    .bind(timestamp(now))
    .execute(&mut **tx)
    .await?;
    for group_id in batch.group_ids {
        sqlx::query("insert into group_member (group_id, member_id) values ($1, $2)")
            .bind(group_id)
            .bind(&member_id)
            .execute(&mut **tx)
            .await?;
    }
    let invitation_id = new_id();
    sqlx::query(
        "insert into invitation (invitation_id, workspace_id, member_id, email, invited_by, token_hash,
                                 created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&invitation_id)
    .bind(batch.workspace_id)
    .bind(&member_id)
    .bind(invitee.email)
    .bind(batch.invited_by)
    .bind(&invitee.token_hash)
    .bind(timestamp(now))
    .bind(timestamp(batch.expires_at))
    .execute(&mut **tx)
    .await?;
    let message = NewMessage {
        kind: "invitation",
        recipient: invitee.email,
        payload: &invitee.payload,
        invitation_id: Some(&invitation_id),
    };
    outbox::enqueue(tx, message, now).await?;
    let event = AuditEvent {
        workspace_id: Some(batch.workspace_id),
        actor_account_id: Some(batch.invited_by),
        action: "invitation.created",
        subject: Some(&invitation_id),
        client_addr: batch.client_addr,
        at: now,
    };
    audit::record(tx, event).await?;
    Ok(Created {
        invitation_id,
        member_id,
    })
}

/// The groups of a workspace with the roles each binds, by name.
pub async fn groups(
    db: &Db,
    workspace_id: &str,
) -> Result<Vec<(String, String, Vec<String>)>, sqlx::Error> {
    let rows = sqlx::query(
        "select g.group_id, g.name, r.role from user_group g
           left join group_role r on r.group_id = g.group_id
          where g.workspace_id = $1
          order by g.name, r.role",
    )
    .bind(workspace_id)
    .fetch_all(db.pool())
    .await?;
    groups_with_roles(rows)
}

/// Rows of `group_id, name, role` (role null for a group without one), ordered by group, as one
/// entry per group with its roles.
pub fn groups_with_roles(
    rows: Vec<sqlx::any::AnyRow>,
) -> Result<Vec<(String, String, Vec<String>)>, sqlx::Error> {
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for row in rows {
        let group_id: String = row.try_get("group_id")?;
        let role: Option<String> = row.try_get("role")?;
        if groups.last().is_none_or(|(id, _, _)| *id != group_id) {
            groups.push((group_id, row.try_get("name")?, Vec::new()));
        }
        if let (Some(role), Some(last)) = (role, groups.last_mut()) {
            last.2.push(role);
        }
    }
    Ok(groups)
}
