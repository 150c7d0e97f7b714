//! The invitee's side of an invitation: look it up by its token's hash (no side effect), then
//! accept it (declining is in `declining`) with ONE conditional update inside the transaction that does the rest
//! (docs/security.md §3): of any number of concurrent attempts, exactly one finds the row
//! still open.

use crate::audit::queries as audit;
use crate::audit::queries::AuditEvent;
use crate::store::{Db, Tx, is_unique_violation, new_id, parse_timestamp, timestamp};
use app::domain::Role;
use app::domain::role::{may_invite_into, permissions_of};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::net::IpAddr;

/// Where an invitation stands, as far as its link is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    Open,
    Expired,
    /// Accepted, declined or revoked.
    Ended,
}

pub struct Found {
    pub invitation_id: String,
    pub workspace_id: String,
    pub workspace_name: String,
    pub member_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub inviter_account_id: String,
    pub inviter_name: String,
    pub inviter_email: String,
    pub expires_at: DateTime<Utc>,
    pub new_link_requested_at: Option<DateTime<Utc>>,
    pub state: LinkState,
    /// Someone already has an account with the invitation's address.
    pub has_account: bool,
}

pub async fn find(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Found>, sqlx::Error> {
    let row = sqlx::query(
        "select i.invitation_id, i.workspace_id, w.name as workspace_name, i.member_id, i.email,
                m.first_name, m.last_name, i.invited_by, inviter.display_name as inviter_name,
                inviter.email as inviter_email, i.expires_at, i.new_link_requested_at,
                i.accepted_at, i.declined_at, i.revoked_at,
                (select count(*) from account a where a.email = i.email) as accounts
           from invitation i
           join workspace w on w.workspace_id = i.workspace_id
           join member m on m.member_id = i.member_id
           join account inviter on inviter.account_id = i.invited_by
          where i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let expires_at = parse_timestamp(&row.try_get::<String, _>("expires_at")?)?;
    let ended = ["accepted_at", "declined_at", "revoked_at"]
        .into_iter()
        .map(|column| row.try_get::<Option<String>, _>(column))
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .any(Option::is_some);
    let state = if ended {
        LinkState::Ended
    } else if expires_at <= now {
        LinkState::Expired
    } else {
        LinkState::Open
    };
    let requested: Option<String> = row.try_get("new_link_requested_at")?;
    Ok(Some(Found {
        invitation_id: row.try_get("invitation_id")?,
        workspace_id: row.try_get("workspace_id")?,
        workspace_name: row.try_get("workspace_name")?,
        member_id: row.try_get("member_id")?,
        email: row.try_get("email")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        inviter_account_id: row.try_get("invited_by")?,
        inviter_name: row.try_get("inviter_name")?,
        inviter_email: row.try_get("inviter_email")?,
        expires_at,
        new_link_requested_at: requested.as_deref().map(parse_timestamp).transpose()?,
        state,
        has_account: row.try_get::<i64, _>("accounts")? > 0,
    }))
}

/// The groups an invitation grants, with the roles each binds.
pub async fn granted_groups(
    db: &Db,
    member_id: &str,
) -> Result<Vec<(String, Vec<Role>)>, sqlx::Error> {
    let rows = sqlx::query(
        "select g.group_id, g.name, r.role from group_member gm
           join user_group g on g.group_id = gm.group_id
           left join group_role r on r.group_id = g.group_id
          where gm.member_id = $1
          order by g.name, g.group_id, r.role",
    )
    .bind(member_id)
    .fetch_all(db.pool())
    .await?;
    Ok(crate::invitations::queries::groups_with_roles(rows)?
        .into_iter()
        .map(|(_, name, roles)| {
            let roles = roles.iter().filter_map(|key| Role::from_key(key)).collect();
            (name, roles)
        })
        .collect())
}

/// Who joins: a new account made from the invitation, or an existing one.
pub enum Joiner<'a> {
    NewAccount {
        display_name: &'a str,
        password_hash: &'a str,
    },
    Existing {
        account_id: &'a str,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    Joined {
        account_id: String,
        workspace_id: String,
    },
    /// Used, declined, revoked, expired or unknown at this instant.
    NotOpen,
    /// The inviter no longer holds the rights the invitation grants, or left
    /// (docs/security.md §15).
    InviterCannotGrant {
        invitation_id: String,
        workspace_id: String,
    },
    /// A new account was asked for, but the address already has one.
    AccountExists,
    /// The existing account is not the invitation's address.
    OtherAccount,
}

pub async fn accept(
    db: &Db,
    token_hash: &str,
    joiner: Joiner<'_>,
    client: IpAddr,
    now: DateTime<Utc>,
) -> Result<Accepted, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let consumed = sqlx::query(
        "update invitation set accepted_at = $1
          where token_hash = $2 and accepted_at is null and declined_at is null
            and revoked_at is null and expires_at > $1
         returning invitation_id, workspace_id, member_id, email, invited_by",
    )
    .bind(timestamp(now))
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    // Returning early drops the transaction: everything rolls back, the token included.
    let Some(row) = consumed else {
        return Ok(Accepted::NotOpen);
    };
    let invitation_id: String = row.try_get("invitation_id")?;
    let workspace_id: String = row.try_get("workspace_id")?;
    let member_id: String = row.try_get("member_id")?;
    let email: String = row.try_get("email")?;
    let invited_by: String = row.try_get("invited_by")?;
    if !inviter_may_grant(&mut tx, &workspace_id, &invited_by, &member_id).await? {
        return Ok(Accepted::InviterCannotGrant {
            invitation_id,
            workspace_id,
        });
    }
    let account_id = match joiner {
        Joiner::NewAccount {
            display_name,
            password_hash,
        } => match create_account(&mut tx, &email, display_name, password_hash, now).await {
            Err(error) if is_unique_violation(&error) => return Ok(Accepted::AccountExists),
            other => other?,
        },
        Joiner::Existing { account_id } => {
            let owner: Option<String> =
                sqlx::query_scalar("select email from account where account_id = $1")
                    .bind(account_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner.as_deref() != Some(email.as_str()) {
                return Ok(Accepted::OtherAccount);
            }
            account_id.to_owned()
        }
    };
    let activated = sqlx::query(
        "update member set account_id = $1, state = 'active', joined_at = $2, updated_at = $2
          where member_id = $3 and state = 'invited'",
    )
    .bind(&account_id)
    .bind(timestamp(now))
    .bind(&member_id)
    .execute(&mut *tx)
    .await?;
    if activated.rows_affected() != 1 {
        return Ok(Accepted::NotOpen);
    }
    let event = AuditEvent {
        workspace_id: Some(&workspace_id),
        actor_account_id: Some(&account_id),
        action: "invitation.accepted",
        subject: Some(&invitation_id),
        client_addr: Some(client),
        at: now,
    };
    audit::record(&mut tx, event).await?;
    tx.commit().await?;
    Ok(Accepted::Joined {
        account_id,
        workspace_id,
    })
}

/// Rights are checked again when the invitation turns into access, not only when it was sent.
async fn inviter_may_grant(
    tx: &mut Tx,
    workspace_id: &str,
    inviter: &str,
    member_id: &str,
) -> Result<bool, sqlx::Error> {
    let held: Vec<String> = sqlx::query_scalar(
        "select distinct r.role from group_role r
           join group_member gm on gm.group_id = r.group_id
           join member m on m.member_id = gm.member_id
          where m.account_id = $1 and m.workspace_id = $2 and m.state = 'active'",
    )
    .bind(inviter)
    .bind(workspace_id)
    .fetch_all(&mut **tx)
    .await?;
    let granted = crate::store::roles_of(&mut **tx, member_id).await?;
    let permissions = permissions_of(held.iter().filter_map(|key| Role::from_key(key)));
    Ok(may_invite_into(&permissions, granted))
}

async fn create_account(
    tx: &mut Tx,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let account_id = new_id();
    sqlx::query(
        "insert into account (account_id, email, display_name, password_hash, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $5)",
    )
    .bind(&account_id)
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(timestamp(now))
    .execute(&mut **tx)
    .await?;
    Ok(account_id)
}
