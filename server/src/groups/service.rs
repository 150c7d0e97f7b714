//! Settings > Groups: creating, renaming, changing the roles of and deleting groups. A change
//! takes effect at once (rights are read on every request); when it shrinks someone's rights,
//! what follows a demotion follows (their sessions here end, and the pending invitations they
//! could no longer send are revoked); the workspace keeps an active Owner; nobody is left
//! without a group.

use crate::groups::queries as store;
use crate::groups::queries::GroupRow;
use crate::people::changes::Changes;
use crate::store::{OrDbError, Tx, db_error, is_unique_violation};
use app::domain::role::{may_grant, permissions_of};
use app::domain::{ActionDone, Actor, GroupName, Role};
use app::error::AppError;
use app::groups::GroupView;
use app::groups::port::Groups;
use async_trait::async_trait;
use std::collections::BTreeSet;
use std::net::IpAddr;
use uuid::Uuid;

const NO_OWNER_LEFT: &str =
    "This would leave the workspace without an active Owner. Make someone else an Owner first";

fn view(row: GroupRow) -> Result<GroupView, AppError> {
    Ok(GroupView {
        group_id: crate::store::parse_id(&row.group_id).or_db_error()?,
        name: row.name,
        roles: row.roles,
        members: row.members as u64,
    })
}

/// Groups are changed only by those who hold every right the group grants, before and after.
fn check_may_grant(actor: &Actor, roles: &[Role]) -> Result<(), AppError> {
    if may_grant(&actor.permissions, roles.iter().copied()) {
        Ok(())
    } else {
        Err(AppError::Denied(
            "You can only manage groups whose rights you hold yourself".into(),
        ))
    }
}

fn name_taken(error: sqlx::Error) -> AppError {
    if is_unique_violation(&error) {
        AppError::invalid_field("name", "A group with this name already exists")
    } else {
        db_error(error)
    }
}

/// What each person of the group could do before a change: (member, account, rights).
type Holders = Vec<(String, Option<String>, BTreeSet<app::domain::Permission>)>;

/// Settings > Groups' port.
pub struct GroupService {
    pub changes: Changes,
}

impl GroupService {
    async fn group(&self, actor: &Actor, group_id: Uuid) -> Result<GroupRow, AppError> {
        let group_id = group_id.to_string();
        store::list(&self.changes.db, &actor.workspace_id.to_string())
            .await
            .or_db_error()?
            .into_iter()
            .find(|group| group.group_id == group_id)
            .ok_or(AppError::NotFound)
    }

    async fn holders(&self, tx: &mut Tx, group_id: &str) -> Result<Holders, AppError> {
        let mut holders = Vec::new();
        for (member_id, account_id) in store::members(tx, group_id).await.or_db_error()? {
            let roles = crate::store::roles_of(&mut **tx, &member_id)
                .await
                .or_db_error()?;
            holders.push((member_id, account_id, permissions_of(roles)));
        }
        Ok(holders)
    }

    /// After a change to a group: whoever lost rights is treated as demoted, and the workspace
    /// must still have an active Owner.
    async fn settle_rights(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        before: Holders,
        client: IpAddr,
    ) -> Result<(), AppError> {
        for (member_id, account_id, rights) in before {
            let now = permissions_of(
                crate::store::roles_of(&mut **tx, &member_id)
                    .await
                    .or_db_error()?,
            );
            if !rights.is_subset(&now) {
                self.changes
                    .rights_shrank(tx, actor, account_id.as_deref(), &now, client)
                    .await?;
            }
        }
        self.changes.keep_an_owner(tx, actor, NO_OWNER_LEFT).await
    }

