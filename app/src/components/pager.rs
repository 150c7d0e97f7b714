use leptos::prelude::*;

/// Previous / next links and where we are; `href` gives the address of a page (keeping the
/// search and filters of the list).
#[component]
pub fn Pager(href: impl Fn(u32) -> String + 'static, current: u32, pages: u32) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages">
                {(current > 1).then(|| view! { <a href=href(current - 1) rel="prev">"Previous page"</a> })}
                <span aria-current="page">{format!("Page {current} of {pages}")}</span>
                {(current < pages).then(|| view! { <a href=href(current + 1) rel="next">"Next page"</a> })}
            </nav>
        }
    })
}
