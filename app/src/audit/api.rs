//! Settings > Audit log: the workspace's recorded events, for those who may read them.

use crate::audit::{AuditPage, AuditQuery};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::context::{actor_with, ports};
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewAuditLog)?;
    ports()?.audit_log.page(actor.workspace_id, &query).await
}
