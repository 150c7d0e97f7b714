//! What the Users page and the pages around one person need from the server.

use crate::domain::{ActionDone, Actor, CopiedLink};
use crate::error::AppError;
use crate::people::{
    InvitationAction, MemberAction, MemberDetails, MemberEdit, MemberQuery, MemberSummary,
    MembersPage,
};
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

#[async_trait]
pub trait Members: Send + Sync {
    /// One page of the people matching `query`.
    async fn list(&self, workspace_id: Uuid, query: &MemberQuery) -> Result<MembersPage, AppError>;
    /// `NotFound` unless the member belongs to the workspace (docs/security.md §14).
    async fn details(&self, workspace_id: Uuid, member_id: Uuid)
    -> Result<MemberSummary, AppError>;
}

/// What admins do to people after they were added. Every method checks, itself, that the
/// actor may act on this person (docs/security.md §12–15); a person of another workspace is
/// `NotFound`, with nothing changed.
#[async_trait]
pub trait Management: Send + Sync {
    async fn details(&self, actor: &Actor, member_id: Uuid) -> Result<MemberDetails, AppError>;
    /// Resends, regenerates, revokes, or issues a fresh link (returned only for `CopyLink`).
    async fn invitation_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError>;
    async fn member_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn edit(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn change_groups(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}
