//! The people of a workspace: the Users page's list, and managing each person after they were
//! added: their details, their invitation, their membership,
//! their profile and their groups. Each function checks the right it needs here, and the
//! management port checks again what this actor may do to this person.

#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::{ActionDone, CopiedLink};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::people::port::{Management, Members};
use crate::people::{MemberDetails, MemberEdit, MemberQuery, MembersPage};
use leptos::prelude::*;

/// One person of the actor's workspace; `NotFound` for anyone else.
#[server(prefix = "/api", endpoint = "get_member_details")]
pub async fn get_member_details(member_id: String) -> Result<MemberDetails, AppError> {
    use crate::context::actor_with;
    use crate::domain::Permission;

    let actor = actor_with(Permission::ViewMembers)?;
    let member_id = crate::context::parse_id(&member_id)?;
    port::<dyn Management>()?.details(&actor, member_id).await
}

/// Resend, copy a fresh link, generate a new invitation, or revoke (`action` is its key).
/// A fresh link is shown on its own page, once.
#[server(prefix = "/api", endpoint = "act_on_invitation")]
pub async fn act_on_invitation(member_id: String, action: String) -> Result<ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report, session};
    use crate::domain::Permission;
    use crate::people::InvitationAction;

    let actor = actor_to_change(Permission::InviteMembers).await?;
    let member_id = crate::context::parse_id(&member_id)?;
    let action = InvitationAction::from_key(&action).ok_or_else(|| unknown_action(&action))?;
    let (done, link) = port::<dyn Management>()?
        .invitation_action(&actor, member_id, action, client_addr())
        .await?;
    if let Some(link) = link {
        session()?.remember_link(&link).await?;
        leptos_axum::redirect(&crate::routes::new_link(member_id));
        return Ok(ActionDone {
            opens_page: true,
            ..done
        });
    }
    let after =
        (action == InvitationAction::Revoke).then(|| crate::routes::user_details(member_id));
    report(&done, after.as_deref()).await?;
    Ok(done)
}

/// The people a bulk action's confirmation page lists (the first 50 ids).
#[server(prefix = "/api", endpoint = "selected_people")]
pub async fn selected_people(
    #[server(default)] member_ids: Vec<String>,
) -> Result<Vec<crate::people::MemberSummary>, AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::ViewMembers)?;
    let shown = member_ids.len().min(crate::people::PAGE_SIZE as usize);
    people_in_workspace(&actor, &member_ids[..shown]).await
}

/// Each of these people, or `NotFound` if any is not of the actor's workspace
/// (docs/security.md §14).
#[cfg(feature = "ssr")]
async fn people_in_workspace(
    actor: &crate::domain::Actor,
    member_ids: &[String],
) -> Result<Vec<crate::people::MemberSummary>, AppError> {
    let members = &port::<dyn Members>()?;
    let mut people = Vec::with_capacity(member_ids.len());
    for id in member_ids {
        let member_id = crate::context::parse_id(id)?;
        people.push(members.details(actor.workspace_id, member_id).await?);
    }
    Ok(people)
}

/// Resends or revokes each selected invitation; one that cannot be is named with the reason,
/// and the others go ahead. Every id must be a person of the actor's workspace, or nothing is
/// done (docs/security.md §14).
#[server(prefix = "/api", endpoint = "act_on_invitations")]
pub async fn act_on_invitations(
    #[server(default)] member_ids: Vec<String>,
    action: String,
) -> Result<ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;
    use crate::people::InvitationAction;

    let actor = actor_to_change(Permission::InviteMembers).await?;
    let action = InvitationAction::bulk_from_key(&action).ok_or_else(|| unknown_action(&action))?;
    if member_ids.is_empty() {
        return Err(AppError::BadRequest(
            "Select at least one invitation".into(),
        ));
    }
    if member_ids.len() > crate::people::PAGE_SIZE as usize {
        return Err(AppError::BadRequest(format!(
            "Select at most {} invitations at once",
            crate::people::PAGE_SIZE
        )));
    }
    let people = people_in_workspace(&actor, &member_ids).await?;
    let mut done = 0;
    let mut skipped = Vec::new();
    for person in people {
        match port::<dyn Management>()?
            .invitation_action(&actor, person.member_id, action, client_addr())
            .await
        {
            Ok(_) => done += 1,
            Err(problem) => skipped.push(format!("{}: {problem}", person.name)),
        }
    }
    let done = ActionDone {
        opens_page: false,
        message: action.bulk_done(done, &skipped),
    };
    report(&done, Some(crate::routes::USERS)).await?;
    Ok(done)
}

