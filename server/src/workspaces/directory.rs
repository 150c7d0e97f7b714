//! The workspaces port: creating a workspace, and those an account can switch between.

use crate::auth::accounts;
use crate::clock::Clock;
use crate::store::{Db, OrDbError};
use crate::workspaces::queries as workspaces;
use app::domain::WorkspaceName;
use app::error::AppError;
use app::workspaces::WorkspaceChoice;
use app::workspaces::port::Workspaces;
use async_trait::async_trait;
use std::sync::Arc;
use uuid::Uuid;

pub struct WorkspaceDirectory {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
}

#[async_trait]
impl Workspaces for WorkspaceDirectory {
    async fn create_workspace(
        &self,
        account_id: Uuid,
        name: WorkspaceName,
    ) -> Result<Uuid, AppError> {
        workspaces::create_for_account(&self.db, name.as_str(), account_id, self.clock.now())
            .await
            .or_db_error()
    }

    async fn workspaces(
        &self,
        account_id: Uuid,
        current: Uuid,
    ) -> Result<Vec<WorkspaceChoice>, AppError> {
        let found = accounts::workspaces(&self.db, account_id)
            .await
            .or_db_error()?;
        Ok(found
            .into_iter()
            .map(|(workspace_id, name)| WorkspaceChoice {
                workspace_id,
                name,
                current: workspace_id == current,
            })
            .collect())
    }
}
