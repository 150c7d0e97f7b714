//! The management port: what an admin may do to a person, checked here for every action
//! (docs/security.md §12–15), and done in one transaction with its audit event.

use crate::invitations::InvitationService;
use crate::people::changes::Changes;
use crate::people::queries::management as store;
use crate::people::queries::management::Person;
use crate::store::{OrDbError, Tx};
use app::domain::role::{may_grant, may_invite_into};
use app::domain::{ActionDone, Actor, CopiedLink};
use app::error::AppError;
use app::groups::GroupSummary;
use app::invitations::port::Invitations;
use app::people::port::{Management, Members};
use app::people::{InvitationAction, MemberAction, MemberDetails, MemberEdit};
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

mod history;
mod invitation;
mod membership;
mod profile;

pub use invitation::EMAILS_PER_INVITATION_PER_HOUR;

pub struct ManagementService {
    pub changes: Changes,
    /// Links, emails and group choices are made as the wizard makes them.
    pub invitations: Arc<InvitationService>,
    pub members: Arc<dyn Members>,
}

impl ManagementService {
    /// Every change starts here: a write transaction that first takes the workspace's lock,
    /// then reads the person. The checks that follow see the person as no other change can
    /// alter them until this one ends (on PostgreSQL the lock makes other changes wait; SQLite
    /// has one writer).
    async fn locked(&self, actor: &Actor, member_id: Uuid) -> Result<(Tx, Person), AppError> {
        let tx = self.changes.locked_workspace(actor).await?;
        let person = self.person(actor, member_id).await?;
        Ok((tx, person))
    }

    /// The person, if they are in the actor's workspace (docs/security.md §14).
    async fn person(&self, actor: &Actor, member_id: Uuid) -> Result<Person, AppError> {
        store::person(
            &self.changes.db,
            &actor.workspace_id.to_string(),
            &member_id.to_string(),
            self.changes.now(),
        )
        .await
        .or_db_error()?
        .ok_or(AppError::NotFound)
    }

    async fn groups_of(
        &self,
        actor: &Actor,
        person: &Person,
    ) -> Result<Vec<GroupSummary>, AppError> {
        let groups = self.invitations.groups(actor.workspace_id).await?;
        Ok(groups
            .into_iter()
            .filter(|group| person.group_ids.contains(&group.group_id.to_string()))
            .collect())
    }
}

fn parse(id: &str) -> Result<Uuid, AppError> {
    crate::store::parse_id(id).or_db_error()
}

/// Someone else changed the person between the checks and the write.
fn changed() -> AppError {
    AppError::Conflict("This person changed a moment ago. Reload the page and try again".into())
}

/// Invitations are managed only by those who may invite, into groups whose rights they hold.
fn check_may_invite(actor: &Actor, person: &Person) -> Result<(), AppError> {
    if may_invite_into(&actor.permissions, person.roles.iter().copied()) {
        Ok(())
    } else {
        Err(AppError::Denied(
            "You can only manage invitations into groups whose rights you hold yourself".into(),
        ))
    }
}

/// Admins manage only people whose rights they hold themselves: an Admin cannot touch an Owner.
fn check_outranks(actor: &Actor, person: &Person) -> Result<(), AppError> {
    if may_grant(&actor.permissions, person.roles.iter().copied()) {
        Ok(())
    } else {
        Err(AppError::Denied(format!(
            "{} has rights you do not hold, so you cannot change them",
            person.name()
        )))
    }
}

#[async_trait]
impl Management for ManagementService {
    async fn details(&self, actor: &Actor, member_id: Uuid) -> Result<MemberDetails, AppError> {
        let person = self.person(actor, member_id).await?;
        self.history(&person, actor).await
    }

    async fn invitation_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError> {
        let result = self
            .invitation_action_checked(actor, member_id, action, client)
            .await;
        self.changes
            .record_denial(actor, member_id, client, result)
            .await
    }

    async fn member_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self
            .member_action_checked(actor, member_id, action, client)
            .await;
        self.changes
            .record_denial(actor, member_id, client, result)
            .await
    }

    async fn edit(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self.edit_checked(actor, member_id, edit, client).await;
        self.changes
            .record_denial(actor, member_id, client, result)
            .await
    }

    async fn change_groups(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self
            .change_groups_checked(actor, member_id, group_ids, client)
            .await;
        self.changes
            .record_denial(actor, member_id, client, result)
            .await
    }
}
