//! A labelled choice in a list page's filters (a GET form, so it works without JavaScript).

use leptos::prelude::*;

/// `options` are (value, label); `any` labels the first option, whose value is empty (no
/// filter), when there is one.
#[component]
pub fn FilterSelect(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] any: Option<&'static str>,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = value == selected;
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                {any.map(|any| view! { <option value="">{any}</option> })}
                {options}
            </select>
        </div>
    }
}
