//! The audit trail: who did what to whom, when, from where. Never a token or a password.
//! Written in the transaction of what it records; read by the audit log page.

use crate::store::{Db, Tx, new_id, timestamp};
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

/// Records what `actor` did, in their workspace.
pub async fn record_by(
    tx: &mut Tx,
    actor: &app::domain::Actor,
    action: &str,
    subject: &str,
    client: IpAddr,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let event = AuditEvent {
        workspace_id: Some(&actor.workspace_id.to_string()),
        actor_account_id: Some(&actor.account_id.to_string()),
        action,
        subject: Some(subject),
        client_addr: Some(client),
        at,
    };
    record(tx, event).await
}

/// Records what an account did to itself from an emailed link, with no session (a password
/// reset, a confirmed address): by the account, about it, in the workspace its sign-in would
/// land in, if it has one.
pub async fn record_by_link_holder(
    tx: &mut Tx,
    account_id: uuid::Uuid,
    action: &str,
    client: IpAddr,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let workspace_id = landing_workspace(tx, account_id)
        .await?
        .map(|id| id.to_string());
    let account = account_id.to_string();
    let event = AuditEvent {
        workspace_id: workspace_id.as_deref(),
        actor_account_id: Some(&account),
        action,
        subject: Some(&account),
        client_addr: Some(client),
        at,
    };
    record(tx, event).await
}

/// The workspace an account's own changes are recorded in: the one sign-in would land in (the
/// most recently joined where it is active), if any.
async fn landing_workspace(
    tx: &mut Tx,
    account_id: uuid::Uuid,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar(
        "select workspace_id from member where account_id = $1 and state = 'active'
          order by joined_at desc limit 1",
    )
    .bind(account_id.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    found.as_deref().map(crate::store::parse_id).transpose()
}

/// A refusal for want of rights, about `subject`, in a transaction of its own
/// (docs/security.md §29).
pub async fn record_denied(
    db: &Db,
    actor: &app::domain::Actor,
    subject: &str,
    client: IpAddr,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    record_by(&mut tx, actor, "access.denied", subject, client, at).await?;
    tx.commit().await
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

/// Which events of a workspace the log shows; `None` filters nothing. Times are our own
/// fixed-width text, compared as text.
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// (time, action, actor's name, subject's name, client address) of one event.
pub type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The `where` clause of the filter, and the values it binds in order.
fn matching(workspace_id: &str, filter: &Filter) -> (String, Vec<String>) {
    let mut params = vec![workspace_id.to_owned()];
    let mut conditions = vec!["e.workspace_id = $1".to_owned()];
    for (column, operator, value) in [
        ("e.actor_account_id", "=", &filter.actor),
        ("e.action", "=", &filter.action),
        ("e.created_at", ">=", &filter.from),
        ("e.created_at", "<", &filter.to),
    ] {
        if let Some(value) = value {
            params.push(value.clone());
            conditions.push(format!("{column} {operator} ${}", params.len()));
        }
    }
    (conditions.join(" and "), params)
}

/// How many of the workspace's events match.
pub async fn count(
    db: &crate::store::Db,
    workspace_id: &str,
    filter: &Filter,
) -> Result<i64, sqlx::Error> {
    let (condition, params) = matching(workspace_id, filter);
    let sql = format!("select count(*) from audit_event e where {condition}");
    let mut query = sqlx::query_scalar(&sql);
    for param in &params {
        query = query.bind(param);
    }
    query.fetch_one(db.pool()).await
}

/// One page of the workspace's events that match, newest first.
pub async fn page(
    db: &crate::store::Db,
    workspace_id: &str,
    filter: &Filter,
    limit: u32,
    offset: u32,
) -> Result<Vec<Row>, sqlx::Error> {
    let (condition, params) = matching(workspace_id, filter);
    // The subject is a member, an invitation, an account or a group: its name (a member's,
    // invitation's or group's while it exists).
    let sql = format!(
        "select e.created_at, e.action, a.display_name as actor,
                coalesce(sm.first_name || ' ' || sm.last_name,
                         im.first_name || ' ' || im.last_name, sa.display_name, sg.name) as subject,
                e.client_addr
           from audit_event e
           left join account a on a.account_id = e.actor_account_id
           left join member sm on sm.member_id = e.subject
           left join invitation si on si.invitation_id = e.subject
           left join member im on im.member_id = si.member_id
           left join account sa on sa.account_id = e.subject
           left join user_group sg on sg.group_id = e.subject
          where {condition}
          order by e.created_at desc, e.audit_event_id
          limit {limit} offset {offset}"
    );
    let mut query = sqlx::query_as(&sql);
    for param in &params {
        query = query.bind(param);
    }
    query.fetch_all(db.pool()).await
}

/// Everyone who acted in the workspace's log, by name: (account id, name).
pub async fn actors(
    db: &crate::store::Db,
    workspace_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select distinct a.account_id, a.display_name from audit_event e
           join account a on a.account_id = e.actor_account_id
          where e.workspace_id = $1
          order by a.display_name",
    )
    .bind(workspace_id)
    .fetch_all(db.pool())
    .await
}
