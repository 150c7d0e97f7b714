//! Where every member lands: the workspace, their rights in it, and the other workspaces their
//! account belongs to, to switch to.

use crate::auth::api::current_user;
use crate::components::{ErrorSummary, TextField};
use crate::domain::Actor;
use crate::workspaces::WorkspaceChoice;
use crate::workspaces::api::{CreateWorkspace, SwitchWorkspace, my_workspaces};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let workspaces = Resource::new(|| (), |_| my_workspaces());
    view! {
        <Title text="Workspace" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let actor = user.await.ok().flatten();
                let choices = workspaces.await.unwrap_or_default();
                actor.map(|actor| view! {
                    <h1>{actor.workspace_name.clone()}</h1>
                    <YourRights actor />
                    <WorkspaceSwitcher choices />
                })
            })}
        </Suspense>
        <NewWorkspaceForm />
    }
}

#[component]
fn YourRights(actor: Actor) -> impl IntoView {
    let rights = actor
        .permissions
        .iter()
        .map(|permission| view! { <li>{permission.label()}</li> })
        .collect::<Vec<_>>();
    view! {
        <p>"Signed in as " <strong>{actor.display_name}</strong> " (" {actor.email} ")."</p>
        <h2>"What you can do here"</h2>
        {if rights.is_empty() {
            view! { <p>"You are a member of this workspace, without administrative rights."</p> }.into_any()
        } else {
            view! { <ul>{rights}</ul> }.into_any()
        }}
    }
}

#[component]
fn WorkspaceSwitcher(choices: Vec<WorkspaceChoice>) -> impl IntoView {
    let switch = ServerAction::<SwitchWorkspace>::new();
    (choices.len() > 1).then(|| {
        let items = choices
            .into_iter()
            .map(|choice| {
                if choice.current {
                    view! { <li>{choice.name} " (current)"</li> }.into_any()
                } else {
                    view! {
                        <li>
                            <ActionForm action=switch>
                                <input type="hidden" name="workspace_id" value=choice.workspace_id.to_string() />
                                <button type="submit" class="button button-secondary">
                                    "Switch to " {choice.name}
                                </button>
                            </ActionForm>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect::<Vec<_>>();
        view! {
            <h2>"Your workspaces"</h2>
            <ul class="workspace-list">{items}</ul>
        }
    })
}

#[component]
fn NewWorkspaceForm() -> impl IntoView {
    let create = ServerAction::<CreateWorkspace>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let name_error = Signal::derive(move || {
        error
            .get()
            .and_then(|error| error.message_for("workspace_name"))
    });
    view! {
        <h2>"Create workspace"</h2>
        <p>"You become its Owner. It starts with the groups Owners, Admins, Security Engineers, Developers and Guests."</p>
        <ErrorSummary error />
        <ActionForm action=create attr:novalidate=true>
            <TextField name="workspace_name" label="Workspace name" error=name_error />
            <button type="submit" class="button button-secondary">"Create workspace"</button>
        </ActionForm>
    }
}
