//! The groups one can tick (the wizard's groups step, a person's groups): a fieldset with each
//! group's roles beside it, and its error.

use crate::components::FieldErrorText;
use crate::domain::role::role_names;
use crate::error::AppError;
use crate::groups::GroupSummary;
use leptos::prelude::*;
use uuid::Uuid;

/// Posts `group_ids[N]`. With `query`, the groups it does not match are hidden (the page's
/// search, as one types).
#[component]
pub fn GroupCheckboxes(
    groups: Vec<GroupSummary>,
    checked: Vec<Uuid>,
    #[prop(into)] legend: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] query: Option<RwSignal<String>>,
) -> impl IntoView {
    let group_error = move || error.get().and_then(|error| error.message_for("groups"));
    let rows = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let id = format!("group-{}", group.group_id);
            let hint = format!(" — {}", role_names(&group.roles));
            let is_checked = checked.contains(&group.group_id);
            let value = group.group_id.to_string();
            let name = group.name.clone();
            let hidden = move || {
                query.is_some_and(|query| {
                    !crate::groups::matches_query(&group.name, &group.roles, &query.get())
                })
            };
            view! {
                <div class="checkbox" hidden=hidden>
                    <input type="checkbox" id=id.clone() name=format!("group_ids[{index}]")
                        value=value checked=is_checked />
                    <label for=id>{name}<span class="hint">{hint}</span></label>
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <fieldset id="groups" tabindex="-1" class:field-invalid=move || group_error().is_some()
            aria-describedby=move || group_error().map(|_| "groups-error")>
            <legend>{legend}</legend>
            {move || group_error().map(|message| view! {
                <FieldErrorText id="groups-error" message />
            })}
            {rows}
        </fieldset>
    }
}
