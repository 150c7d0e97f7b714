use crate::error::AppError;
use crate::members::{MemberQuery, MemberSummary, MembersPage};
use leptos::prelude::*;

/// One page of the people in the actor's workspace that match `query`.
#[server(prefix = "/api", endpoint = "list_members")]
pub async fn list_members(#[server(default)] query: MemberQuery) -> Result<MembersPage, AppError> {
    use crate::context::{actor_with, ports};
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewMembers)?;
    ports()?.members.list(actor.workspace_id, &query).await
}

/// One person of the actor's workspace; `NotFound` for anyone else.
#[server(prefix = "/api", endpoint = "member_details")]
pub async fn member_details(member_id: String) -> Result<MemberSummary, AppError> {
    use crate::context::{actor_with, ports};
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewMembers)?;
    let member_id = uuid::Uuid::parse_str(&member_id).map_err(|_| AppError::NotFound)?;
    ports()?
        .members
        .details(actor.workspace_id, member_id)
        .await
}
