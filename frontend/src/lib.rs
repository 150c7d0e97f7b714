//! The browser entry point: hydrate the server-rendered page.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The page's own piece of the bundle loads before it hydrates (docs/architecture.md,
    // Performance), so hydration finishes later than this call.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document()
            .body()
            .expect("a page has a body");
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // End-to-end tests wait for this before clicking (a click before hydration does
        // nothing), and a page whose code fails to arrive reloads only once this is set
        // (app/src/lazy_pages.rs).
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
