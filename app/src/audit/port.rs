//! Settings > Audit log.

use crate::audit::{AuditPage, AuditQuery};
use crate::error::AppError;
use async_trait::async_trait;
use uuid::Uuid;

/// The workspace's audit log, as Settings > Audit log reads it.
#[async_trait]
pub trait AuditLog: Send + Sync {
    async fn page(&self, workspace_id: Uuid, query: &AuditQuery) -> Result<AuditPage, AppError>;
}
