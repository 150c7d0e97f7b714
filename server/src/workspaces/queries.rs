//! Workspaces and the groups a new one starts with.

use crate::audit::queries as audit;
use crate::audit::queries::AuditEvent;
use crate::store::{Db, Tx, is_unique_violation, new_id, timestamp};
use app::domain::Role;
use chrono::{DateTime, Utc};

/// The groups every workspace starts with, and the role each binds.
pub const DEFAULT_GROUPS: [(&str, Role); 5] = [
    ("Owners", Role::Owner),
    ("Admins", Role::Admin),
    ("Security Engineers", Role::SecurityEngineer),
    ("Developers", Role::Developer),
    ("Guests", Role::Guest),
];

pub struct NewOwner<'a> {
    pub workspace_name: &'a str,
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub password_hash: &'a str,
}

pub struct Created {
    pub workspace_id: String,
    pub account_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("Portico is already set up")]
    AlreadySetUp,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub async fn is_set_up(db: &Db) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("select count(*) from deployment")
        .fetch_one(db.pool())
        .await?;
    Ok(count > 0)
}

/// Creates the first workspace with its default groups and its Owner, once per deployment:
/// the `deployment` row's fixed key makes a second, concurrent attempt fail on either database.
pub async fn create_first(
    db: &Db,
    owner: NewOwner<'_>,
    now: DateTime<Utc>,
) -> Result<Created, SetupError> {
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query("insert into deployment (deployment_id, set_up_at) values (1, $1)")
        .bind(timestamp(now))
        .execute(&mut *tx)
        .await;
    match claimed {
        Err(error) if is_unique_violation(&error) => return Err(SetupError::AlreadySetUp),
        other => other?,
    };
    let workspace_id = insert_workspace(&mut tx, owner.workspace_name, now).await?;
    let account_id = new_id();
    sqlx::query(
        "insert into account (account_id, email, display_name, password_hash, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $5)",
    )
    .bind(&account_id)
    .bind(owner.email)
    .bind(format!("{} {}", owner.first_name, owner.last_name).trim().to_owned())
    .bind(owner.password_hash)
    .bind(timestamp(now))
    .execute(&mut *tx)
    .await?;
    let owner_member = OwnerMember {
        workspace_id: &workspace_id,
        account_id: &account_id,
        email: owner.email,
        first_name: owner.first_name,
        last_name: owner.last_name,
    };
    add_owner(&mut tx, owner_member, now).await?;
    record_created(&mut tx, &workspace_id, &account_id, now).await?;
    tx.commit().await?;
    Ok(Created {
        workspace_id,
        account_id,
    })
}

/// Another workspace, with the default groups, whose Owner is an existing account (known by
/// the names of its latest membership).
pub async fn create_for_account(
    db: &Db,
    name: &str,
    account_id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<uuid::Uuid, sqlx::Error> {
    let account_id = account_id.to_string();
    let (email, first_name, last_name): (String, String, String) = sqlx::query_as(
        "select a.email, m.first_name, m.last_name from account a
           join member m on m.account_id = a.account_id
          where a.account_id = $1
          order by m.joined_at desc limit 1",
    )
    .bind(&account_id)
    .fetch_one(db.pool())
    .await?;
    let mut tx = db.begin_write().await?;
    let workspace_id = insert_workspace(&mut tx, name, now).await?;
    let owner = OwnerMember {
        workspace_id: &workspace_id,
        account_id: &account_id,
        email: &email,
        first_name: &first_name,
        last_name: &last_name,
    };
    add_owner(&mut tx, owner, now).await?;
    record_created(&mut tx, &workspace_id, &account_id, now).await?;
    tx.commit().await?;
    crate::store::parse_id(&workspace_id)
}

async fn record_created(
    tx: &mut Tx,
    workspace_id: &str,
    account_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let event = AuditEvent {
        workspace_id: Some(workspace_id),
        actor_account_id: Some(account_id),
        action: "workspace.created",
        subject: Some(workspace_id),
        client_addr: None,
        at: now,
    };
    audit::record(tx, event).await
}

struct OwnerMember<'a> {
    workspace_id: &'a str,
    account_id: &'a str,
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
}

/// The account as an active member of the workspace's Owners group.
async fn add_owner(
    tx: &mut Tx,
    owner: OwnerMember<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let member_id = new_id();
    sqlx::query(
        "insert into member (member_id, workspace_id, account_id, email, first_name, last_name,
                             state, created_at, updated_at, joined_at)
         values ($1, $2, $3, $4, $5, $6, 'active', $7, $7, $7)",
    )
    .bind(&member_id)
    .bind(owner.workspace_id)
    .bind(owner.account_id)
    .bind(owner.email)
    .bind(owner.first_name)
    .bind(owner.last_name)
    .bind(timestamp(now))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "insert into group_member (group_id, member_id)
         select g.group_id, $1 from user_group g where g.workspace_id = $2 and g.name = 'Owners'",
    )
    .bind(&member_id)
    .bind(owner.workspace_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_workspace(
    tx: &mut Tx,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let workspace_id = new_id();
    sqlx::query("insert into workspace (workspace_id, name, created_at) values ($1, $2, $3)")
        .bind(&workspace_id)
        .bind(name)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
    for (group_name, role) in DEFAULT_GROUPS {
        let group_id = new_id();
        sqlx::query(
            "insert into user_group (group_id, workspace_id, name, created_at, updated_at)
             values ($1, $2, $3, $4, $4)",
        )
        .bind(&group_id)
        .bind(&workspace_id)
        .bind(group_name)
        .bind(timestamp(now))
        .execute(&mut **tx)
        .await?;
        sqlx::query("insert into group_role (group_id, role) values ($1, $2)")
            .bind(&group_id)
            .bind(role.key())
            .execute(&mut **tx)
            .await?;
    }
    Ok(workspace_id)
}

/// Since when the workspace requires two-factor authentication; `None` stops requiring it.
pub async fn require_two_factor(
    tx: &mut crate::store::Tx,
    workspace_id: uuid::Uuid,
    since: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update workspace set two_factor_required_at = $2 where workspace_id = $1")
        .bind(workspace_id.to_string())
        .bind(since.map(crate::store::timestamp))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
