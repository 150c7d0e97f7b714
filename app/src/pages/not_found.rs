use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found" />
        <main id="main" class="narrow">
            <h1>"Page not found"</h1>
            <p>"Check the address, or go to "<a href=crate::routes::USERS>"Users"</a>"."</p>
        </main>
    }
}
