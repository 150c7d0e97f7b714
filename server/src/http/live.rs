//! `GET /api/live/users`: the Users page's event stream of "members changed" (see `live`).

use crate::state::AppState;
use app::context::Visitor;
use app::domain::Permission;
use axum::Extension;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A stream ends after this long; the browser reconnects, and the reconnection is checked
/// against the session again (rights, deactivation, removal, the 12-hour limit).
const STREAM_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// `GET /api/live/users`: an event stream of "members changed" for the viewer's workspace.
pub async fn users(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let actor = match crate::http::guard::actor_with(visitor, Permission::ViewMembers) {
        Ok(actor) => actor,
        Err(refused) => return refused.into_response(),
    };
    let changes = state.live.subscribe(actor.workspace_id);
    let mut closing = state.live.closing();
    let ends = async move {
        tokio::select! {
            _ = tokio::time::sleep(STREAM_LIFETIME) => {}
            _ = closing.wait_for(|closing| *closing) => {}
        }
    };
    let stream = futures::stream::unfold(changes, |mut changes| async move {
        match changes.recv().await {
            // Missed some of this workspace's changes: "changed" covers them.
            Ok(()) | Err(RecvError::Lagged(_)) => {
                let event = Event::default().event("members").data("changed");
                Some((Ok::<_, Infallible>(event), changes))
            }
            Err(RecvError::Closed) => None,
        }
    })
    .take_until(Box::pin(ends));
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
