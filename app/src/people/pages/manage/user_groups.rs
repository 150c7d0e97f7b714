//! `/settings/users/:member_id/groups`: the person's groups, at least one; only groups whose
//! rights the editor holds are offered (and the server checks it again).

use super::{member_id_param, unavailable};
use crate::auth::api::current_user;
use crate::components::{ErrorSummary, PageHeading};
use crate::domain::role::may_grant;
use crate::error::AppError;
use crate::groups::GroupSummary;
use crate::groups::checkboxes::GroupCheckboxes;
use crate::invitations::api::list_groups;
use crate::people::MemberDetails;
use crate::people::api::{ChangeGroups, get_member_details};
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
    let id = member.summary.member_id;
    let current: Vec<_> = member.groups.iter().map(|group| group.group_id).collect();
    let legend = format!("Groups of {}", member.summary.name);
    view! {
        <Title text="Change groups" />
        <PageHeading id="groups-heading">"Change groups"</PageHeading>
        <ErrorSummary error />
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="member_id" value=id.to_string() />
            <GroupCheckboxes groups checked=current legend error />
            <div class="actions">
                <button type="submit" class="button">"Save groups"</button>
                <a href=crate::routes::user_details(id)>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
