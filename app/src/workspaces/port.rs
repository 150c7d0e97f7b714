//! What the workspace switcher and Create workspace need from the server.

use crate::domain::{ActionDone, Actor, WorkspaceName};
use crate::error::AppError;
use crate::workspaces::WorkspaceChoice;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

#[async_trait]
pub trait Workspaces: Send + Sync {
    /// A new workspace with the default groups, whose Owner is the account.
    async fn create_workspace(
        &self,
        account_id: Uuid,
        name: WorkspaceName,
    ) -> Result<Uuid, AppError>;
    /// The workspaces where the account's membership is active, by name.
    async fn workspaces(
        &self,
        account_id: Uuid,
        current: Uuid,
    ) -> Result<Vec<WorkspaceChoice>, AppError>;
    /// Requires two-factor authentication of the actor's workspace's members, or stops.
    async fn require_two_factor(
        &self,
        actor: &Actor,
        required: bool,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}
