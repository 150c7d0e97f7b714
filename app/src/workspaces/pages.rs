//! Where every member lands: the workspace, their rights in it, and the other workspaces their
//! account belongs to, to switch to.

use crate::auth::api::current_user;
use crate::components::{ErrorSummary, TextField};
use crate::domain::Actor;
use crate::workspaces::WorkspaceChoice;
use crate::workspaces::api::{CreateWorkspace, RequireTwoFactor, SwitchWorkspace, my_workspaces};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let require = ServerAction::<RequireTwoFactor>::new();
    let user = Resource::new(move || require.version().get(), |_| current_user());
    let workspaces = Resource::new(|| (), |_| my_workspaces());
    view! {
        <Title text="Workspace" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let actor = user.await.ok().flatten();
                let choices = workspaces.await.unwrap_or_default();
                actor.map(|actor| view! {
                    <h1>{actor.workspace_name.clone()}</h1>
                    <YourRights actor=actor.clone() />
                    <TwoFactorRule actor require />
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

/// For Owners: whether every member must use two-factor authentication.
#[component]
fn TwoFactorRule(actor: Actor, require: ServerAction<RequireTwoFactor>) -> impl IntoView {
    let error = Signal::derive(move || require.value().get().and_then(Result::err));
    let reply = Signal::derive(move || {
        require
            .value()
            .get()
            .and_then(Result::ok)
            .map(|done| done.message)
    });
    actor.can(crate::domain::Permission::ManageWorkspace).then(|| {
        let required = actor.two_factor_required;
        view! {
            <section aria-labelledby="two-factor-rule-heading">
                <h2 id="two-factor-rule-heading">"Two-factor authentication"</h2>
                <crate::components::Notice reply />
                <p>
                    {if required {
                        "Required: members without it set it up before they can use this workspace."
                    } else {
                        "Not required: each member chooses for their own account."
                    }}
                </p>
                <ErrorSummary error name="two-factor-rule-errors" />
                <ActionForm action=require>
                    <input type="hidden" name="required" value=(!required).to_string() />
                    <button type="submit" class="button button-secondary">
                        {if required { "Stop requiring two-factor authentication" } else { "Require two-factor authentication" }}
                    </button>
                </ActionForm>
            </section>
        }
    })
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
