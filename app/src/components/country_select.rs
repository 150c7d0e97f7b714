use crate::domain::country::Country;
use leptos::prelude::*;

/// The optional country code of a phone number.
#[component]
pub fn CountrySelect(
    id: String,
    name: String,
    countries: Vec<Country>,
    selected: String,
) -> impl IntoView {
    let options = countries
        .into_iter()
        .map(|country| {
            let chosen = country.code == selected;
            view! { <option value=country.code.clone() selected=chosen>{country.label()}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=id.clone()>"Country code (optional)"</label>
            // `prop:value` as in `TextField`: the choice follows the row it belongs to.
            <select id=id name=name prop:value=selected>
                <option value="">"No country code"</option>
                {options}
            </select>
        </div>
    }
}
