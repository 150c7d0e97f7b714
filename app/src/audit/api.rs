//! Settings > Audit log: the workspace's recorded events, for those who may read them.

use crate::audit::{AuditPage, AuditQuery};
#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::context::actor_with;
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewAuditLog)?;
    port::<dyn crate::audit::port::AuditLog>()?
        .page(actor.workspace_id, &query)
        .await
}
