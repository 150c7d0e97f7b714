//! Resolves the session to the acting member once per request, and tells server functions who
//! is asking and from where.

use super::client_addr;
use crate::auth::session;
use crate::auth::session::TowerSession;
use crate::state::AppState;
use app::context::{ClientAddr, Visitor};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_sessions::Session;

pub async fn resolve(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let mut actor = None;
    if let Some(auth) = session::read(&session).await {
        if auth.is_current(state.clock.now()) {
            match crate::people::queries::members::actor(
                &state.db,
                auth.account_id,
                auth.workspace_id,
            )
            .await
            {
                Ok(found) => actor = found,
                Err(error) => {
                    tracing::error!(%error, "could not load the signed-in member");
                    return (
                        StatusCode::SERVICE_UNAVAILABLE,
                        "Portico is unavailable. Try again shortly",
                    )
                        .into_response();
                }
            }
        }
        if actor.is_none() {
            // Expired, deactivated or removed: the session ends here.
            let _ = session.flush().await;
        } else {
            session::note_activity(&session, state.clock.now()).await;
        }
    }
    let mut client = None;
    if let Some(ConnectInfo(peer)) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .copied()
    {
        let forwarded_for = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok());
        let resolved =
            client_addr::resolve(peer.ip(), forwarded_for, &state.config.trusted_proxies);
        request.extensions_mut().insert(ClientAddr(resolved));
        client = Some(resolved);
    }
    let user_agent = request
        .headers()
        .get(axum::http::header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let session = Arc::new(TowerSession {
        session,
        clock: state.clock.clone(),
        sealer: state.mailer.sealer.clone(),
        client,
        user_agent,
    });
    let visitor = Visitor { actor, session };
    request.extensions_mut().insert(visitor);
    next.run(request).await
}
