//! The workspaces of the signed-in account, and switching between them.

#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use crate::workspaces::WorkspaceChoice;
#[cfg(feature = "ssr")]
use crate::workspaces::port::Workspaces;
use leptos::prelude::*;
use uuid::Uuid;

#[server(prefix = "/api", endpoint = "my_workspaces")]
pub async fn my_workspaces() -> Result<Vec<WorkspaceChoice>, AppError> {
    use crate::context::actor;

    let actor = actor()?;
    port::<dyn Workspaces>()?
        .workspaces(actor.account_id, actor.workspace_id)
        .await
}

/// A fresh session in another workspace where the account is an active member; any other
/// workspace id answers 404 (docs/security.md §14).
#[server(prefix = "/api", endpoint = "switch_workspace")]
pub async fn switch_workspace(workspace_id: Uuid) -> Result<(), AppError> {
    use crate::context::{actor, start_session_and_land};
    use crate::domain::SignedIn;

    let actor = actor()?;
    let mine = port::<dyn Workspaces>()?
        .workspaces(actor.account_id, actor.workspace_id)
        .await?;
    if !mine
        .iter()
        .any(|choice| choice.workspace_id == workspace_id)
    {
        return Err(AppError::NotFound);
    }
    let signed_in = SignedIn {
        account_id: actor.account_id,
        workspace_id,
    };
    start_session_and_land(signed_in).await
}

/// A new workspace with the default groups; the creator is its Owner and continues in it.
#[server(prefix = "/api", endpoint = "create_workspace")]
pub async fn create_workspace(workspace_name: String) -> Result<(), AppError> {
    use crate::context::{actor, start_session_and_land};
    use crate::domain::SignedIn;
    use crate::domain::WorkspaceName;
    use crate::error::FormCheck;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let Some(name) = form.field("workspace_name", WorkspaceName::parse(&workspace_name)) else {
        return Err(form.into_error());
    };
    let workspace_id = port::<dyn Workspaces>()?
        .create_workspace(actor.account_id, name)
        .await?;
    let signed_in = SignedIn {
        account_id: actor.account_id,
        workspace_id,
    };
    start_session_and_land(signed_in).await
}

/// Owners require two-factor authentication of every member of the workspace, or stop
/// requiring it (docs/security.md §38). The Owner must have it on first, or the rule would
/// shut them out of their own workspace.
#[server(prefix = "/api", endpoint = "require_two_factor")]
pub async fn require_two_factor(required: bool) -> Result<crate::domain::ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;

    let actor = actor_to_change(Permission::ManageWorkspace).await?;
    if required && !actor.two_factor_on {
        return Err(AppError::Conflict(
            "Turn on two-factor authentication for your own account first".into(),
        ));
    }
    let done = port::<dyn Workspaces>()?
        .require_two_factor(&actor, required, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}
