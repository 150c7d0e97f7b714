#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::{CreatedInvitation, PersonInput};
use crate::error::AppError;
use crate::groups::GroupSummary;
#[cfg(feature = "ssr")]
use crate::invitations::port::Invitations;
use leptos::prelude::*;

/// The groups an inviter chooses from.
#[server(prefix = "/api", endpoint = "list_groups")]
pub async fn list_groups() -> Result<Vec<GroupSummary>, AppError> {
    use crate::context::actor_with;
    use crate::domain::Permission;

    let actor = actor_with(Permission::InviteMembers)?;
    port::<dyn Invitations>()?.groups(actor.workspace_id).await
}

/// Invites everyone listed into the chosen groups: all or nothing.
#[server(prefix = "/api", endpoint = "invite_people")]
pub async fn invite_people(
    people: Vec<PersonInput>,
    #[server(default)] group_ids: Vec<String>,
) -> Result<Vec<CreatedInvitation>, AppError> {
    use crate::context::{actor_to_change, client_addr};
    use crate::domain::{NewPerson, Permission};
    use crate::error::FormCheck;
    use crate::invitations::steps::MAX_PEOPLE_AT_ONCE;

    let actor = actor_to_change(Permission::InviteMembers).await?;
    if people.is_empty() {
        return Err(AppError::BadRequest("Add at least one person".into()));
    }
    if people.len() > MAX_PEOPLE_AT_ONCE {
        return Err(AppError::BadRequest(format!(
            "Invite at most {MAX_PEOPLE_AT_ONCE} people at once"
        )));
    }
    let mut form = FormCheck::default();
    let parsed = NewPerson::parse_all(&people, &mut form);
    let groups = form.field("groups", parse_group_ids(&group_ids));
    let (Some(people), Some(groups)) = (parsed, groups) else {
        return Err(form.into_error());
    };
    port::<dyn Invitations>()?
        .invite(&actor, people, groups, client_addr())
        .await
}

#[cfg(feature = "ssr")]
pub(crate) fn parse_group_ids(ids: &[String]) -> Result<Vec<uuid::Uuid>, &'static str> {
    if ids.is_empty() {
        return Err("Select at least one group");
    }
    ids.iter()
        .map(|id| uuid::Uuid::parse_str(id).map_err(|_| "Select groups from the list"))
        .collect()
}