/// Deactivate, reactivate or remove (`action` is its key).
#[server(prefix = "/api", endpoint = "act_on_member")]
pub async fn act_on_member(member_id: String, action: String) -> Result<ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;
    use crate::people::MemberAction;

    let actor = actor_to_change(Permission::ManageMembers).await?;
    let member_id = crate::context::parse_id(&member_id)?;
    let action = MemberAction::from_key(&action).ok_or_else(|| unknown_action(&action))?;
    let done = port::<dyn Management>()?
        .member_action(&actor, member_id, action, client_addr())
        .await?;
    let after = match action {
        MemberAction::Remove => crate::routes::USERS.to_owned(),
        _ => crate::routes::user_details(member_id),
    };
    report(&done, Some(&after)).await?;
    Ok(done)
}

/// Names, country code and phone; the email address too, until the person has joined.
#[server(prefix = "/api", endpoint = "edit_member")]
pub async fn edit_member(member_id: String, edit: MemberEdit) -> Result<ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;

    let actor = actor_to_change(Permission::ManageMembers).await?;
    let member_id = crate::context::parse_id(&member_id)?;
    let done = port::<dyn Management>()?
        .edit(&actor, member_id, edit, client_addr())
        .await?;
    report(&done, Some(&crate::routes::user_details(member_id))).await?;
    Ok(done)
}

/// Replaces the person's groups with the ones ticked (at least one).
#[server(prefix = "/api", endpoint = "change_groups")]
pub async fn change_groups(
    member_id: String,
    #[server(default)] group_ids: Vec<String>,
) -> Result<ActionDone, AppError> {
    use crate::context::{actor_to_change, client_addr, report};
    use crate::domain::Permission;

    let actor = actor_to_change(Permission::ManageMembers).await?;
    let member_id = crate::context::parse_id(&member_id)?;
    let groups = crate::invitations::api::parse_group_ids(&group_ids)
        .map_err(|message| AppError::invalid_field("groups", message))?;
    let done = port::<dyn Management>()?
        .change_groups(&actor, member_id, groups, client_addr())
        .await?;
    report(&done, Some(&crate::routes::user_details(member_id))).await?;
    Ok(done)
}

/// The link `invitation_action` just created, once.
#[server(prefix = "/api", endpoint = "take_copied_link")]
pub async fn take_copied_link() -> Result<Option<CopiedLink>, AppError> {
    crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    crate::context::session()?.take_link().await
}

#[cfg(feature = "ssr")]
fn unknown_action(key: &str) -> AppError {
    let shown: String = key.chars().take(40).collect();
    AppError::BadRequest(format!("Unknown action {shown:?}"))
}

/// One page of the people in the actor's workspace that match `query`.
#[server(prefix = "/api", endpoint = "list_members")]
pub async fn list_members(#[server(default)] query: MemberQuery) -> Result<MembersPage, AppError> {
    use crate::context::actor_with;
    use crate::domain::{Permission, SearchTerm};

    let actor = actor_with(Permission::ViewMembers)?;
    let q = SearchTerm::parse(&query.q).map_err(|message| AppError::invalid_field("q", message))?;
    let query = MemberQuery {
        q: q.as_str().to_owned(),
        ..query
    };
    port::<dyn Members>()?
        .list(actor.workspace_id, &query)
        .await
}
