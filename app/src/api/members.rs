use crate::error::AppError;
use crate::members::{MemberQuery, MembersPage};
use leptos::prelude::*;

/// One page of the people in the actor's workspace that match `query`.
#[server(prefix = "/api", endpoint = "list_members")]
pub async fn list_members(#[server(default)] query: MemberQuery) -> Result<MembersPage, AppError> {
    use crate::context::{actor_with, ports};
    use crate::domain::{Permission, SearchTerm};

    let actor = actor_with(Permission::ViewMembers)?;
    let q = SearchTerm::parse(&query.q).map_err(|message| AppError::invalid_field("q", message))?;
    let query = MemberQuery {
        q: q.as_str().to_owned(),
        ..query
    };
    ports()?.members.list(actor.workspace_id, &query).await
}
