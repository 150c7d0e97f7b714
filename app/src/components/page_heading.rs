use leptos::html::H1;
use leptos::prelude::*;

/// A page's heading, which takes focus when the page opens, so keyboard and screen-reader users
/// start at the new page's top (docs/design.md "Focus"). On a page the server rendered,
/// `autofocus` does it before any script runs; after a navigation in the browser, where
/// `autofocus` does nothing, the effect does. `unless` leaves focus to something else that
/// claims it, such as an error summary.
#[component]
pub fn PageHeading(
    id: &'static str,
    #[prop(optional, into)] unless: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let (false, Some(heading)) = (unless.get_untracked(), heading.get()) {
            let _ = heading.focus();
        }
    });
    view! {
        <h1 id=id tabindex="-1" node_ref=heading autofocus=move || !unless.get()>
            {children()}
        </h1>
    }
}

/// Moves focus to the element with `id` and brings it into view: what following an error
/// summary's link does without JavaScript, where the browser focuses the fragment's target.
/// With JavaScript a link to a fragment would only change the URL (the router takes it), so
/// the summary calls this instead (docs/design.md "Focus").
pub fn focus_element(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let element = document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
            element.scroll_into_view();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}
