//! Settings > Groups: list, create, rename, change the roles of, and delete groups.

#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use crate::groups::GroupView;
#[cfg(feature = "ssr")]
use crate::groups::port::Groups;
use leptos::prelude::*;

/// The workspace's groups whose name or a role contains `q`.
#[server(prefix = "/api", endpoint = "workspace_groups")]
pub async fn workspace_groups(#[server(default)] q: String) -> Result<Vec<GroupView>, AppError> {
    use crate::context::actor_with;
    use crate::domain::{Permission, SearchTerm};

    let actor = actor_with(Permission::ViewMembers)?;
    let q = SearchTerm::parse(&q).map_err(|message| AppError::invalid_field("q", message))?;
    port::<dyn Groups>()?
        .list(actor.workspace_id, q.as_str())
        .await
}

/// Creates a group (no `group_id`) or renames it and sets its roles.
#[server(prefix = "/api", endpoint = "save_group")]
pub async fn save_group(
    #[server(default)] group_id: String,
    name: String,
    #[server(default)] roles: Vec<String>,
) -> Result<crate::domain::ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::{GroupName, Permission, Role};
    use crate::error::FormCheck;

    let actor = actor_to_change(Permission::ManageGroups).await?;
    let mut form = FormCheck::default();
    let name = form.field("name", GroupName::parse(&name));
    let roles = form.field(
        "roles",
        roles
            .iter()
            .map(|key| Role::from_key(key).ok_or("Select roles from the list"))
            .collect::<Result<Vec<Role>, _>>(),
    );
    let (Some(name), Some(mut roles)) = (name, roles) else {
        return Err(form.into_error());
    };
    roles.sort();
    roles.dedup();
    let groups = port::<dyn Groups>()?;
    let done = if group_id.is_empty() {
        groups.create(&actor, name, roles, client_addr()).await?
    } else {
        let group_id = crate::context::parse_id(&group_id)?;
        groups
            .update(&actor, group_id, name, roles, client_addr())
            .await?
    };
    report(&done, Some(crate::routes::GROUPS)).await?;
    Ok(done)
}

#[server(prefix = "/api", endpoint = "delete_group")]
pub async fn delete_group(group_id: String) -> Result<crate::domain::ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;

    let actor = actor_to_change(Permission::ManageGroups).await?;
    let group_id = crate::context::parse_id(&group_id)?;
    let done = port::<dyn Groups>()?
        .delete(&actor, group_id, client_addr())
        .await?;
    report(&done, Some(crate::routes::GROUPS)).await?;
    Ok(done)
}
