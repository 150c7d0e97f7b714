//! What the workspace switcher and Create workspace need from the server.

use crate::domain::WorkspaceName;
use crate::error::AppError;
use crate::workspaces::WorkspaceChoice;
use async_trait::async_trait;
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
}
