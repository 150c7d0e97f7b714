//! What the add-user wizard needs from the server: groups, checks, its draft, and inviting.

use crate::domain::{Actor, CreatedInvitation, NewPerson};
use crate::error::AppError;
use crate::groups::GroupSummary;
use crate::invitations::WizardDraft;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

#[async_trait]
pub trait Invitations: Send + Sync {
    /// The workspace's groups with the roles each binds.
    async fn groups(&self, workspace_id: Uuid) -> Result<Vec<GroupSummary>, AppError>;
    /// Field errors for addresses already in the workspace or entered twice.
    async fn check_addresses(
        &self,
        workspace_id: Uuid,
        people: &[NewPerson],
    ) -> Result<(), AppError>;
    /// Invites everyone in one transaction, or no one. Checks what the actor may grant, and
    /// reports addresses already in the workspace as field errors.
    async fn invite(
        &self,
        actor: &Actor,
        people: Vec<NewPerson>,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<Vec<CreatedInvitation>, AppError>;
}

/// The add-user wizard's draft of each inviting member.
#[async_trait]
pub trait Drafts: Send + Sync {
    async fn load(&self, member_id: Uuid) -> Result<WizardDraft, AppError>;
    async fn save(&self, member_id: Uuid, draft: &WizardDraft) -> Result<(), AppError>;
    async fn clear(&self, member_id: Uuid) -> Result<(), AppError>;
}
