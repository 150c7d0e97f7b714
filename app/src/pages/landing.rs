//! `/` in the browser's router (the server redirects it before any page renders): on to the
//! signed-in member's landing page, or to sign in.

use crate::auth::api::current_user;
use crate::routes::{SIGN_IN, landing};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn Landing() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let target = match user.await.ok().flatten() {
                    Some(actor) => landing(&actor),
                    None => SIGN_IN,
                };
                view! { <Redirect path=target /> }
            })}
        </Suspense>
    }
}
