//! Settings > Groups: the workspace's groups, the roles each binds and how many people are in
//! each, searched by name or role.

pub mod delete;
pub mod edit;
pub mod roles;

use crate::auth::api::current_user;
use crate::components::{Notice, ProblemNotice};
use crate::domain::Permission;
use crate::error::AppError;
use crate::groups::GroupView;
use crate::groups::api::workspace_groups;
use crate::routes::{GROUPS, NEW_GROUP};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.read().get("q").unwrap_or_default());
    let groups = Resource::new(move || query.get(), workspace_groups);
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Title text="Groups" />
        <Notice />
        <Suspense fallback=|| view! { <h1>"Groups"</h1> }>
            {move || Suspend::new(async move {
                let manages = user.await.ok().flatten().is_some_and(|a| a.can(Permission::ManageGroups));
                view! {
                    <div class="page-heading">
                        <h1>"Groups"</h1>
                        {manages.then(|| view! { <a href=NEW_GROUP class="button">"Create group"</a> })}
                    </div>
                    <Form method="GET" action=GROUPS attr:class="filters" attr:role="search" attr:aria-label="Groups">
                        <div class="field">
                            <label for="q">"Search by name or role"</label>
                            <input id="q" name="q" type="search" value=query.get_untracked() />
                        </div>
                        <button type="submit" class="button button-secondary">"Search"</button>
                    </Form>
                    {match groups.await {
                        Ok(groups) => view! { <GroupsTable groups manages /> }.into_any(),
                        Err(error) => view! { <ProblemNotice problem=error /> }.into_any(),
                    }}
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupsTable(groups: Vec<GroupView>, manages: bool) -> impl IntoView {
    let caption = format!(
        "{} {}",
        groups.len(),
        crate::words::plural(groups.len(), "group", "groups")
    );
    let rows = groups
        .into_iter()
        .map(|group| {
            let roles = group.role_labels();
            let name = if manages {
                view! { <a href=crate::routes::group(group.group_id)>{group.name.clone()}</a> }
                    .into_any()
            } else {
                view! { <span>{group.name.clone()}</span> }.into_any()
            };
            view! {
                <tr>
                    <td data-label="Name">{name}</td>
                    <td data-label="Roles">{roles}</td>
                    <td data-label="People">{group.members}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Roles"</th>
                    <th scope="col">"People"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The `:group_id` of the page's path (empty on the page creating a group), and the workspace's
/// groups to find it among with `find_group`.
fn path_group() -> (Memo<String>, Resource<Result<Vec<GroupView>, AppError>>) {
    let group_id = crate::routes::path_param("group_id");
    let groups = Resource::new(|| (), |_| workspace_groups(String::new()));
    (group_id, groups)
}

/// The group whose id is `id`, if there is one.
fn find_group(groups: Vec<GroupView>, id: &str) -> Option<GroupView> {
    groups
        .into_iter()
        .find(|group| group.group_id.to_string() == id)
}

/// A group page the visitor may not use.
fn refused(problem: AppError) -> AnyView {
    view! {
        <Title text="Groups" />
        <h1>"Groups"</h1>
        <ProblemNotice problem=problem />
    }
    .into_any()
}

fn not_found() -> AnyView {
    crate::components::set_page_status(404);
    view! {
        <Title text="Group not found" />
        <h1>"Group not found"</h1>
        <p><a href=GROUPS>"Back to Groups"</a></p>
    }
    .into_any()
}
