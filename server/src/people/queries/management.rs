//! A person as the management checks see them, and the changes admins make to invitations.
//! Each change is a conditional statement
//! inside a write transaction: it applies only to the row as the admin's checks saw it, so a
//! concurrent accept, decline or other admin's action makes it a no-op (`false`) instead of
//! overwriting what just happened.

use crate::store::{Db, Tx, parse_timestamp, timestamp};
use app::domain::Role;
use app::people::MemberState;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A member as the management checks need them.
pub struct Person {
    pub member_id: String,
    pub account_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub country_code: Option<String>,
    pub phone: Option<String>,
    pub state: MemberState,
    pub created_at: DateTime<Utc>,
    pub joined_at: Option<DateTime<Utc>>,
    pub group_ids: Vec<String>,
    /// The roles their groups bind.
    pub roles: Vec<Role>,
    pub invitation: Option<Invitation>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A member's invitation (a member has at most one), as it was read.
pub struct Invitation {
    pub invitation_id: String,
    pub token_hash: String,
    pub declined_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// The member, if they belong to the workspace.
pub async fn person(
    db: &Db,
    workspace_id: &str,
    member_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Person>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "select m.member_id, m.account_id, m.first_name, m.last_name, m.email, m.country_code,
                m.phone, m.created_at, m.joined_at, {} as shown_state
           from member m where m.workspace_id = $1 and m.member_id = $2",
        crate::people::queries::members::shown_state(3)
    ))
    .bind(workspace_id)
    .bind(member_id)
    .bind(timestamp(now))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let shown: String = row.try_get("shown_state")?;
    let joined_at: Option<String> = row.try_get("joined_at")?;
    let (group_ids, roles) = groups_and_roles(db, member_id).await?;
    Ok(Some(Person {
        member_id: row.try_get("member_id")?,
        account_id: row.try_get("account_id")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        country_code: row.try_get("country_code")?,
        phone: row.try_get("phone")?,
        state: MemberState::parse_filter(&shown)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown member state {shown}").into()))?,
        created_at: parse_timestamp(&row.try_get::<String, _>("created_at")?)?,
        joined_at: joined_at.as_deref().map(parse_timestamp).transpose()?,
        group_ids,
        roles,
        invitation: invitation_of(db, member_id).await?,
    }))
}

async fn groups_and_roles(
    db: &Db,
    member_id: &str,
) -> Result<(Vec<String>, Vec<Role>), sqlx::Error> {
    let group_ids = sqlx::query_scalar("select group_id from group_member where member_id = $1")
        .bind(member_id)
        .fetch_all(db.pool())
        .await?;
    Ok((
        group_ids,
        crate::store::roles_of(db.pool(), member_id).await?,
    ))
}

async fn invitation_of(db: &Db, member_id: &str) -> Result<Option<Invitation>, sqlx::Error> {
    let row = sqlx::query(
        "select invitation_id, token_hash, declined_at, revoked_at from invitation
          where member_id = $1 and accepted_at is null",
    )
    .bind(member_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Invitation {
            invitation_id: row.try_get("invitation_id")?,
            token_hash: row.try_get("token_hash")?,
            declined_at: row.try_get("declined_at")?,
            revoked_at: row.try_get("revoked_at")?,
        })
    })
    .transpose()
}

/// The invitation as it was read, and not accepted since: the condition every change of an
/// invitation carries.
const AS_SEEN: &str = "invitation_id = $1 and token_hash = $2 and accepted_at is null
    and coalesce(declined_at, '') = $3 and coalesce(revoked_at, '') = $4";

fn as_seen<'q>(
    sql: &'q str,
    seen: &'q Invitation,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    sqlx::query(sql)
        .bind(&seen.invitation_id)
        .bind(&seen.token_hash)
        .bind(seen.declined_at.clone().unwrap_or_default())
        .bind(seen.revoked_at.clone().unwrap_or_default())
}

/// A fresh token and expiry for the invitation, issued by `invited_by`; it is open again even
/// if it had ended.
pub async fn reissue(
    tx: &mut Tx,
    seen: &Invitation,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    invited_by: &str,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "update invitation set token_hash = $5, expires_at = $6, invited_by = $7,
                declined_at = null, revoked_at = null, new_link_requested_at = null
          where {AS_SEEN}"
    );
    let done = as_seen(&sql, seen)
        .bind(token_hash)
        .bind(timestamp(expires_at))
        .bind(invited_by)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke(
    tx: &mut Tx,
    seen: &Invitation,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "update invitation set revoked_at = $5
          where {AS_SEEN} and declined_at is null and revoked_at is null"
    );
    let done = as_seen(&sql, seen)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Queued emails of the invitation carry a link that no longer works: they are not sent.
pub async fn cancel_queued_mail(tx: &mut Tx, invitation_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update outbox set state = 'failed', last_error = 'Replaced: the link changed before it was sent'
          where invitation_id = $1 and state = 'queued'",
    )
    .bind(invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How many of `actions` were recorded about `subject` since `since`.
pub async fn recent_events(
    tx: &mut Tx,
    subject: &str,
    actions: &[&str],
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "select count(*) from audit_event
          where subject = $1 and created_at > $2 and action in ({})",
        crate::store::placeholders(3, actions.len())
    );
    let mut query = sqlx::query_scalar(&sql)
        .bind(subject)
        .bind(timestamp(since));
    for action in actions {
        query = query.bind(*action);
    }
    query.fetch_one(&mut **tx).await
}

/// The invitations `account_id` sent in the workspace that are still pending, with the roles
/// each grants: (invitation id, roles).
pub async fn pending_sent_by(
    tx: &mut Tx,
    workspace_id: &str,
    account_id: &str,
) -> Result<Vec<(String, Vec<Role>)>, sqlx::Error> {
    let rows = sqlx::query(
        "select i.invitation_id, r.role from invitation i
           join group_member gm on gm.member_id = i.member_id
           left join group_role r on r.group_id = gm.group_id
          where i.workspace_id = $1 and i.invited_by = $2 and i.accepted_at is null
            and i.declined_at is null and i.revoked_at is null
          order by i.invitation_id",
    )
    .bind(workspace_id)
    .bind(account_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut pending: Vec<(String, Vec<Role>)> = Vec::new();
    for row in rows {
        let invitation_id: String = row.try_get("invitation_id")?;
        let role: Option<String> = row.try_get("role")?;
        if pending.last().is_none_or(|(id, _)| *id != invitation_id) {
            pending.push((invitation_id, Vec::new()));
        }
        if let (Some(role), Some(last)) =
            (role.as_deref().and_then(Role::from_key), pending.last_mut())
        {
            last.1.push(role);
        }
    }
    Ok(pending)
}

/// Revokes one pending invitation by id (its inviter's rights shrank).
pub async fn revoke_pending(
    tx: &mut Tx,
    invitation_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update invitation set revoked_at = $1
          where invitation_id = $2 and accepted_at is null and declined_at is null
            and revoked_at is null",
    )
    .bind(timestamp(now))
    .bind(invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
