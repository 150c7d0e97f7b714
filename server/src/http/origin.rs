//! Cross-site request forgery protection for every state-changing request (docs/security.md
//! §22, §22a): Leptos server functions have none of their own. Browsers label their requests with
//! `Sec-Fetch-Site` and `Origin`: every browser that would attach a `SameSite=Lax` cookie to a
//! cross-site POST sends at least one of them. A state-changing request with neither is
//! refused rather than trusted: an old or unusual client could otherwise carry the session
//! cookie across sites, and Portico's own clients (its pages, the tests, the benchmarks) always
//! send them. Scripts that call Portico send `Origin` like a browser does.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn require_same_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) || is_same_origin(&request, &state.config.origin()) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-origin request refused");
    (
        StatusCode::FORBIDDEN,
        "Cross-origin requests are not allowed: a request that changes something must come \
         from a Portico page (it needs an Origin or Sec-Fetch-Site header of this site)",
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_origin(request: &Request, origin: &str) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    headers
        .get(header::ORIGIN)
        .is_some_and(|value| value.as_bytes() == origin.as_bytes())
}
