use super::CancelWizard;
use crate::components::{ProblemNotice, StepHeading};
use crate::domain::role::{permissions_of, role_names};
use crate::groups::GroupSummary;
use crate::invitations::DraftPreview;
use crate::invitations::api::list_groups;
use crate::invitations::wizard::{AddInvited, preview_draft};
use crate::routes::{ADD_USER, ADD_USER_GROUPS};
use leptos::prelude::*;

/// Step 3: everything entered, what it grants, and Add.
#[component]
pub fn AddUserOverview() -> impl IntoView {
    let add = ServerAction::<AddInvited>::new();
    let draft = Resource::new(|| (), |_| preview_draft());
    let groups = Resource::new(|| (), |_| list_groups());
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    view! {
        <StepHeading step=3 error />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (draft.await, groups.await) {
                    (Ok(draft), Ok(groups)) => view! { <Summary draft groups /> }.into_any(),
                    (Err(problem), _) | (_, Err(problem)) => {
                        view! { <ProblemNotice problem=problem /> }.into_any()
                    }
                }
            })}
        </Suspense>
        <ActionForm action=add>
            <div class="actions">
                <a href=ADD_USER_GROUPS class="button button-secondary">"Back"</a>
                <button type="submit" class="button">"Add"</button>
            </div>
        </ActionForm>
        <CancelWizard />
    }
}

#[component]
fn Summary(draft: DraftPreview, groups: Vec<GroupSummary>) -> impl IntoView {
    let chosen: Vec<GroupSummary> = groups
        .into_iter()
        .filter(|g| draft.group_ids.contains(&g.group_id))
        .collect();
    let roles: Vec<_> = chosen
        .iter()
        .flat_map(|g| g.roles.iter().copied())
        .collect();
    let privileged = roles.iter().any(|role| role.is_privileged());
    let permissions = permissions_of(roles);
    let people = draft
        .people
        .into_iter()
        .map(|person| {
            let phone = if person.phone.is_empty() {
                "No phone number".to_owned()
            } else {
                person.phone
            };
            view! {
                <tr>
                    <td data-label="Name">{person.name}</td>
                    <td data-label="Email address">{person.email}</td>
                    <td data-label="Phone number">{phone}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="people-heading">
            <div class="section-heading">
                <h2 id="people-heading">"People"</h2>
                <a href=ADD_USER>"Change"<span class="visually-hidden">" people"</span></a>
            </div>
            <table class="table">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email address"</th><th scope="col">"Phone number"</th></tr></thead>
                <tbody>{people}</tbody>
            </table>
        </section>
        <section aria-labelledby="groups-heading">
            <div class="section-heading">
                <h2 id="groups-heading">"Groups"</h2>
                <a href=ADD_USER_GROUPS>"Change"<span class="visually-hidden">" groups"</span></a>
            </div>
            <ul>
                {chosen.iter().map(|group| view! {
                    <li>{format!("{} ({})", group.name, role_names(&group.roles))}</li>
                }).collect::<Vec<_>>()}
            </ul>
        </section>
        <section aria-labelledby="permissions-heading">
            <h2 id="permissions-heading">"Permissions"</h2>
            {privileged.then(|| view! {
                <div class="warning" role="note">
                    <strong>"Warning: "</strong>
                    "these groups grant Owner or Admin rights. The people you add will be able to manage the workspace's members."
                </div>
            })}
            <ul>
                {permissions.iter().map(|p| view! { <li>{p.label()}</li> }).collect::<Vec<_>>()}
                {permissions.is_empty().then(|| view! { <li>"No permissions: guests can only sign in"</li> })}
            </ul>
        </section>
    }
}
