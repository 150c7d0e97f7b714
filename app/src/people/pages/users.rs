mod members_table;

use super::user_filters::{UserFilters, member_query};
use crate::auth::api::current_user;
use crate::components::{Notice, ProblemNotice};
use crate::domain::Permission;
use crate::people::api::{ActOnInvitation, list_members};
use crate::routes::{ADD_USER, IMPORT};
use leptos::prelude::*;
use leptos_meta::Title;
use members_table::{MembersTable, RowRights, Selection};
use std::collections::HashSet;

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = member_query();
    let act = ServerAction::<ActOnInvitation>::new();
    let changes = follow_live_updates();
    let selected: Selection = RwSignal::new(HashSet::new());
    let act_done = crate::people::pages::invitation_buttons::stays_here(act);
    let members = Resource::new(
        move || (query.get(), act_done.get(), changes.get()),
        |(query, _, _)| list_members(query),
    );
    let user = Resource::new(|| (), |_| current_user());
    let reply = Signal::derive(move || {
        act.value()
            .get()
            .and_then(Result::ok)
            .map(|done| done.message)
    });
    let error = Signal::derive(move || act.value().get().and_then(Result::err));
    view! {
        <Title text="Users" />
        <div class="page-heading">
            <h1>"Users"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let may_invite = user.await.ok().flatten().is_some_and(|a| a.can(Permission::InviteMembers));
                    if may_invite {
                        view! {
                            <div class="actions">
                                <a href=ADD_USER class="button">"Add"</a>
                                <a href=IMPORT class="button button-secondary">"Import from CSV"</a>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <p class="hint">"Only Owners and Admins can add people. Ask one of them to invite someone."</p>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
        <Notice reply />
        <crate::components::ErrorSummary error />
        <UserFilters query />
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                let rights = RowRights::of(user.await.ok().flatten().as_ref());
                match members.await {
                    Ok(page) => view! { <MembersTable page query=query.get_untracked() rights act selected /> }.into_any(),
                    Err(error) => view! { <ProblemNotice problem=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Counts the server's "members changed" events while the page is open, so the table fetches
/// its page again when an invitee accepts or declines or an email's state changes. Without
/// JavaScript there is no stream: the page shows what it had, and a reload or the pager shows
/// the rest.
fn follow_live_updates() -> ReadSignal<u32> {
    #[cfg(feature = "hydrate")]
    const LIVE_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);
    let (changes, set_changes) = signal(0u32);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;

        let Ok(source) = web_sys::EventSource::new(crate::routes::LIVE_USERS) else {
            return;
        };
        // A burst of changes (a bulk invitation's emails going out) fetches the page once.
        let waiting = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            if waiting.replace(true) {
                return;
            }
            let waiting = waiting.clone();
            set_timeout(
                move || {
                    waiting.set(false);
                    set_changes.update(|count| *count += 1);
                },
                LIVE_PAUSE,
            );
        });
        let _ =
            source.add_event_listener_with_callback("members", on_change.as_ref().unchecked_ref());
        // The browser reconnects by itself (the server ends each stream after a while); what
        // changed in between was never sent, so a reconnection fetches the page again.
        let connected_before = std::cell::Cell::new(false);
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if connected_before.replace(true) {
                set_changes.update(|count| *count += 1);
            }
        });
        let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
        let open = send_wrapper::SendWrapper::new((source, on_change, on_open));
        on_cleanup(move || open.take().0.close());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = set_changes;
    changes
}
