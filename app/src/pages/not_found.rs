use crate::components::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::set_page_status(404);
    view! {
        <Title text="Page not found" />
        <PublicPage>
            <h1>"Page not found"</h1>
            <p>"Check the address, or go to "<a href=crate::routes::USERS>"Users"</a>"."</p>
        </PublicPage>
    }
}
