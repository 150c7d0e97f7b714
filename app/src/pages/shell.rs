use crate::auth::api::{SignOut, current_user};
use crate::components::Brand;
use crate::domain::Permission;
use crate::mailbox::api::dev_mailbox_enabled;
use crate::workspaces::WorkspaceChoice;
use crate::workspaces::api::{SwitchWorkspace, my_workspaces};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

/// The signed-in application frame: workspace, navigation, who is signed in, sign out. The
/// server redirects anonymous visitors before this renders; each server function checks again.
/// Bumped by a page that changed what the header shows of the signed-in person (their name),
/// so the header asks again.
#[derive(Clone, Copy)]
pub struct HeaderChanged(pub RwSignal<u32>);

#[component]
pub fn SettingsShell() -> impl IntoView {
    let changed = HeaderChanged(RwSignal::new(0));
    provide_context(changed);
    let user = Resource::new(move || changed.0.get(), |_| current_user());
    let sign_out_url = <SignOut as leptos::server_fn::ServerFn>::url();
    let mailbox = Resource::new(|| (), |_| dev_mailbox_enabled());
    let workspaces = Resource::new(|| (), |_| my_workspaces());
    view! {
        <header class="app-header">
            <Suspense fallback=|| view! { <Brand /> }>
                {move || Suspend::new(async move {
                    let workspace = user.await.ok().flatten().map(|actor| actor.workspace_name);
                    view! { <Brand workspace /> }
                })}
            </Suspense>
            <div class="header-end">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let choices = workspaces.await.unwrap_or_default();
                        (choices.len() > 1).then(|| view! { <WorkspaceSwitch choices /> })
                    })}
                </Suspense>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let name = user.await.ok().flatten().map(|actor| actor.display_name).unwrap_or_default();
                        view! { <span class="signed-in-as">"Signed in as "<strong>{name}</strong></span> }
                    })}
                </Suspense>
                <A href=crate::routes::ACCOUNT attr:class="button button-secondary button-small">"Your account"</A>
                // A plain form, not an `ActionForm`: signing out ends on the sign-in page, which
                // exists only on the server (app/src/plain_forms.rs), so the browser follows
                // the server's redirect itself.
                <form method="post" action=sign_out_url>
                    <button type="submit" class="button button-secondary button-small">"Sign out"</button>
                </form>
            </div>
        </header>
        <div class="app-body">
            <nav class="app-nav" aria-label="Settings">
                <SettingsLinks user mailbox />
            </nav>
            <main id="main" class="app-main">
                <Outlet />
            </main>
        </div>
    }
    .into_any()
}

/// The settings pages, behind a "Menu" disclosure on a phone (always open on wider screens,
/// style/layout.css): a `<details>` works by keyboard and without JavaScript.
#[component]
fn SettingsLinks(
    user: Resource<Result<Option<crate::domain::Actor>, crate::error::AppError>>,
    mailbox: Resource<Result<bool, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <details class="nav-disclosure">
            <summary class="button button-secondary button-small">"Menu"</summary>
            <h2 id="settings-nav">"Settings"</h2>
            <ul aria-labelledby="settings-nav">
                <li><A href=crate::routes::WORKSPACE>"Workspace"</A></li>
                <li><A href=crate::routes::USERS>"Users"</A></li>
                <li><A href=crate::routes::GROUPS>"Groups"</A></li>
                <li><A href=crate::routes::ROLES>"Roles"</A></li>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let reads_audit = user.await.ok().flatten().is_some_and(|actor| actor.can(Permission::ViewAuditLog));
                        reads_audit.then(|| view! { <li><A href=crate::routes::AUDIT_LOG>"Audit log"</A></li> })
                    })}
                </Suspense>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        mailbox.await.unwrap_or(false).then(|| view! {
                            <li><A href=crate::routes::MAILBOX>"Mailbox (development)"</A></li>
                        })
                    })}
                </Suspense>
            </ul>
        </details>
    }
}

/// Moves the session to another of the account's workspaces (the server checks it is theirs).
#[component]
fn WorkspaceSwitch(choices: Vec<WorkspaceChoice>) -> impl IntoView {
    let switch = ServerAction::<SwitchWorkspace>::new();
    let options = choices
        .into_iter()
        .map(|choice| {
            view! {
                <option value=choice.workspace_id.to_string() selected=choice.current>{choice.name}</option>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=switch attr:class="workspace-switch">
            <label for="workspace-switch">"Workspace"</label>
            <select id="workspace-switch" name="workspace_id">{options}</select>
            <button type="submit" class="button button-secondary">"Switch"</button>
        </ActionForm>
    }
}
