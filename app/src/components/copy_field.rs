//! A link to copy: selectable in its field, with a copy button once JavaScript runs.

use leptos::prelude::*;

/// A read-only field holding a link, with a copy button once JavaScript runs (without it the
/// link stays selectable in its field).
#[component]
pub fn CopyField(id: String, label: String, link: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = {
        let link = link.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                let clipboard = window().navigator().clipboard();
                let _ = clipboard.write_text(&link);
                copied.set(true);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &link;
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id readonly value=link />
        </div>
        <button type="button" class="button button-secondary" hidden=move || !hydrated.get() on:click=copy>
            "Copy invite link"
        </button>
        <span role="status" class="hint">{move || copied.get().then_some(" Copied")}</span>
    }
}
