//! The management port: what an admin may do to a person, checked here for every action
//! (docs/security.md §12–15), and done in one transaction with its audit event.

use crate::invitations::InvitationService;
use crate::store::audit;
use crate::store::management::{self as store, Person};
use crate::store::{Tx, db_error};
use app::auth::Actor;
use app::domain::role::{may_grant, may_invite_into};
use app::error::AppError;
use app::invitations::GroupSummary;
use app::management::{
    ActionDone, CopiedLink, InvitationAction, MemberAction, MemberDetails, MemberEdit,
};
use app::ports::{Invitations, Management, Members};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

mod groups;
mod history;
mod invitation;
mod membership;
mod profile;

pub use invitation::EMAILS_PER_INVITATION_PER_HOUR;

pub struct ManagementService {
    pub invitations: Arc<InvitationService>,
    pub members: Arc<dyn Members>,
}

impl ManagementService {
    fn now(&self) -> DateTime<Utc> {
        self.invitations.clock.now()
    }

    async fn begin(&self) -> Result<Tx, AppError> {
        self.invitations.db.begin_write().await.map_err(db_error)
    }

    /// Every change starts here: a write transaction that first takes the workspace's lock,
    /// then reads the person. The checks that follow see the person as no other change can
    /// alter them until this one ends (on PostgreSQL the lock makes other changes wait; SQLite
    /// has one writer).
    async fn locked(&self, actor: &Actor, member_id: Uuid) -> Result<(Tx, Person), AppError> {
        let tx = self.locked_workspace(actor).await?;
        let person = self.person(actor, member_id).await?;
        Ok((tx, person))
    }

    /// A write transaction holding the workspace's lock (see `locked`).
    async fn locked_workspace(&self, actor: &Actor) -> Result<Tx, AppError> {
        let mut tx = self.begin().await?;
        crate::store::membership::lock_workspace(&mut tx, &actor.workspace_id.to_string())
            .await
            .map_err(db_error)?;
        Ok(tx)
    }

    /// Commits a change that succeeded (and wakes the mail worker for what it queued), or rolls
    /// back one that did not, at once, so the lock is free for what comes next.
    async fn settle<T>(&self, tx: Tx, outcome: Result<T, AppError>) -> Result<T, AppError> {
        match outcome {
            Ok(value) => {
                tx.commit().await.map_err(db_error)?;
                self.invitations.mail_wakeup.notify_one();
                Ok(value)
            }
            Err(error) => {
                tx.rollback().await.map_err(db_error)?;
                Err(error)
            }
        }
    }

    /// The person, if they are in the actor's workspace (docs/security.md §14).
    async fn person(&self, actor: &Actor, member_id: Uuid) -> Result<Person, AppError> {
        store::person(
            &self.invitations.db,
            &actor.workspace_id.to_string(),
            &member_id.to_string(),
            self.now(),
        )
        .await
        .map_err(db_error)?
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

    /// A refusal for want of rights is itself an audit event (docs/security.md §29), about the
    /// person or group it concerned.
    async fn record_denial<T>(
        &self,
        actor: &Actor,
        subject: Uuid,
        client: IpAddr,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if let Err(AppError::Denied(_)) = &result {
            let subject = subject.to_string();
            audit::record_denied(&self.invitations.db, actor, &subject, client, self.now())
                .await
                .map_err(db_error)?;
        }
        result
    }

    async fn audit(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        action: &str,
        subject: &str,
        client: IpAddr,
    ) -> Result<(), AppError> {
        audit::record_by(tx, actor, action, subject, client, self.now())
            .await
            .map_err(db_error)
    }
}

fn parse(id: &str) -> Result<Uuid, AppError> {
    crate::store::parse_id(id).map_err(db_error)
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
        self.record_denial(actor, member_id, client, result).await
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
        self.record_denial(actor, member_id, client, result).await
    }

    async fn edit(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self.edit_checked(actor, member_id, edit, client).await;
        self.record_denial(actor, member_id, client, result).await
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
        self.record_denial(actor, member_id, client, result).await
    }
}
