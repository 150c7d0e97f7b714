//! `/settings/users/:member_id/groups`: the person's groups, at least one; only groups whose
//! rights the editor holds are offered (and the server checks it again).

use super::{member_id_param, unavailable};
use crate::api::auth::current_user;
use crate::api::invitations::list_groups;
use crate::api::manage::{ChangeGroups, get_member_details};
use crate::components::ErrorSummary;
use crate::domain::role::may_grant;
use crate::error::AppError;
use crate::invitations::GroupSummary;
use crate::management::MemberDetails;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UserGroupsPage() -> impl IntoView {
    let member_id = member_id_param();
    let member = Resource::new(move || member_id.get(), get_member_details);
    let groups = Resource::new(|| (), |_| list_groups());
    let viewer = Resource::new(|| (), |_| current_user());
    let save = ServerAction::<ChangeGroups>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                match (member.await, groups.await, viewer) {
                    (Ok(member), Ok(groups), Some(viewer)) => {
                        let offered = groups
                            .into_iter()
                            .filter(|group| may_grant(&viewer.permissions, group.roles.iter().copied()))
                            .collect();
                        view! { <GroupsForm member groups=offered save error /> }.into_any()
                    }
                    (Err(problem), _, _) | (_, Err(problem), _) => unavailable(problem),
                    (_, _, None) => unavailable(AppError::Unauthenticated),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupsForm(
    member: MemberDetails,
    groups: Vec<GroupSummary>,
    save: ServerAction<ChangeGroups>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let group_error = move || error.get().and_then(|error| error.message_for("groups"));
    let id = member.summary.member_id;
    let current: Vec<_> = member.groups.iter().map(|group| group.group_id).collect();
    let rows = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let input_id = format!("group-{}", group.group_id);
            let roles: Vec<&str> = group.roles.iter().map(|role| role.label()).collect();
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=input_id.clone() name=format!("group_ids[{index}]")
                        value=group.group_id.to_string() checked=current.contains(&group.group_id) />
                    <label for=input_id>{group.name.clone()}<span class="hint">{format!(" — {}", roles.join(", "))}</span></label>
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <Title text="Change groups" />
        <h1 id="groups-heading" tabindex="-1" autofocus>"Change groups"</h1>
        <ErrorSummary error />
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="member_id" value=id.to_string() />
            <fieldset id="groups" tabindex="-1" class:field-invalid=move || group_error().is_some()
                aria-describedby=move || group_error().map(|_| "groups-error")>
                <legend>{format!("Groups of {}", member.summary.name)}</legend>
                {move || group_error().map(|message| view! {
                    <p class="field-error" id="groups-error"><span class="visually-hidden">"Error: "</span>{message}</p>
                })}
                {rows}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">"Save groups"</button>
                <a href=crate::routes::user_details(id)>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
