use crate::error::AppError;
use crate::members::{MemberQuery, MembersPage};
use leptos::prelude::*;

/// One page of the people in the actor's workspace that match `query`.
#[server(prefix = "/api", endpoint = "list_members")]
pub async fn list_members(#[server(default)] query: MemberQuery) -> Result<MembersPage, AppError> {
    use crate::context::{actor_with, ports};
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewMembers)?;
    ports()?.members.list(actor.workspace_id, &query).await
}
