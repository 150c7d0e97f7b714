//! Deactivate, reactivate, remove, and change groups: what follows when rights shrink, and the
//! last Owner who must stay.

use super::{ManagementService, changed, check_outranks};
use crate::people::queries::management::Person;
use crate::people::queries::membership;
use crate::store::{OrDbError, Tx};
use app::domain::role::permissions_of;
use app::domain::{ActionDone, Actor};
use app::error::AppError;
use app::people::MemberAction;
use std::net::IpAddr;
use uuid::Uuid;

impl ManagementService {
    pub(super) async fn member_action_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let (mut tx, person) = self.locked(actor, member_id).await?;
        let outcome = self
            .member_action_in(&mut tx, actor, &person, action, client)
            .await;
        self.changes.settle(tx, outcome).await
    }

    async fn member_action_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        if person.member_id == actor.member_id.to_string() && action != MemberAction::Reactivate {
            return Err(AppError::Denied(format!(
                "You cannot {} yourself. Ask another Owner or Admin",
                action.label().to_lowercase().trim_end_matches(" user")
            )));
        }
        check_outranks(actor, person)?;
        if !action.applies_to(person.state) {
            return Err(AppError::Conflict(action.refusal(&person.name())));
        }
        let now = self.changes.now();
        let applied = match action {
            MemberAction::Deactivate => {
                membership::set_state(tx, &person.member_id, "active", "deactivated", now).await
            }
            MemberAction::Reactivate => {
                membership::set_state(tx, &person.member_id, "deactivated", "active", now).await
            }
            MemberAction::Remove => membership::delete_member(tx, &person.member_id).await,
        }
        .or_db_error()?;
        if !applied {
            return Err(changed());
        }
        if action != MemberAction::Reactivate {
            self.changes
                .keep_an_owner(tx, actor, &last_owner(person))
                .await?;
            let account = person.account_id.as_deref();
            self.changes
                .rights_shrank(tx, actor, account, &Default::default(), client)
                .await?;
        }
        self.changes
            .audit(tx, actor, action.audit_action(), &person.member_id, client)
            .await?;
        Ok(ActionDone {
            opens_page: false,
            message: action.done(&person.name()),
        })
    }

    pub(super) async fn change_groups_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let (mut tx, person) = self.locked(actor, member_id).await?;
        let outcome = self
            .change_groups_in(&mut tx, actor, &person, group_ids, client)
            .await;
        self.changes.settle(tx, outcome).await
    }

    async fn change_groups_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        check_outranks(actor, person)?;
        if group_ids.is_empty() {
            return Err(AppError::invalid_field(
                "groups",
                "Select groups from the list",
            ));
        }
        let chosen = self.invitations.chosen_groups(actor, &group_ids).await?;
        let new_roles: Vec<_> = chosen
            .iter()
            .flat_map(|g| g.roles.iter().copied())
            .collect();
        let ids: Vec<String> = chosen.iter().map(|g| g.group_id.to_string()).collect();
        membership::replace_groups(tx, &person.member_id, &ids)
            .await
            .or_db_error()?;
        if person.invitation.is_some() {
            membership::adopt_invitation(tx, &person.member_id, &actor.account_id.to_string())
                .await
                .or_db_error()?;
        }
        self.changes
            .keep_an_owner(tx, actor, &last_owner(person))
            .await?;
        let before = permissions_of(person.roles.iter().copied());
        let after = permissions_of(new_roles);
        if !before.is_subset(&after) {
            let account = person.account_id.as_deref();
            self.changes
                .rights_shrank(tx, actor, account, &after, client)
                .await?;
        }
        self.changes
            .audit(
                tx,
                actor,
                "member.groups_changed",
                &person.member_id,
                client,
            )
            .await?;
        let names: Vec<&str> = chosen.iter().map(|g| g.name.as_str()).collect();
        Ok(ActionDone {
            opens_page: false,
            message: format!("{} is now in {}.", person.name(), names.join(", ")),
        })
    }
}

fn last_owner(person: &Person) -> String {
    format!(
        "{} is the workspace's last Owner. Make someone else an Owner first",
        person.name()
    )
}
