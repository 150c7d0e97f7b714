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
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;
use uuid::Uuid;

/// Tells every open page of a workspace that its people changed. Each workspace has its own
/// channel, so a busy workspace never wakes another's pages.
#[derive(Clone)]
pub struct LiveUpdates {
    channels: Arc<Mutex<HashMap<Uuid, broadcast::Sender<()>>>>,
    /// Set when the server shuts down: every stream ends, so shutting down does not wait.
    closing: watch::Sender<bool>,
}

/// A stream ends after this long; the browser reconnects, and the reconnection is checked
/// against the session again (rights, deactivation, removal, the 12-hour limit).
const STREAM_LIFETIME: Duration = Duration::from_secs(5 * 60);

impl Default for LiveUpdates {
    fn default() -> Self {
        Self {
            channels: Arc::default(),
            closing: watch::channel(false).0,
        }
    }
}

impl LiveUpdates {
    pub fn members_changed(&self, workspace_id: Uuid) {
        let mut channels = self.channels.lock().expect("live channels");
        // Nobody listening any more: the channel is forgotten.
        if let Some(channel) = channels.get(&workspace_id)
            && channel.send(()).is_err()
        {
            channels.remove(&workspace_id);
        }
    }

    fn subscribe(&self, workspace_id: Uuid) -> broadcast::Receiver<()> {
        let mut channels = self.channels.lock().expect("live channels");
        channels
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

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
    let mut closing = state.live.closing.subscribe();
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
