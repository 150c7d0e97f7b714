//! Live updates of the Users page: when an invitee accepts or declines, or an email's delivery
//! state changes, the open pages of that workspace hear "members changed" over server-sent
//! events and fetch their page again. The signal carries no data: what the page then fetches
//! is checked like any other request. In-process only: with several server instances, a page
//! hears the changes its own instance made (PostgreSQL LISTEN/NOTIFY would carry them across).

use crate::state::AppState;
use app::context::Visitor;
use app::domain::Permission;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use tokio::sync::broadcast::{self, error::RecvError};
use uuid::Uuid;

/// Tells every open page of a workspace that its people changed.
#[derive(Clone)]
pub struct LiveUpdates(broadcast::Sender<Uuid>);

/// Sent when the server shuts down: every stream ends, so shutting down does not wait on them.
const CLOSING: Uuid = Uuid::nil();

impl Default for LiveUpdates {
    fn default() -> Self {
        Self(broadcast::channel(256).0)
    }
}

impl LiveUpdates {
    pub fn members_changed(&self, workspace_id: Uuid) {
        // No open page is not an error.
        let _ = self.0.send(workspace_id);
    }

    pub fn close(&self) {
        let _ = self.0.send(CLOSING);
    }
}

/// `GET /api/live/users`: an event stream of "members changed" for the viewer's workspace.
pub async fn users(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let Some(actor) = visitor.actor else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if !actor.can(Permission::ViewMembers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let changes = state.live.0.subscribe();
    let workspace_id = actor.workspace_id;
    let stream = futures::stream::unfold(changes, move |mut changes| async move {
        loop {
            match changes.recv().await {
                Ok(CLOSING) | Err(RecvError::Closed) => return None,
                Ok(changed) if changed != workspace_id => continue,
                // Missed some: say "changed" once, which covers them.
                Ok(_) | Err(RecvError::Lagged(_)) => {
                    let event = Event::default().event("members").data("changed");
                    return Some((Ok::<_, Infallible>(event), changes));
                }
            }
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
