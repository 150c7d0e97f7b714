//! Security headers on every response (docs/security.md §23), with a fresh CSP nonce per
//! request that the Leptos renderer puts on its inline hydration scripts.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rand::RngCore;

/// Read by the Leptos context (see `router`) so the page and the header agree.
#[derive(Clone)]
pub struct CspNonce(pub String);

pub async fn add(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce = STANDARD_NO_PAD.encode(bytes);
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; form-action 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'"
    );
    let set = |headers: &mut axum::http::HeaderMap, name, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(headers, header::CONTENT_SECURITY_POLICY, &csp);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    // Same-origin keeps the Referer that JavaScript-off forms need to come back to their page,
    // and sends nothing to other sites. Pages under an invitation link tighten this further.
    if !headers.contains_key(header::REFERRER_POLICY) {
        set(headers, header::REFERRER_POLICY, "same-origin");
    }
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    // Pages and answers hold people's data, and the two-factor setup pages its secrets: none
    // is kept by the browser or a proxy. The bundle's files say otherwise for themselves.
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if state.config.is_https() {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    response
}
