use leptos::prelude::*;

/// "2 Dec 2026", with the moment in full on hover and on keyboard focus.
#[component]
pub fn Moment(at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let full = crate::words::moment(at);
    view! {
        <time datetime=at.to_rfc3339() title=full.clone() data-full=full tabindex="0">
            {crate::words::short_date(at)}
        </time>
    }
}
