//! The sentence an action leaves for the page that shows next: the reply in the browser, or,
//! without JavaScript, the note the server kept in the session for the page a redirect lands on.

use crate::error::AppError;
use leptos::prelude::*;

/// What the last action without JavaScript (or before a redirect) did, once.
#[server(prefix = "/api", endpoint = "take_notice")]
pub async fn take_notice() -> Result<Option<String>, AppError> {
    crate::context::actor()?;
    crate::context::session()?.take_notice().await
}

/// What the last action did: the reply in the browser, or the note the server kept for the
/// page a form without JavaScript (or a redirect) lands on. Announced politely.
#[component]
pub fn Notice(#[prop(optional, into)] reply: Signal<Option<String>>) -> impl IntoView {
    let kept = Resource::new(|| (), |_| take_notice());
    view! {
        <div role="status" class="status">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let kept = kept.await.ok().flatten();
                    move || reply.get().or_else(|| kept.clone()).map(|message| view! { <p class="notice">{message}</p> })
                })}
            </Suspense>
        </div>
    }
}