    async fn create_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        name: &GroupName,
        roles: &[Role],
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        check_may_grant(actor, roles)?;
        let workspace_id = actor.workspace_id.to_string();
        let group_id = store::create(tx, &workspace_id, name.as_str(), roles, self.changes.now())
            .await
            .map_err(name_taken)?;
        self.changes
            .audit(tx, actor, "group.created", &group_id, client)
            .await?;
        Ok(ActionDone {
            opens_page: false,
            message: format!("Group {} created.", name.as_str()),
        })
    }

    async fn update_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        group: &GroupRow,
        name: &GroupName,
        roles: &[Role],
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        check_may_grant(actor, &group.roles)?;
        check_may_grant(actor, roles)?;
        if name.as_str() != group.name {
            store::rename(tx, &group.group_id, name.as_str(), self.changes.now())
                .await
                .map_err(name_taken)?;
            self.changes
                .audit(tx, actor, "group.renamed", &group.group_id, client)
                .await?;
        }
        let mut sorted = roles.to_vec();
        sorted.sort();
        sorted.dedup();
        if sorted != group.roles {
            let before = self.holders(tx, &group.group_id).await?;
            store::set_roles(tx, &group.group_id, &sorted)
                .await
                .or_db_error()?;
            self.settle_rights(tx, actor, before, client).await?;
            self.changes
                .audit(tx, actor, "group.roles_changed", &group.group_id, client)
                .await?;
        }
        Ok(ActionDone {
            opens_page: false,
            message: format!("Group {} saved.", name.as_str()),
        })
    }

    async fn delete_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        group: &GroupRow,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        check_may_grant(actor, &group.roles)?;
        let stranded = store::only_group_of(tx, &group.group_id)
            .await
            .or_db_error()?;
        if let Some(first) = stranded.first() {
            let others = match stranded.len() - 1 {
                0 => String::new(),
                1 => " and 1 other person".to_owned(),
                more => format!(" and {more} other people"),
            };
            return Err(AppError::Conflict(format!(
                "{first}{others} would be left without a group. Move them to another group first"
            )));
        }
        let before = self.holders(tx, &group.group_id).await?;
        store::delete(tx, &group.group_id).await.or_db_error()?;
        // Someone invited into this group alone while the deletion ran (invitations do not
        // take the workspace lock) would be left without one: checked again after the fact.
        let workspace_id = actor.workspace_id.to_string();
        if store::people_without_a_group(tx, &workspace_id)
            .await
            .or_db_error()?
            > 0
        {
            return Err(AppError::Conflict(
                "Someone was just added to this group alone. Reload the page and try again".into(),
            ));
        }
        self.settle_rights(tx, actor, before, client).await?;
        self.changes
            .audit(tx, actor, "group.deleted", &group.group_id, client)
            .await?;
        Ok(ActionDone {
            opens_page: false,
            message: format!("Group {} deleted.", group.name),
        })
    }
}

#[async_trait]
impl Groups for GroupService {
    async fn list(&self, workspace_id: Uuid, query: &str) -> Result<Vec<GroupView>, AppError> {
        let rows = store::list(&self.changes.db, &workspace_id.to_string())
            .await
            .or_db_error()?;
        let groups = rows.into_iter().map(view).collect::<Result<Vec<_>, _>>()?;
        Ok(groups
            .into_iter()
            .filter(|group| group.matches(query))
            .collect())
    }

    async fn create(
        &self,
        actor: &Actor,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let mut tx = self.changes.locked_workspace(actor).await?;
        let outcome = self.create_in(&mut tx, actor, &name, &roles, client).await;
        let outcome = self.changes.settle(tx, outcome).await;
        self.changes
            .record_denial(actor, actor.workspace_id, client, outcome)
            .await
    }

    async fn update(
        &self,
        actor: &Actor,
        group_id: Uuid,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let mut tx = self.changes.locked_workspace(actor).await?;
        let group = self.group(actor, group_id).await?;
        let outcome = self
            .update_in(&mut tx, actor, &group, &name, &roles, client)
            .await;
        let outcome = self.changes.settle(tx, outcome).await;
        self.changes
            .record_denial(actor, group_id, client, outcome)
            .await
    }

    async fn delete(
        &self,
        actor: &Actor,
        group_id: Uuid,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let mut tx = self.changes.locked_workspace(actor).await?;
        let group = self.group(actor, group_id).await?;
        let outcome = self.delete_in(&mut tx, actor, &group, client).await;
        let outcome = self.changes.settle(tx, outcome).await;
        self.changes
            .record_denial(actor, group_id, client, outcome)
            .await
    }
}
