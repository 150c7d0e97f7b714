//! Settings > Audit log.

use crate::audit::{AuditPage, AuditQuery};
use crate::auth::Actor;
use crate::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// The workspace's audit log, as Settings > Audit log reads it.
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Records that the actor was refused something for want of rights.
    async fn record_refusal(&self, actor: &Actor, client: IpAddr) -> Result<(), AppError>;
    async fn page(&self, workspace_id: Uuid, query: &AuditQuery) -> Result<AuditPage, AppError>;
}
