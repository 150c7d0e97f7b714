use super::user_filters::{UserFilters, member_query};
use crate::api::auth::current_user;
use crate::api::manage::ActOnInvitation;
use crate::api::members::list_members;
use crate::components::Pager;
use crate::components::ProblemNotice;
use crate::components::{InvitationButtons, Notice};
use crate::domain::Permission;
use crate::management::InvitationAction;
use crate::members::{MemberQuery, MemberSummary, MembersPage, SortOrder};
use crate::routes::{ADD_USER, BULK_INVITATIONS, IMPORT, USERS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use std::collections::HashSet;
use uuid::Uuid;

/// The rows ticked for a bulk action. Kept by the page rather than by the checkboxes, so a
/// live update that fetches the table again keeps them ticked.
type Selection = RwSignal<HashSet<Uuid>>;

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = member_query();
    let act = ServerAction::<ActOnInvitation>::new();
    let changes = follow_live_updates();
    let selected: Selection = RwSignal::new(HashSet::new());
    let members = Resource::new(
        move || (query.get(), act.version().get(), changes.get()),
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
                let may_invite = user.await.ok().flatten().is_some_and(|a| a.can(Permission::InviteMembers));
                match members.await {
                    Ok(page) => view! { <MembersTable page query=query.get_untracked() may_invite act selected /> }.into_any(),
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

#[component]
fn MembersTable(
    page: MembersPage,
    query: MemberQuery,
    may_invite: bool,
    act: ServerAction<ActOnInvitation>,
    selected: Selection,
) -> impl IntoView {
    let total = page.total;
    let caption = format!(
        "{total} {}{}",
        crate::words::plural(total, "person", "people"),
        if query.q.is_empty() && query.state.is_empty() && query.group.is_empty() {
            ""
        } else {
            " match"
        }
    );
    let (current, pages) = (page.page, page.pages);
    let any_selectable = may_invite
        && page
            .rows
            .iter()
            .any(|member| InvitationAction::any_bulk_applies_to(member.state));
    let rows = page
        .rows
        .into_iter()
        .map(|member| view! { <MemberRow member may_invite act selected /> })
        .collect::<Vec<_>>();
    view! {
        {any_selectable.then(|| view! { <BulkBar /> })}
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {may_invite.then(|| view! { <th scope="col"><span class="visually-hidden">"Select"</span></th> })}
                    <SortHeader label="Name" order=SortOrder::Name query=query.clone() />
                    <SortHeader label="Email" order=SortOrder::Email query=query.clone() />
                    <th scope="col">"State"</th>
                    <th scope="col">"Groups"</th>
                    <th scope="col">"Email delivery"</th>
                    <th scope="col">"Invited by"</th>
                    <SortHeader label="Added" order=SortOrder::Newest query=query.clone() />
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Pager href=move |page| format!("{USERS}?{}", query.to_query_string(page)) current pages />
    }
}

/// A column the table can be sorted by: its heading links to that order (page 1), and says
/// which order is in force.
#[component]
fn SortHeader(label: &'static str, order: SortOrder, query: MemberQuery) -> impl IntoView {
    let current = query.sort == order;
    let direction = match order {
        SortOrder::Newest => "descending",
        _ => "ascending",
    };
    let href = format!(
        "{USERS}?{}",
        MemberQuery {
            sort: order,
            ..query
        }
        .to_query_string(1)
    );
    view! {
        <th scope="col" aria-sort=current.then_some(direction)>
            <a href=href>{label}<span class="visually-hidden">{format!(", sort by {}", order.label().to_lowercase())}</span></a>
        </th>
    }
}

/// Selected rows go to a confirmation page (a GET form: the ticks are in its address).
#[component]
fn BulkBar() -> impl IntoView {
    let buttons = InvitationAction::BULK
        .into_iter()
        .map(|action| {
            let label = format!("{} selected", action.bulk_verb());
            view! { <button type="submit" name="action" value=action.key() class="button button-secondary">{label}</button> }
        })
        .collect::<Vec<_>>();
    view! {
        <Form method="GET" action=BULK_INVITATIONS attr:id="bulk" attr:class="bulk-bar" attr:aria-label="Selected invitations">
            <span class="hint">"With the selected invitations:"</span>
            {buttons}
        </Form>
    }
}

#[component]
fn MemberRow(
    member: MemberSummary,
    may_invite: bool,
    act: ServerAction<ActOnInvitation>,
    selected: Selection,
) -> impl IntoView {
    let state = member.state_text();
    let delivery = member
        .delivery
        .as_ref()
        .map(|d| d.label())
        .unwrap_or_default();
    let details = crate::routes::user_details(member.member_id);
    let select = may_invite.then(|| {
        let label = format!("Select {}", member.name);
        let id = member.member_id;
        let tick = move |ev: leptos::ev::Event| {
            let ticked = event_target_checked(&ev);
            selected.update(|ids| {
                if ticked {
                    ids.insert(id);
                } else {
                    ids.remove(&id);
                }
            });
        };
        view! {
            <td>{InvitationAction::any_bulk_applies_to(member.state).then(|| view! {
                <input type="checkbox" name="member" value=id.to_string() form="bulk" aria-label=label
                    prop:checked=move || selected.with(|ids| ids.contains(&id)) on:change=tick />
            })}</td>
        }
    });
    let buttons = may_invite.then(|| view! {
        <InvitationButtons member_id=member.member_id name=member.name.clone() state=member.state action=act />
    });
    view! {
        <tr>
            {select}
            <td><a href=details.clone()>{member.name.clone()}</a></td>
            <td>{member.email}</td>
            <td><span class="badge">{state}</span></td>
            <td>{member.groups.join(", ")}</td>
            <td>{delivery}</td>
            <td>{member.invited_by.unwrap_or_default()}</td>
            <td>{member.added_on}</td>
            <td class="row-actions">
                {buttons}
                <a href=details>"View details"<span class="visually-hidden">{format!(" of {}", member.name)}</span></a>
            </td>
        </tr>
    }
}
