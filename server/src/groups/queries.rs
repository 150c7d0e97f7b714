//! Groups and the roles they bind: listing with member counts, and the changes Settings >
//! Groups makes, each inside the caller's write transaction.

use crate::store::{Db, Tx, new_id, timestamp};
use app::domain::Role;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub struct GroupRow {
    pub group_id: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub members: i64,
}

/// The workspace's groups by name (whatever the case), with their roles (most rights first) and how many people
/// are in each.
pub async fn list(db: &Db, workspace_id: &str) -> Result<Vec<GroupRow>, sqlx::Error> {
    let sizes: Vec<(String, i64)> = sqlx::query_as(
        "select g.group_id, count(gm.member_id) from user_group g
           left join group_member gm on gm.group_id = g.group_id
          where g.workspace_id = $1
          group by g.group_id",
    )
    .bind(workspace_id)
    .fetch_all(db.pool())
    .await?;
    let sizes: HashMap<String, i64> = sizes.into_iter().collect();
    let mut groups: Vec<GroupRow> = crate::invitations::queries::groups(db, workspace_id)
        .await?
        .into_iter()
        .map(|(group_id, name, keys)| {
            let mut roles: Vec<Role> = keys.iter().filter_map(|key| Role::from_key(key)).collect();
            roles.sort();
            GroupRow {
                members: sizes.get(&group_id).copied().unwrap_or_default(),
                group_id,
                name,
                roles,
            }
        })
        .collect();
    groups.sort_by_cached_key(|group| group.name.to_lowercase());
    Ok(groups)
}

/// A new group; a name already taken in the workspace is a unique violation.
pub async fn create(
    tx: &mut Tx,
    workspace_id: &str,
    name: &str,
    roles: &[Role],
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let group_id = new_id();
    sqlx::query(
        "insert into user_group (group_id, workspace_id, name, created_at, updated_at)
         values ($1, $2, $3, $4, $4)",
    )
    .bind(&group_id)
    .bind(workspace_id)
    .bind(name)
    .bind(timestamp(now))
    .execute(&mut **tx)
    .await?;
    set_roles(tx, &group_id, roles).await?;
    Ok(group_id)
}

pub async fn rename(
    tx: &mut Tx,
    group_id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update user_group set name = $1, updated_at = $2 where group_id = $3")
        .bind(name)
        .bind(timestamp(now))
        .bind(group_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_roles(tx: &mut Tx, group_id: &str, roles: &[Role]) -> Result<(), sqlx::Error> {
    sqlx::query("delete from group_role where group_id = $1")
        .bind(group_id)
        .execute(&mut **tx)
        .await?;
    for role in roles {
        sqlx::query("insert into group_role (group_id, role) values ($1, $2)")
            .bind(group_id)
            .bind(role.key())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Deletes the group; its roles and memberships go with it.
pub async fn delete(tx: &mut Tx, group_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from user_group where group_id = $1")
        .bind(group_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Everyone in the group: (member id, account id once they joined).
pub async fn members(
    tx: &mut Tx,
    group_id: &str,
) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "select m.member_id, m.account_id from group_member gm
           join member m on m.member_id = gm.member_id
          where gm.group_id = $1",
    )
    .bind(group_id)
    .fetch_all(&mut **tx)
    .await
}

/// The names of the people for whom this group is their only one.
pub async fn only_group_of(tx: &mut Tx, group_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select m.first_name || ' ' || m.last_name from group_member gm
           join member m on m.member_id = gm.member_id
          where gm.group_id = $1
            and not exists (select 1 from group_member other
                             where other.member_id = gm.member_id and other.group_id <> $1)
          order by lower(m.last_name), lower(m.first_name)",
    )
    .bind(group_id)
    .fetch_all(&mut **tx)
    .await
}

/// How many people of the workspace are in no group, as the transaction sees them now (after
/// any invitation committed while a deletion waited for it).
pub async fn people_without_a_group(tx: &mut Tx, workspace_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select count(*) from member m
          where m.workspace_id = $1
            and not exists (select 1 from group_member gm where gm.member_id = m.member_id)",
    )
    .bind(workspace_id)
    .fetch_one(&mut **tx)
    .await
}
