//! Settings > Groups.

use crate::domain::{ActionDone, Actor, GroupName, Role};
use crate::error::AppError;
use crate::groups::GroupView;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// Settings > Groups. Every change checks, itself, that the actor may make it (docs/security.md
/// §12–15); a group of another workspace is `NotFound`.
#[async_trait]
pub trait Groups: Send + Sync {
    /// The workspace's groups whose name or a role matches `query`, by name.
    async fn list(&self, workspace_id: Uuid, query: &str) -> Result<Vec<GroupView>, AppError>;
    async fn create(
        &self,
        actor: &Actor,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn update(
        &self,
        actor: &Actor,
        group_id: Uuid,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn delete(
        &self,
        actor: &Actor,
        group_id: Uuid,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}
