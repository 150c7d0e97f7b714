//! The browser bundle under `/pkg`: each file sent precompressed (brotli or gzip, as the
//! browser's `Accept-Encoding` allows), and kept by browsers for a year when its name carries
//! its content's hash, so a repeat visit fetches none of it (docs/architecture.md,
//! Performance). Assets never touch the session, so they never write it.

use crate::state::AppState;
use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::middleware::{Next, from_fn};
use axum::response::Response;
use std::path::Path;
use tower_http::services::ServeDir;

/// Content-named files never change: a new build gives them new names.
const FOREVER: &str = "public, max-age=31536000, immutable";
/// Anything else (the favicon) is checked with the server before each use.
const REVALIDATE: &str = "no-cache";

pub fn router(site_root: &Path) -> Router<AppState> {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", files)
        .layer(from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let named_by_content = is_named_by_content(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let policy = if named_by_content {
            FOREVER
        } else {
            REVALIDATE
        };
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        // One address, three bodies (brotli, gzip, plain): a shared cache must keep them apart.
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// `<name>.<hash>.<kind>`, as scripts/finish-assets.js names the bundle's files: the script,
/// the stylesheet, the WASM loader and every piece of the WASM.
fn is_named_by_content(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    matches!(
        parts.as_slice(),
        [stem, hash, "js" | "wasm" | "css"]
            if !stem.is_empty()
                && hash.len() == 20
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
    )
}

#[cfg(test)]
mod tests {
    use super::is_named_by_content;

    #[test]
    fn only_content_named_bundle_files_are_kept_forever() {
        assert!(is_named_by_content(
            "/pkg/portico.0123456789abcdef0123.wasm"
        ));
        assert!(is_named_by_content("/pkg/portico.0123456789abcdef0123.css"));
        assert!(is_named_by_content("/pkg/users.0123456789abcdef0123.wasm"));
        assert!(is_named_by_content(
            "/pkg/__wasm_split.0123456789abcdef0123.js"
        ));
        assert!(!is_named_by_content("/pkg/.0123456789abcdef0123.js"));
        assert!(!is_named_by_content("/pkg/__wasm_split_manifest.json"));
        assert!(!is_named_by_content("/pkg/favicon.svg"));
        assert!(!is_named_by_content("/pkg/portico.css"));
        assert!(!is_named_by_content("/pkg/portico.0123456789abcdef012z.js"));
        assert!(!is_named_by_content(
            "/pkg/portico.0123456789abcdef0123.html"
        ));
    }
}
