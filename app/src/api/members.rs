use crate::error::AppError;
use crate::members::MemberSummary;
use leptos::prelude::*;

/// Everyone in the actor's workspace.
#[server(prefix = "/api", endpoint = "list_members")]
pub async fn list_members() -> Result<Vec<MemberSummary>, AppError> {
    use crate::context::{actor, ports};
    use crate::domain::Permission;

    let actor = actor()?;
    actor.require(Permission::ViewMembers)?;
    ports()?.members.list(actor.workspace_id).await
}
