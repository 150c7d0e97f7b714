//! `/settings/groups/new` and `/settings/groups/:group_id`: a group's name and roles. Only the
//! roles the editor holds are offered (the server checks again).

use crate::auth::api::current_user;
use crate::components::{ErrorSummary, FieldErrorText, PageHeading, TextField};
use crate::domain::role::may_grant;
use crate::domain::{Actor, Role};
use crate::error::AppError;
use crate::groups::GroupView;
use crate::groups::api::SaveGroup;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn GroupEditPage() -> impl IntoView {
    let (group_id, groups) = super::path_group();
    let user = Resource::new(|| (), |_| current_user());
    let save = ServerAction::<SaveGroup>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let id = group_id.get();
                let editor = user.await.ok().flatten();
                let group = groups.await.map(|groups| super::find_group(groups, &id));
                match (group, editor) {
                    (Ok(group), Some(editor)) if id.is_empty() || group.is_some() => {
                        view! { <GroupForm group editor save error /> }.into_any()
                    }
                    (Err(problem), _) => super::refused(problem),
                    _ => super::not_found(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupForm(
    group: Option<GroupView>,
    editor: Actor,
    save: ServerAction<SaveGroup>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let heading = group
        .as_ref()
        .map_or("Create group".to_owned(), |g| format!("Edit {}", g.name));
    let roles_error = move || error.get().and_then(|error| error.message_for("roles"));
    let current: Vec<Role> = group.as_ref().map(|g| g.roles.clone()).unwrap_or_default();
    let checkboxes = Role::ALL
        .into_iter()
        .filter(|role| may_grant(&editor.permissions, [*role]))
        .enumerate()
        .map(|(index, role)| {
            let id = format!("role-{}", role.key());
            let allows: Vec<&str> = role.permissions().iter().map(|p| p.label()).collect();
            let hint = if allows.is_empty() { "nothing beyond their own page".to_owned() } else { allows.join("; ") };
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("roles[{index}]") value=role.key()
                        checked=current.contains(&role) />
                    <label for=id>{role.label()}<span class="hint">{format!(" — {hint}")}</span></label>
                </div>
            }
        })
        .collect::<Vec<_>>();
    let delete = group
        .as_ref()
        .map(|g| crate::routes::delete_group(g.group_id));
    view! {
        <Title text=heading.clone() />
        <PageHeading id="group-heading">{heading}</PageHeading>
        <ErrorSummary error />
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="group_id" value=group.as_ref().map(|g| g.group_id.to_string()).unwrap_or_default() />
            <TextField name="name" label="Group name" autocomplete="off"
                value=group.as_ref().map(|g| g.name.clone()).unwrap_or_default()
                error=Signal::derive(move || error.get().and_then(|e| e.message_for("name"))) />
            <fieldset id="roles" tabindex="-1" class:field-invalid=move || roles_error().is_some()>
                <legend>"Roles"</legend>
                <p class="hint">"Members of the group can do what any of its roles allows."</p>
                {move || roles_error().map(|message| view! {
                    <FieldErrorText message />
                })}
                {checkboxes}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">"Save group"</button>
                <a href=crate::routes::GROUPS>"Cancel"</a>
                {delete.map(|href| view! { <a href=href class="button button-secondary">"Delete group"</a> })}
            </div>
        </ActionForm>
    }
}
