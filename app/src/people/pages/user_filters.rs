//! The Users page's search, filters, sort order and pages. Everything lives in the URL's query
//! string: a plain GET form without JavaScript, and with it the same form navigating in place,
//! plus a search that follows typing.

use crate::components::FilterSelect;
use crate::invitations::api::list_groups;
use crate::people::{MemberQuery, MemberState, SortOrder};
use crate::routes::USERS;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Waits for a pause in typing before searching.
const SEARCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The query the URL asks for.
pub fn member_query() -> Memo<MemberQuery> {
    let params = use_query_map();
    Memo::new(move |_| {
        let params = params.read();
        let get = |name: &str| params.get(name).unwrap_or_default();
        MemberQuery {
            q: get("q"),
            state: get("state"),
            group: get("group"),
            sort: SortOrder::from_key(&get("sort")),
            page: get("page").parse().unwrap_or(1),
        }
    })
}

#[component]
pub fn UserFilters(query: Memo<MemberQuery>) -> impl IntoView {
    let initial = query.get_untracked();
    let groups = Resource::new(|| (), |_| list_groups());
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        if let Some(previous) = pending.get_value() {
            previous.clear();
        }
        let navigate = navigate.clone();
        let handle = set_timeout_with_handle(
            move || {
                let mut next = query.get_untracked();
                next.q = typed;
                next.page = 1;
                navigate(
                    &format!("{USERS}?{}", next.to_query_string(1)),
                    Default::default(),
                );
            },
            SEARCH_DELAY,
        );
        pending.set_value(handle.ok());
    };
    let state_options = MemberState::ALL
        .into_iter()
        .map(|state| (state.key().to_owned(), state.label().to_owned()))
        .collect::<Vec<_>>();
    let sort_options = SortOrder::ALL
        .into_iter()
        .map(|order| (order.key().to_owned(), order.label().to_owned()))
        .collect::<Vec<_>>();
    let chosen_group = initial.group.clone();
    view! {
        <Form method="GET" action=USERS attr:class="filters" attr:role="search" attr:aria-label="People">
            <div class="field">
                <label for="q">"Search by name or email"</label>
                <input id="q" name="q" type="search" value=initial.q.clone() on:input=on_input />
            </div>
            <FilterSelect id="state" label="State" any="All states" options=state_options
                selected=initial.state.clone() />
            <Suspense fallback=|| ()>
                {move || {
                    let chosen_group = chosen_group.clone();
                    Suspend::new(async move {
                        // Only those who may invite can list groups; the others filter without them.
                        groups.await.ok().map(|groups| {
                            let options = groups
                                .into_iter()
                                .map(|group| (group.group_id.to_string(), group.name))
                                .collect::<Vec<_>>();
                            view! {
                                <FilterSelect id="group" label="Group" any="All groups" options
                                    selected=chosen_group />
                            }
                        })
                    })
                }}
            </Suspense>
            <FilterSelect id="sort" label="Sort by" options=sort_options
                selected=initial.sort.key() />
            <button type="submit" class="button button-secondary">"Search"</button>
        </Form>
    }
}
