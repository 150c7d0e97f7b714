//! Members of a workspace, and the actor a session resolves to.

use crate::people::search_index;
use crate::store::{Db, parse_id, placeholders, timestamp};
use app::domain::role::permissions_of;
use app::domain::{Actor, DeliveryState, Role};
use app::people::{MemberQuery, MemberState, MemberSummary, MembersPage, PAGE_SIZE, SortOrder};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use uuid::Uuid;

/// The active member `account_id` is in `workspace_id`, with the rights of their groups.
pub async fn actor(
    db: &Db,
    account_id: Uuid,
    workspace_id: Uuid,
) -> Result<Option<Actor>, sqlx::Error> {
    let row = sqlx::query(
        "select m.member_id, a.email, a.display_name, w.name as workspace_name,
                w.two_factor_required_at,
                (select count(*) from totp_factor t
                  where t.account_id = a.account_id and t.confirmed_at is not null) as factors
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
    let roles = crate::store::roles_of(db.pool(), &member_id).await?;
    Ok(Some(Actor {
        account_id,
        member_id: parse_id(&member_id)?,
        workspace_id,
        workspace_name: row.try_get("workspace_name")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        permissions: permissions_of(roles),
        two_factor_required: row
            .try_get::<Option<String>, _>("two_factor_required_at")?
            .is_some(),
        two_factor_on: row.try_get::<i64, _>("factors")? > 0,
    }))
}

/// The member's state as the Users page shows it: the stored state, or, for an invited member,
/// whether their invitation is still open (by the expiry the member row carries,
/// `people::state_index`) or how it ended, with the time now bound as parameter `now`. Every
/// statement keeps one text, so each connection prepares it once.
pub(super) fn shown_state(now: usize) -> String {
    let now = format!("${now}");
    format!(
        "case when m.state <> 'invited' then m.state
              when m.open_invitation_expires_at > {now} then 'invited'
              when m.open_invitation_expires_at is not null then 'expired'
              else coalesce(
                (select case when i.declined_at is not null then 'declined'
                             when i.revoked_at is not null then 'revoked'
                        end
                   from invitation i where i.member_id = m.member_id and i.accepted_at is null),
                'invited') end"
    )
}

/// Invited members whose invitation is still open, or open but past its expiry, by the
/// expiry the member row carries: a range of the `member_by_state` index. The time now is
/// parameter `now`.
fn with_open_invitation(expired: bool, now: usize) -> String {
    let compare = if expired { "<=" } else { ">" };
    format!("m.state = 'invited' and m.open_invitation_expires_at {compare} ${now}")
}

/// Invited members whose invitation was declined, or revoked: only members without an open
/// invitation (few) have their invitation looked at. (Every invited member has an invitation,
/// written in the same transaction, so `shown_state` never needs its last fallback.)
fn with_ended_invitation(declined: bool) -> String {
    let how = if declined {
        "i.declined_at is not null"
    } else {
        "i.declined_at is null and i.revoked_at is not null"
    };
    format!(
        "m.state = 'invited' and m.open_invitation_expires_at is null
         and exists (select 1 from invitation i
                      where i.member_id = m.member_id and i.accepted_at is null and {how})"
    )
}

/// One page of the workspace's people matching `query`, and how many match in all. Only the
/// filters in use reach the SQL, so each statement is planned for what it really asks.
pub async fn page(
    db: &Db,
    workspace_id: Uuid,
    query: &MemberQuery,
    now: DateTime<Utc>,
) -> Result<MembersPage, sqlx::Error> {
    let mut params = vec![workspace_id.to_string()];
    let mut conditions = vec!["m.workspace_id = $1".to_owned()];
    if let Some((condition, term)) =
        search_index::condition(db.backend(), &query.q, params.len() + 1)
    {
        params.push(term);
        conditions.push(condition);
    }
    if !query.group.is_empty() {
        params.push(query.group.clone());
        let n = params.len();
        conditions.push(format!(
            "exists (select 1 from group_member gm where gm.member_id = m.member_id and gm.group_id = ${n})"
        ));
    }
    if let Some(state) = MemberState::parse_filter(&query.state) {
        conditions.push(match state {
            MemberState::Active | MemberState::Deactivated => {
                params.push(state.key().to_owned());
                format!("m.state = ${}", params.len())
            }
            MemberState::Declined | MemberState::Revoked => {
                with_ended_invitation(state == MemberState::Declined)
            }
            MemberState::Invited | MemberState::Expired => {
                params.push(timestamp(now));
                with_open_invitation(state == MemberState::Expired, params.len())
            }
        });
    }
    let filter = format!("from member m where {}", conditions.join(" and "));
    let count_sql = format!("select count(*) as total {filter}");
    let total: i64 = with_params(&count_sql, &params)
        .fetch_one(db.pool())
        .await?
        .try_get("total")?;
    let pages = (total as u64).div_ceil(u64::from(PAGE_SIZE)).max(1) as u32;
    let page = query.page().min(pages);
    let order = match query.sort {
        SortOrder::Name => "lower(m.last_name), lower(m.first_name), m.email",
        SortOrder::Email => "m.email",
        SortOrder::Newest => "m.created_at desc, m.member_id",
    };
    // The page's members are found first, by id, and only those fifty get their summary: a
    // database that computed it for every row before sorting (SQLite does) would compute it
    // for the whole workspace. The time and the offset are bound, so every page is one
    // statement, prepared once per connection.
    let (now_param, offset_param) = (params.len() + 1, params.len() + 2);
    let state_sql = shown_state(now_param);
    let rows_sql = format!(
        "select {SUMMARY_COLUMNS}, {state_sql} as shown_state from member m
          where m.member_id in (select m.member_id {filter} order by {order}
                                 limit {PAGE_SIZE} offset ${offset_param})
          order by {order}"
    );
    let rows = with_params(&rows_sql, &params)
        .bind(timestamp(now))
        .bind(i64::from((page - 1) * PAGE_SIZE))
        .fetch_all(db.pool())
        .await?;
    Ok(MembersPage {
        rows: summaries(db, rows).await?,
        total: total as u64,
        page,
        pages,
    })
}

fn with_params<'q>(
    sql: &'q str,
    params: &[String],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    params
        .iter()
        .fold(sqlx::query(sql), |query, param| query.bind(param.clone()))
}

