use super::CancelWizard;
use crate::components::{ProblemNotice, StepHeading};
use crate::groups::GroupSummary;
use crate::groups::checkboxes::GroupCheckboxes;
use crate::invitations::api::list_groups;
use crate::invitations::steps::GroupsIntent;
use crate::invitations::wizard::{SaveGroups, load_draft};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

/// Step 2: the groups, filtered as you type (or by the Search button without JavaScript).
/// Filtered-out groups are hidden, not removed, so their ticks are still sent.
#[component]
pub fn AddUserGroups() -> impl IntoView {
    let save = ServerAction::<SaveGroups>::new();
    let draft = Resource::new(|| (), |_| load_draft());
    let groups = Resource::new(|| (), |_| list_groups());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let query = RwSignal::new(use_query_map().get_untracked().get("q").unwrap_or_default());
    view! {
        <StepHeading step=2 error />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (draft.await, groups.await) {
                    (Ok(draft), Ok(groups)) => {
                        view! { <GroupsForm groups selected=draft.group_ids save query error /> }.into_any()
                    }
                    (Err(problem), _) | (_, Err(problem)) => {
                        view! { <ProblemNotice problem=problem /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn matches(group: &GroupSummary, query: &str) -> bool {
    crate::groups::matches_query(&group.name, &group.roles, query)
}

#[component]
fn GroupsForm(
    groups: Vec<GroupSummary>,
    selected: Vec<Uuid>,
    save: ServerAction<SaveGroups>,
    query: RwSignal<String>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let visible_count = {
        let groups = groups.clone();
        move || {
            groups
                .iter()
                .filter(|group| matches(group, &query.get()))
                .count()
        }
    };

    view! {
        // Search is the form's first submit button, so Enter in the search box searches (the
        // browser's implicit submission takes the first one), with JavaScript or without.
        <ActionForm action=save attr:novalidate=true>
            <div class="field search">
                <label for="group-search">"Search"</label>
                <input id="group-search" name="q" type="search" value=query.get_untracked()
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) aria-controls="groups" />
                <button type="submit" name="intent" value=GroupsIntent::Search.to_string() class="button button-secondary">"Search"</button>
            </div>
            <p class="hint" aria-live="polite">{move || {
                let count = visible_count();
                format!("{count} {} shown", crate::words::plural(count, "group", "groups"))
            }}</p>
            <GroupCheckboxes groups checked=selected legend="Groups" error query />
            <div class="actions">
                <button type="submit" name="intent" value=GroupsIntent::Back.to_string() class="button button-secondary">"Back"</button>
                <button type="submit" name="intent" value=GroupsIntent::Next.to_string() class="button">"Next"</button>
            </div>
        </ActionForm>
        <CancelWizard />
    }
}
