//! The browser entry point: hydrate the server-rendered page.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The page's own piece of the bundle loads before it hydrates (docs/architecture.md,
    // Performance), so hydration finishes later than this call.
    wasm_bindgen_futures::spawn_local(async {
        if !pieces_arrive().await {
            return;
        }
        let body = leptos::prelude::document()
            .body()
            .expect("a page has a body");
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // End-to-end tests wait for this before clicking: a click before hydration does nothing.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

/// Whether every piece of the bundle this page needs can be fetched. The server names them in
/// the head for preloading, so the answers usually come from the cache. A page whose piece
/// cannot arrive (the network, or a release that replaced the pieces) is not hydrated at all:
/// it stays the plain page the server sent, whose links and forms work without a script, where
/// hydrating it without its code would leave it half working.
async fn pieces_arrive() -> bool {
    let window = leptos::prelude::window();
    let Ok(links) = leptos::prelude::document()
        .query_selector_all(r#"link[rel="preload"][as="fetch"][href$=".wasm"]"#)
    else {
        return false;
    };
    let fetches = js_sys::Array::new();
    for index in 0..links.length() {
        let href = links
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            .and_then(|link| link.get_attribute("href"));
        if let Some(href) = href {
            fetches.push(&window.fetch_with_str(&href));
        }
    }
    let Ok(responses) = JsFuture::from(js_sys::Promise::all(&fetches)).await else {
        return false;
    };
    js_sys::Array::from(&responses).iter().all(|response| {
        response
            .dyn_into::<web_sys::Response>()
            .is_ok_and(|response| response.ok())
    })
}