/// What a row of the Users table shows, besides the state.
const SUMMARY_COLUMNS: &str = "m.member_id, m.first_name, m.last_name, m.email, m.created_at,
    (select count(*) from totp_factor t
      where t.account_id = m.account_id and t.confirmed_at is not null) as factors,
    (select a.display_name from invitation i join account a on a.account_id = i.invited_by
      where i.member_id = m.member_id) as invited_by";

/// One member of the workspace; `None` for a member of another workspace, or none at all.
pub async fn one(
    db: &Db,
    workspace_id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<MemberSummary>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select {SUMMARY_COLUMNS}, {} as shown_state
           from member m where m.workspace_id = $1 and m.member_id = $2",
        shown_state(3)
    ))
    .bind(workspace_id.to_string())
    .bind(member_id.to_string())
    .bind(timestamp(now))
    .fetch_all(db.pool())
    .await?;
    Ok(summaries(db, rows).await?.pop())
}

/// Rows of `SUMMARY_COLUMNS` and `shown_state`, with their groups and the
/// delivery of their latest invitation email, looked up for these members only.
async fn summaries(db: &Db, rows: Vec<AnyRow>) -> Result<Vec<MemberSummary>, sqlx::Error> {
    let ids = rows
        .iter()
        .map(|row| row.try_get("member_id"))
        .collect::<Result<Vec<String>, _>>()?;
    let mut groups = groups_of(db, &ids).await?;
    let mut delivery: HashMap<String, DeliveryState> =
        crate::mail::outbox::latest_for_members(db, &ids)
            .await?
            .into_iter()
            .map(|(member_id, state, error)| (member_id, DeliveryState::from_outbox(&state, error)))
            .collect();
    rows.into_iter()
        .map(|row| {
            let member_id: String = row.try_get("member_id")?;
            let first: String = row.try_get("first_name")?;
            let last: String = row.try_get("last_name")?;
            let shown: String = row.try_get("shown_state")?;
            let member_groups = groups.remove(&member_id).unwrap_or_default();
            Ok(MemberSummary {
                member_id: parse_id(&member_id)?,
                name: format!("{first} {last}").trim().to_owned(),
                email: row.try_get("email")?,
                state: MemberState::parse_filter(&shown).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown member state {shown}").into())
                })?,
                groups: member_groups.names,
                role: member_groups.role,
                delivery: delivery.remove(&member_id),
                invited_by: row.try_get("invited_by")?,
                added_at: crate::store::parse_timestamp(&row.try_get::<String, _>("created_at")?)?,
                two_factor: row.try_get::<i64, _>("factors")? > 0,
            })
        })
        .collect()
}

/// A member's groups (by name) and the highest role they carry: what the Users table shows.
#[derive(Default)]
struct MemberGroups {
    names: Vec<String>,
    role: Option<Role>,
}

async fn groups_of(
    db: &Db,
    member_ids: &[String],
) -> Result<HashMap<String, MemberGroups>, sqlx::Error> {
    let mut groups: HashMap<String, MemberGroups> = HashMap::new();
    if member_ids.is_empty() {
        return Ok(groups);
    }
    // One row per group and role it binds (a group without roles gives one row with none).
    let sql = format!(
        "select gm.member_id, g.name, r.role from group_member gm
           join user_group g on g.group_id = gm.group_id
           left join group_role r on r.group_id = g.group_id
          where gm.member_id in ({})
          order by g.name, g.group_id",
        placeholders(1, member_ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in member_ids {
        query = query.bind(id);
    }
    for row in query.fetch_all(db.pool()).await? {
        let member = groups.entry(row.try_get("member_id")?).or_default();
        let name: String = row.try_get("name")?;
        if member.names.last() != Some(&name) {
            member.names.push(name);
        }
        let role = row
            .try_get::<Option<String>, _>("role")?
            .and_then(|key| Role::from_key(&key));
        // Roles order from the highest (Owner) down.
        member.role = member.role.into_iter().chain(role).min();
    }
    Ok(groups)
}
