//! Members of a workspace, and the actor a session resolves to.

use super::{Db, parse_id, timestamp};
use app::auth::Actor;
use app::domain::{Role, role::permissions_of};
use app::invitations::DeliveryState;
use app::members::{MemberState, MemberSummary};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::HashMap;
use uuid::Uuid;

/// The active member `account_id` is in `workspace_id`, with the rights of their groups.
pub async fn actor(
    db: &Db,
    account_id: Uuid,
    workspace_id: Uuid,
) -> Result<Option<Actor>, sqlx::Error> {
    let row = sqlx::query(
        "select m.member_id, a.email, a.display_name, w.name as workspace_name
           from member m
           join account a on a.account_id = m.account_id
           join workspace w on w.workspace_id = m.workspace_id
          where m.account_id = $1 and m.workspace_id = $2 and m.state = 'active'",
    )
    .bind(account_id.to_string())
    .bind(workspace_id.to_string())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let member_id: String = row.try_get("member_id")?;
    let roles: Vec<String> = sqlx::query_scalar(
        "select distinct r.role from group_role r
           join group_member gm on gm.group_id = r.group_id
          where gm.member_id = $1",
    )
    .bind(&member_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(Actor {
        account_id,
        member_id: parse_id(&member_id)?,
        workspace_id,
        workspace_name: row.try_get("workspace_name")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        permissions: permissions_of(roles.iter().filter_map(|key| Role::from_key(key))),
    }))
}

/// Everyone in the workspace, by name, with their groups.
pub async fn list(
    db: &Db,
    workspace_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<MemberSummary>, sqlx::Error> {
    select(db, workspace_id, None, now).await
}

/// One member of the workspace; `None` for a member of another workspace, or none at all.
pub async fn one(
    db: &Db,
    workspace_id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<MemberSummary>, sqlx::Error> {
    Ok(select(db, workspace_id, Some(member_id), now).await?.pop())
}

async fn select(
    db: &Db,
    workspace_id: Uuid,
    only: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Vec<MemberSummary>, sqlx::Error> {
    let workspace_id = workspace_id.to_string();
    // How the member's latest invitation ended, if it did without them joining.
    let rows = sqlx::query(
        "select m.member_id, m.first_name, m.last_name, m.email, m.state,
                (select case when i.declined_at is not null then 'declined'
                             when i.revoked_at is not null then 'revoked'
                             when i.accepted_at is null and i.expires_at <= $3 then 'expired'
                        end
                   from invitation i where i.member_id = m.member_id
                  order by i.created_at desc limit 1) as invitation_ended
           from member m
          where m.workspace_id = $1 and ($2 = '' or m.member_id = $2)
          order by lower(m.last_name), lower(m.first_name), m.email",
    )
    .bind(&workspace_id)
    .bind(only.map(|id| id.to_string()).unwrap_or_default())
    .bind(timestamp(now))
    .fetch_all(db.pool())
    .await?;
    let mut groups = groups_by_member(db, &workspace_id).await?;
    let mut delivery: HashMap<String, DeliveryState> =
        super::outbox::latest_for_invitations(db, &workspace_id)
            .await?
            .into_iter()
            .map(|(member_id, state, error)| (member_id, DeliveryState::from_outbox(&state, error)))
            .collect();
    rows.into_iter()
        .map(|row| {
            let member_id: String = row.try_get("member_id")?;
            let first: String = row.try_get("first_name")?;
            let last: String = row.try_get("last_name")?;
            let state: String = row.try_get("state")?;
            let ended: Option<String> = row.try_get("invitation_ended")?;
            Ok(MemberSummary {
                member_id: parse_id(&member_id)?,
                name: format!("{first} {last}").trim().to_owned(),
                email: row.try_get("email")?,
                state: MemberState::from_keys(&state, ended.as_deref()).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown member state {state}").into())
                })?,
                groups: groups.remove(&member_id).unwrap_or_default(),
                delivery: delivery.remove(&member_id),
            })
        })
        .collect()
}

async fn groups_by_member(
    db: &Db,
    workspace_id: &str,
) -> Result<HashMap<String, Vec<String>>, sqlx::Error> {
    let rows = sqlx::query(
        "select gm.member_id, g.name from group_member gm
           join user_group g on g.group_id = gm.group_id
          where g.workspace_id = $1
          order by g.name",
    )
    .bind(workspace_id)
    .fetch_all(db.pool())
    .await?;
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        groups
            .entry(row.try_get("member_id")?)
            .or_default()
            .push(row.try_get("name")?);
    }
    Ok(groups)
}
