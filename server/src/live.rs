//! Live updates of the Users page: when an invitee accepts or declines, or an email's delivery
//! state changes, the open pages of that workspace hear "members changed" over server-sent
//! events (`http::live`) and fetch their page again. The signal carries no data: what the page then fetches
//! is checked like any other request. In-process only: with several server instances, a page
//! hears the changes its own instance made (PostgreSQL LISTEN/NOTIFY would carry them across).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// Tells every open page of a workspace that its people changed. Each workspace has its own
/// channel, so a busy workspace never wakes another's pages.
#[derive(Clone)]
pub struct LiveUpdates {
    channels: Arc<Mutex<HashMap<Uuid, broadcast::Sender<()>>>>,
    /// Set when the server shuts down: every stream ends, so shutting down does not wait.
    closing: watch::Sender<bool>,
}

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

    pub fn subscribe(&self, workspace_id: Uuid) -> broadcast::Receiver<()> {
        let mut channels = self.channels.lock().expect("live channels");
        channels
            .entry(workspace_id)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    /// Becomes true when the server shuts down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}
