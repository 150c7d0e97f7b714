//! The workspaces port: creating a workspace, and those an account can switch between.

use crate::auth::accounts;
use crate::clock::Clock;
use crate::store::{Db, OrDbError};
use crate::workspaces::queries as workspaces;
use app::domain::{ActionDone, Actor, WorkspaceName};
use app::error::AppError;
use app::workspaces::WorkspaceChoice;
use app::workspaces::port::Workspaces;
use async_trait::async_trait;
use std::net::IpAddr;
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

    async fn require_two_factor(
        &self,
        actor: &Actor,
        required: bool,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let now = self.clock.now();
        let mut tx = self.db.begin_write().await.or_db_error()?;
        workspaces::require_two_factor(&mut tx, actor.workspace_id, required.then_some(now))
            .await
            .or_db_error()?;
        let (action, message) = if required {
            (
                "workspace.two_factor_required",
                "Two-factor authentication is now required: members without it set it up at their next page",
            )
        } else {
            (
                "workspace.two_factor_not_required",
                "Two-factor authentication is no longer required",
            )
        };
        let subject = actor.workspace_id.to_string();
        crate::audit::queries::record_by(&mut tx, actor, action, &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        Ok(crate::account::done(message))
    }
}
