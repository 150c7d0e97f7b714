//! The router: pages, server functions, health endpoints, static files, and the middleware
//! every request passes through (outermost first: trace, security headers, origin check,
//! request input check, session, visitor, page guard, invitation link).

use super::security_headers::CspNonce;
use super::{
    assets, guard, health, import, origin, request_input, secret_links, security_headers,
    server_fn_status, visitor,
};
use crate::auth::session::IDLE_TIMEOUT;
use crate::auth::sessions::SqlSessionStore;
use crate::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::request::Parts;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = leptos_context(state.clone());
    let shell_options = state.leptos_options.clone();
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(shell_options.clone())
        })
        .route(app::routes::LIVE_USERS, get(crate::http::live::users))
        .route(
            app::routes::IMPORT_UPLOAD,
            post(import::upload).layer(DefaultBodyLimit::max(import::BODY_LIMIT)),
        )
        .route(&app::routes::import_report_path(), get(import::report))
        // The Not Found page gets the same context as every other page, its CSP nonce
        // included: without it its scripts would be refused and it would never hydrate.
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(from_fn(server_fn_status::map))
        // Pages and answers compressed as they are sent (live updates are not: compressing
        // would hold their events back). Why this leaks nothing: docs/security.md §23a.
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), secret_links::handle))
        .layer(from_fn(guard::redirect_pages))
        .layer(from_fn_with_state(state.clone(), visitor::resolve))
        .layer(session_layer(&state));
    // Probes never touch the session, so they never write it.
    Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .merge(assets::router(&state.config.site_root))
        // For browsers that ask for it whatever the page declares.
        .route(
            "/favicon.ico",
            get(|| async { axum::response::Redirect::permanent("/pkg/favicon.svg") }),
        )
        .merge(pages)
        // Before the session is read: a request refused for its input touches nothing.
        .layer(from_fn(request_input::check))
        .layer(from_fn_with_state(
            state.clone(),
            origin::require_same_origin,
        ))
        .layer(from_fn_with_state(state.clone(), security_headers::add))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The app's routes, generated once per process. Generating them briefly suppresses resource
/// loading process-wide (leptos#4773): a page rendering at that moment in another server of
/// the same process (the integration tests run dozens) would never finish.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// What every server function (leptos_axum registers their routes) and page render gets: the
/// ports, the bundle's pieces, and the response's CSP nonce.
fn leptos_context(state: AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        state.ports.provide();
        provide_context(state.pieces.clone());
        let nonce =
            use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
        if let Some(CspNonce(nonce)) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce));
        }
    }
}

fn session_layer(state: &AppState) -> SessionManagerLayer<SqlSessionStore> {
    let https = state.config.is_https();
    SessionManagerLayer::new(SqlSessionStore::new(state.db.clone()))
        .with_name(state.config.cookie_name("portico_session"))
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            IDLE_TIMEOUT.num_seconds(),
        )))
        // Saved only when changed: activity changes it once a minute (`note_activity`), so
        // the idle deadline moves without a write per request.
        .with_always_save(false)
}

/// Method and path only: query strings may carry secrets (docs/security.md §9).
fn request_span(request: &Request<Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = request.uri().path())
}
