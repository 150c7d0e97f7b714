//! Cross-site request forgery protection for every state-changing request (SECURITY.md 22):
//! Leptos server functions have none of their own. Browsers label their requests with
//! `Sec-Fetch-Site` and `Origin`; requests with neither come from non-browser clients, which
//! carry no ambient cookies to abuse.

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
        "Cross-origin requests are not allowed",
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
    match headers.get(header::ORIGIN) {
        None => true,
        Some(value) => value.as_bytes() == origin.as_bytes(),
    }
}
